// Character masking shared by MASK, MASK_LEFT, MASK_RIGHT, MASK_KEEP_LEFT and MASK_KEEP_RIGHT.

/** Replacement per character class; null leaves that class unmasked (ksqlDB's "pass NULL to keep"). */
export interface MaskCharacters {
  readonly upper: string | null;
  readonly lower: string | null;
  readonly digit: string | null;
  readonly other: string | null;
}

const DEFAULT_MASK: MaskCharacters = { upper: 'X', lower: 'x', digit: 'n', other: '-' };

/** Builds mask characters from the optional SQL arguments; only the first character of each counts. */
export function maskCharacters(replacements: readonly unknown[]): MaskCharacters {
  if (replacements.length === 0) return DEFAULT_MASK;
  const [upper, lower, digit, other] = replacements.map((value) =>
    typeof value === 'string' && value.length > 0 ? value.charAt(0) : null,
  );
  return { upper: upper ?? null, lower: lower ?? null, digit: digit ?? null, other: other ?? null };
}

function maskCharacter(character: string, mask: MaskCharacters): string {
  const replacement = /\p{Lu}/u.test(character)
    ? mask.upper
    : /\p{Ll}/u.test(character)
      ? mask.lower
      : /\p{Nd}/u.test(character)
        ? mask.digit
        : mask.other;
  return replacement ?? character;
}

/** Masks the characters of `text` in [start, end). */
export function maskRange(text: string, start: number, end: number, mask: MaskCharacters): string {
  const from = Math.max(0, Math.min(start, text.length));
  const to = Math.max(from, Math.min(end, text.length));
  let masked = '';
  for (let index = from; index < to; index++) masked += maskCharacter(text.charAt(index), mask);
  return text.slice(0, from) + masked + text.slice(to);
}

/** ksqlDB rejects a negative character count. */
export function checkMaskCount(count: number, functionName: string): number {
  if (count < 0) throw new Error(`function ${functionName} requires a non-negative number`);
  return count;
}
