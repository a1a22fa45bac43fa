// Java DateTimeFormatter patterns ('yyyy-MM-dd''T''HH:mm:ss.SSSX', 'dd-MMM-yyyy zzz'...) compiled for
// formatting wall-clock fields and for parsing text back into them.
import { compiledCache } from './compiled-cache.js';
import { formatOffset, resolveTimeZone, zoneName, type TimeZone } from './time-zones.js';

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly count: number };

/** A moment to format: wall-clock ms (local time as if UTC), and the zone it is shown in. */
export interface ZonedMoment {
  readonly localMs: number;
  readonly utcMs: number;
  readonly offsetMs: number;
  readonly zone: TimeZone;
}

/** What parsing found; absent fields take their defaults when resolved (1970-01-01T00:00:00). */
export interface ParsedFields {
  year?: number;
  month?: number;
  day?: number;
  dayOfYear?: number;
  hour?: number;
  hour12?: number;
  pm?: boolean;
  minute?: number;
  second?: number;
  fractionMs?: number;
  offsetMs?: number;
  zone?: TimeZone;
}

export interface DateTimePattern {
  format(moment: ZonedMoment): string;
  parse(text: string): ParsedFields;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const NUMERIC_LETTERS = new Set(['y', 'u', 'M', 'L', 'd', 'D', 'H', 'h', 'k', 'K', 'm', 's', 'S', 'n']);
const KNOWN_LETTERS = new Set([...NUMERIC_LETTERS, 'a', 'E', 'z', 'Z', 'X', 'x', 'V']);
/** Compiles (and caches) a pattern; throws for letters Java rejects or this port does not support. */
export const compilePattern = compiledCache((pattern: string): DateTimePattern => {
  const tokens = tokenize(pattern);
  return { format: (moment) => formatTokens(tokens, moment), parse: (text) => parseTokens(tokens, text) };
});

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const character = pattern.charAt(index);
    if (character === "'") {
      index = readQuoted(pattern, index, tokens);
    } else if (/[A-Za-z]/.test(character)) {
      let end = index;
      while (pattern.charAt(end) === character) end++;
      if (!KNOWN_LETTERS.has(character)) throw new Error(`Unknown pattern letter: ${character}`);
      tokens.push({ kind: 'field', letter: character, count: end - index });
      index = end;
    } else if ('[]{}#'.includes(character)) {
      throw new Error(`Unsupported pattern character '${character}' in '${pattern}'`);
    } else {
      tokens.push({ kind: 'literal', text: character });
      index++;
    }
  }
  return tokens;
}

/** Reads 'quoted text' starting at the opening quote; '' is a literal quote, inside or outside quotes. */
function readQuoted(pattern: string, start: number, tokens: Token[]): number {
  if (pattern.charAt(start + 1) === "'") {
    tokens.push({ kind: 'literal', text: "'" });
    return start + 2;
  }
  let text = '';
  let index = start + 1;
  while (index < pattern.length) {
    if (pattern.charAt(index) === "'") {
      if (pattern.charAt(index + 1) !== "'") break;
      text += "'";
      index += 2;
    } else {
      text += pattern.charAt(index++);
    }
  }
  if (index >= pattern.length) throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
  tokens.push({ kind: 'literal', text });
  return index + 1;
}

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

function formatTokens(tokens: readonly Token[], moment: ZonedMoment): string {
  const date = new Date(moment.localMs);
  return tokens
    .map((token) => (token.kind === 'literal' ? token.text : formatField(token.letter, token.count, date, moment)))
    .join('');
}

function formatField(letter: string, count: number, date: Date, moment: ZonedMoment): string {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(date.getUTCFullYear() % 100, 2) : pad(date.getUTCFullYear(), count);
    case 'M':
    case 'L':
      return formatText(date.getUTCMonth(), count, MONTHS) ?? pad(date.getUTCMonth() + 1, count);
    case 'd':
      return pad(date.getUTCDate(), count);
    case 'D':
      return pad(dayOfYear(date), count);
    case 'H':
      return pad(date.getUTCHours(), count);
    case 'h':
      return pad(date.getUTCHours() % 12 || 12, count);
    case 'k':
      return pad(date.getUTCHours() || 24, count);
    case 'K':
      return pad(date.getUTCHours() % 12, count);
    case 'm':
      return pad(date.getUTCMinutes(), count);
    case 's':
      return pad(date.getUTCSeconds(), count);
    case 'S':
      return `${pad(date.getUTCMilliseconds(), 3)}000000`.slice(0, count).padEnd(count, '0');
    case 'n':
      return pad(date.getUTCMilliseconds() * 1_000_000, count);
    case 'a':
      return date.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'E':
      return formatText((date.getUTCDay() + 6) % 7, Math.max(count, 3), WEEKDAYS)!;
    default:
      return formatZone(letter, count, moment);
  }
}

/** MMM → Jan, MMMM → January, MMMMM → J; null for the numeric widths. */
function formatText(index: number, count: number, names: readonly string[]): string | null {
  const name = names[index]!;
  if (count === 3) return name.slice(0, 3);
  if (count === 4) return name;
  if (count === 5) return name.charAt(0);
  return null;
}

function dayOfYear(date: Date): number {
  return Math.floor((date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

function formatZone(letter: string, count: number, moment: ZonedMoment): string {
  const offset = moment.offsetMs;
  switch (letter) {
    case 'z':
      return zoneName(moment.zone, moment.utcMs, count >= 4 ? 'long' : 'short');
    case 'V':
      return moment.zone.id;
    case 'Z':
      if (count === 4) return offset === 0 ? 'GMT' : `GMT${formatOffset(offset, 'colon', '')}`;
      return count === 5 ? formatOffset(offset, 'colon', 'Z') : formatOffset(offset, 'compact', '');
    case 'X':
      return formatOffset(offset, count === 1 ? 'hours' : count === 2 ? 'compact' : 'colon', 'Z');
    default: // 'x': like X, but zero is printed as digits
      return formatOffset(offset, count === 1 ? 'hours' : count === 2 ? 'compact' : 'colon', '');
  }
}

/** A parse cursor over the input text. */
interface Cursor {
  readonly text: string;
  index: number;
}

function parseTokens(tokens: readonly Token[], text: string): ParsedFields {
  const cursor: Cursor = { text, index: 0 };
  const fields: ParsedFields = {};
  tokens.forEach((token, position) => {
    if (token.kind === 'literal') {
      expectLiteral(cursor, token.text);
    } else {
      const next = tokens[position + 1];
      const adjacentNumber = next !== undefined && next.kind === 'field' && NUMERIC_LETTERS.has(next.letter);
      parseField(cursor, token.letter, token.count, adjacentNumber, fields);
    }
  });
  if (cursor.index < text.length) throw parseError(cursor);
  return fields;
}

function parseError(cursor: Cursor): Error {
  return new Error(`Text '${cursor.text}' could not be parsed at index ${cursor.index}`);
}

function expectLiteral(cursor: Cursor, literal: string): void {
  const found = cursor.text.slice(cursor.index, cursor.index + literal.length);
  if (found.toLowerCase() !== literal.toLowerCase()) throw parseError(cursor);
  cursor.index += literal.length;
}

/**
 * Reads ASCII digits: exactly `count` when another number follows directly (yyyyMMdd), otherwise
 * as many as there are, up to `maxDigits`. Scans characters rather than building a RegExp, as
 * this runs for every field of every parsed value.
 */
function readDigits(cursor: Cursor, count: number, adjacentNumber: boolean, maxDigits: number): string {
  const start = cursor.index;
  const limit = Math.min(cursor.text.length, start + (adjacentNumber ? count : maxDigits));
  let end = start;
  while (end < limit && isDigit(cursor.text.charCodeAt(end))) end++;
  if (end === start || (adjacentNumber && end - start !== count)) throw parseError(cursor);
  cursor.index = end;
  return cursor.text.slice(start, end);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57; // '0'..'9'
}

function readNumber(cursor: Cursor, count: number, adjacentNumber: boolean): number {
  return Number(readDigits(cursor, count, adjacentNumber, 10));
}

/** Case-insensitive match of the longest name (or 3-letter abbreviation) at the cursor; returns its index. */
function readName(cursor: Cursor, names: readonly string[], count: number): number {
  const rest = cursor.text.slice(cursor.index).toLowerCase();
  const candidates = names.map((name) => (count >= 4 ? name : name.slice(0, 3)).toLowerCase());
  const index = candidates.findIndex((candidate) => rest.startsWith(candidate));
  if (index < 0) throw parseError(cursor);
  cursor.index += candidates[index]!.length;
  return index;
}

function parseField(cursor: Cursor, letter: string, count: number, adjacentNumber: boolean, fields: ParsedFields): void {
  switch (letter) {
    case 'y':
    case 'u': {
      const year = readNumber(cursor, count, adjacentNumber || count === 2);
      fields.year = count === 2 ? 2000 + year : year;
      return;
    }
    case 'M':
    case 'L':
      fields.month = count >= 3 ? readName(cursor, MONTHS, count) + 1 : readNumber(cursor, count, adjacentNumber);
      return;
    case 'd':
      fields.day = readNumber(cursor, count, adjacentNumber);
      return;
    case 'D':
      fields.dayOfYear = readNumber(cursor, count, adjacentNumber);
      return;
    case 'H':
    case 'k':
      fields.hour = readNumber(cursor, count, adjacentNumber) % 24;
      return;
    case 'h':
    case 'K':
      fields.hour12 = readNumber(cursor, count, adjacentNumber) % 12;
      return;
    case 'm':
      fields.minute = readNumber(cursor, count, adjacentNumber);
      return;
    case 's':
      fields.second = readNumber(cursor, count, adjacentNumber);
      return;
    case 'S':
      fields.fractionMs = readFraction(cursor, count, adjacentNumber);
      return;
    case 'n':
      fields.fractionMs = Math.floor(readNumber(cursor, count, adjacentNumber) / 1_000_000);
      return;
    case 'a':
      fields.pm = readName(cursor, ['AM', 'PM'], 4) === 1;
      return;
    case 'E':
      readName(cursor, WEEKDAYS, count);
      return;
    case 'z':
    case 'V':
      fields.zone = readZoneName(cursor);
      return;
    default:
      fields.offsetMs = readOffset(cursor);
  }
}

/** Fraction digits, to ms (digits beyond the third are dropped). */
function readFraction(cursor: Cursor, count: number, adjacentNumber: boolean): number {
  return Number(readDigits(cursor, count, adjacentNumber, 9).padEnd(3, '0').slice(0, 3));
}

function readZoneName(cursor: Cursor): TimeZone {
  const match = /^[A-Za-z][A-Za-z_]*(?:\/[A-Za-z_]+)*(?:[+-]\d{1,2}(?::?\d{2})?)?/.exec(cursor.text.slice(cursor.index));
  if (match === null) throw parseError(cursor);
  try {
    const zone = resolveTimeZone(match[0]);
    cursor.index += match[0].length;
    return zone;
  } catch {
    throw parseError(cursor);
  }
}

/** `Z` (either case), `+HH`, `+HHmm`, `+HH:mm`, optionally after GMT/UTC. */
function readOffset(cursor: Cursor): number {
  const match = /^(?:GMT|UTC)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)/.exec(cursor.text.slice(cursor.index));
  if (match === null) throw parseError(cursor);
  cursor.index += match[0].length;
  if (match[1] !== undefined) return 0;
  const minutes = Number(match[3]) * 60 + Number(match[4] ?? '0');
  return (match[2] === '-' ? -1 : 1) * minutes * 60_000;
}
