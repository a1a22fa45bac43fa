// String functions (ksqlDB's "string" family): case, padding, searching, splitting, masking, bytes.
import { createHash, randomUUID } from 'node:crypto';
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';
import { byteEncoding, decodeBytes, encodeText } from './byte-encodings.js';
import { checkMaskCount, maskCharacters, maskRange } from './string-mask.js';

const MASK_CHARACTER_PARAMS = [P.string, P.string, P.string, P.string];

/** Java-style substring bounds: 1-based `position`, negative counts from the end. */
function substringStart(length: number, position: number): number {
  return position >= 0 ? Math.max(0, Math.min(position - 1, length)) : Math.max(0, length + position);
}

function substringEnd(length: number, start: number, count: number): number {
  return Math.max(start, Math.min(length, start + count));
}

function substringOf<Sequence extends string | Uint8Array>(value: Sequence, position: number, count?: number): Sequence {
  const start = substringStart(value.length, position);
  const end = count === undefined ? value.length : substringEnd(value.length, start, count);
  return value.slice(start, end) as Sequence;
}

/** ksqlDB's INSTR: the 1-based index of the n-th occurrence searching from `position` (backwards when negative). */
function instr(text: string, search: string, position = 1, occurrence = 1): number {
  if (position > 0) {
    let index = position - 2;
    for (let found = 0; found < occurrence; found++) {
      index = text.indexOf(search, index + 1);
      if (index < 0) return 0;
    }
    return index + 1;
  }
  if (position < 0) {
    let index = text.length + position + 1;
    for (let found = 0; found < occurrence; found++) {
      if (index - 1 < 0) return 0;
      index = text.lastIndexOf(search, index - 1);
      if (index < 0) return 0;
    }
    return index + 1;
  }
  return 0;
}

/** LPAD/RPAD: null for a negative length or an empty pad; the result is exactly `length` long. */
function padText(text: string, length: number, padding: string, side: 'left' | 'right'): string | null {
  if (length < 0 || padding.length === 0) return null;
  const padLength = Math.max(length - text.length, 0);
  const pad = padding.repeat(Math.ceil(padLength / padding.length)).slice(0, padLength);
  return (side === 'left' ? pad + text : text + pad).slice(0, length);
}

function padBytes(bytes: Uint8Array, length: number, padding: Uint8Array, side: 'left' | 'right'): Buffer | null {
  if (length < 0 || padding.length === 0) return null;
  const padLength = Math.max(length - bytes.length, 0);
  const pad = Buffer.alloc(padLength);
  for (let index = 0; index < padLength; index++) pad[index] = padding[index % padding.length]!;
  const joined = side === 'left' ? Buffer.concat([pad, bytes]) : Buffer.concat([bytes, pad]);
  return joined.subarray(0, length);
}

/** SPLIT keeps empty leading and trailing parts; an empty delimiter splits into characters. */
function splitText(text: string, delimiter: string): string[] {
  if (text.length === 0) return [''];
  return delimiter.length === 0 ? Array.from(text) : text.split(delimiter);
}

function splitBytes(bytes: Uint8Array, delimiter: Uint8Array): Buffer[] {
  const buffer = Buffer.from(bytes);
  if (buffer.length === 0) return [Buffer.alloc(0)];
  if (delimiter.length === 0) return Array.from(buffer, (byte) => Buffer.from([byte]));
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = buffer.indexOf(delimiter, 0); index >= 0; index = buffer.indexOf(delimiter, start)) {
    parts.push(buffer.subarray(start, index));
    start = index + delimiter.length;
  }
  parts.push(buffer.subarray(start));
  return parts;
}

/** SPLIT_TO_MAP: entries without exactly one key/value delimiter are skipped; later keys win. */
function splitToMap(text: string, entryDelimiter: string, valueDelimiter: string): Map<string, string> | null {
  if (entryDelimiter.length === 0 || valueDelimiter.length === 0 || entryDelimiter === valueDelimiter) return null;
  const entries = new Map<string, string>();
  for (const entry of text.split(entryDelimiter)) {
    if (entry.length === 0) continue;
    const parts = entry.split(valueDelimiter);
    if (parts.length === 2) entries.set(parts[0]!, parts[1]!);
  }
  return entries;
}

function initCap(text: string): string {
  return text.replace(/(^|\s)(\S+)/g, (_match, space: string, word: string) =>
    space + word.charAt(0).toUpperCase() + word.slice(1).toLowerCase(),
  );
}

/** CHR of a code point, or of a '\uXXXX' escape; null when it is not a valid character. */
function chrOfCode(code: number): string | null {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function chrOfEscape(escape: string): string | null {
  const match = /^\\u([0-9a-fA-F]{4})$/.exec(escape);
  return match === null ? null : String.fromCharCode(parseInt(match[1]!, 16));
}

/** The UUID text of 16 bytes, or null when there are not exactly 16. */
function uuidOfBytes(bytes: Uint8Array): string | null {
  if (bytes.length !== 16) return null;
  const hex = Buffer.from(bytes).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const nonNull = (values: readonly unknown[]): unknown[] => values.filter((value) => value !== null);

function concatBytes(values: readonly unknown[]): Buffer {
  return Buffer.concat(nonNull(values) as Uint8Array[]);
}

function joinBytes(separator: Uint8Array, values: readonly unknown[]): Buffer {
  const parts = nonNull(values) as Uint8Array[];
  return Buffer.concat(parts.flatMap((part, index) => (index === 0 ? [part] : [separator, part])));
}

export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'CHR',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The single character for a Unicode code point or a \\uXXXX escape.',
    overloads: [fixed([P.int], P.string, chrOfCode), fixed([P.string], P.string, chrOfEscape)],
  },
  {
    name: 'CONCAT',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Concatenates strings or bytes, skipping nulls.',
    overloads: [
      fixed([P.string], P.string, (...values: string[]) => nonNull(values).join(''), { variadic: true, nulls: 'handlesNulls' }),
      fixed([P.bytes], P.bytes, (...values: Uint8Array[]) => concatBytes(values), { variadic: true, nulls: 'handlesNulls' }),
    ],
  },
  {
    name: 'CONCAT_WS',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Joins strings or bytes with a separator, skipping nulls; a null separator gives null.',
    overloads: [
      fixed(
        [P.string, P.string],
        P.string,
        (separator: string | null, ...values: string[]) => (separator === null ? null : nonNull(values).join(separator)),
        { variadic: true, nulls: 'handlesNulls' },
      ),
      fixed(
        [P.bytes, P.bytes],
        P.bytes,
        (separator: Uint8Array | null, ...values: Uint8Array[]) => (separator === null ? null : joinBytes(separator, values)),
        { variadic: true, nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'ELT',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The n-th (1-based) of the given strings, or null when n is out of range.',
    overloads: [
      fixed([P.int, P.string], P.string, (index: number | null, ...values: (string | null)[]) =>
        index === null || index < 1 || index > values.length ? null : values[index - 1]!,
        { variadic: true, nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'ENCODE',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Re-encodes a string from one encoding (hex, utf8, ascii, base64) to another.',
    overloads: [
      fixed([P.string, P.string, P.string], P.string, (text: string, from: string, to: string) => {
        const target = byteEncoding(to);
        const encoded = decodeBytes(encodeText(text, byteEncoding(from)), target);
        // ENCODE writes hex with commons-codec (lower case), unlike FROM_BYTES
        return target === 'hex' ? encoded.toLowerCase() : encoded;
      }),
    ],
  },
  {
    name: 'FIELD',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The 1-based position of a string among the others, or 0 when absent or null.',
    overloads: [
      fixed([P.string, P.string], P.int, (search: string | null, ...values: (string | null)[]) =>
        search === null ? 0 : values.indexOf(search) + 1,
        { variadic: true, nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'FROM_BYTES',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Decodes bytes into a string using hex, utf8, ascii or base64.',
    overloads: [
      fixed([P.bytes, P.string], P.string, (bytes: Uint8Array, encoding: string) =>
        decodeBytes(bytes, byteEncoding(encoding)),
      ),
    ],
  },
  {
    name: 'INITCAP',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Capitalizes the first letter of each word and lower-cases the rest.',
    overloads: [fixed([P.string], P.string, initCap)],
  },
  {
    name: 'INSTR',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The 1-based position of a substring, optionally from a position and for the n-th occurrence; 0 if absent.',
    overloads: [
      fixed([P.string, P.string], P.int, (text: string, search: string) => instr(text, search)),
      fixed([P.string, P.string, P.int], P.int, (text: string, search: string, position: number) =>
        instr(text, search, position),
      ),
      fixed([P.string, P.string, P.int, P.int], P.int, instr),
    ],
  },
  {
    name: 'LCASE',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Converts a string to lower case.',
    overloads: [fixed([P.string], P.string, (text: string) => text.toLowerCase())],
  },
  {
    name: 'LEN',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The length of a string in characters, or of bytes in bytes.',
    overloads: [
      fixed([P.string], P.int, (text: string) => text.length),
      fixed([P.bytes], P.int, (bytes: Uint8Array) => bytes.length),
    ],
  },
  {
    name: 'LPAD',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Pads a string or bytes on the left to the given length (truncating longer input).',
    overloads: [
      fixed([P.string, P.int, P.string], P.string, (text: string, length: number, padding: string) =>
        padText(text, length, padding, 'left'),
      ),
      fixed([P.bytes, P.int, P.bytes], P.bytes, (bytes: Uint8Array, length: number, padding: Uint8Array) =>
        padBytes(bytes, length, padding, 'left'),
      ),
    ],
  },
  {
    name: 'MASK',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Masks every character: upper case X, lower case x, digits n, others -, or the given replacements.',
    overloads: [
      fixed([P.string], P.string, (text: string) => maskRange(text, 0, text.length, maskCharacters([]))),
      fixed([P.string, ...MASK_CHARACTER_PARAMS], P.string, (text: string | null, ...replacements: unknown[]) =>
        text === null ? null : maskRange(text, 0, text.length, maskCharacters(replacements)),
        { nulls: 'handlesNulls' },
      ),
    ],
  },
  ...maskVariants(),
  {
    name: 'MD5',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The MD5 hash of a string as 32 lower-case hex digits.',
    overloads: [fixed([P.string], P.string, (text: string) => createHash('md5').update(text, 'utf8').digest('hex'))],
  },
  {
    name: 'REPLACE',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Replaces every occurrence of a substring with another string.',
    overloads: [
      fixed([P.string, P.string, P.string], P.string, (text: string, search: string, replacement: string) =>
        text.replaceAll(search, () => replacement),
      ),
    ],
  },
  {
    name: 'RPAD',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Pads a string or bytes on the right to the given length (truncating longer input).',
    overloads: [
      fixed([P.string, P.int, P.string], P.string, (text: string, length: number, padding: string) =>
        padText(text, length, padding, 'right'),
      ),
      fixed([P.bytes, P.int, P.bytes], P.bytes, (bytes: Uint8Array, length: number, padding: Uint8Array) =>
        padBytes(bytes, length, padding, 'right'),
      ),
    ],
  },
  {
    name: 'SPLIT',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Splits a string or bytes on a delimiter; an empty delimiter splits into characters.',
    overloads: [
      fixed([P.string, P.string], P.array(P.string), splitText),
      fixed([P.bytes, P.bytes], P.array(P.bytes), splitBytes),
    ],
  },
  {
    name: 'SPLIT_TO_MAP',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Splits a string into a map using an entry delimiter and a key/value delimiter.',
    overloads: [fixed([P.string, P.string, P.string], P.map(P.string, P.string), splitToMap)],
  },
  {
    name: 'SUBSTRING',
    type: 'SCALAR',
    category: 'STRING',
    description: 'The part of a string or bytes from a 1-based position (negative counts from the end), optionally of a length.',
    overloads: [
      fixed([P.string, P.int], P.string, (text: string, position: number) => substringOf(text, position)),
      fixed([P.string, P.int, P.int], P.string, (text: string, position: number, count: number) =>
        substringOf(text, position, count),
      ),
      fixed([P.bytes, P.int], P.bytes, (bytes: Uint8Array, position: number) => substringOf(bytes, position)),
      fixed([P.bytes, P.int, P.int], P.bytes, (bytes: Uint8Array, position: number, count: number) =>
        substringOf(bytes, position, count),
      ),
    ],
  },
  {
    name: 'TO_BYTES',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Encodes a string into bytes using hex, utf8, ascii or base64.',
    overloads: [
      fixed([P.string, P.string], P.bytes, (text: string, encoding: string) =>
        encodeText(text, byteEncoding(encoding)),
      ),
    ],
  },
  {
    name: 'TRIM',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Removes leading and trailing whitespace.',
    // Java's String.trim() strips every character up to U+0020, not just Unicode whitespace.
    overloads: [fixed([P.string], P.string, (text: string) => text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, ''))],
  },
  {
    name: 'UCASE',
    type: 'SCALAR',
    category: 'STRING',
    description: 'Converts a string to upper case.',
    overloads: [fixed([P.string], P.string, (text: string) => text.toUpperCase())],
  },
  {
    name: 'UUID',
    type: 'SCALAR',
    category: 'STRING',
    description: 'A random UUID, or the UUID text of 16 bytes.',
    overloads: [fixed([], P.string, () => randomUUID()), fixed([P.bytes], P.string, uuidOfBytes)],
  },
];

/** MASK_LEFT / MASK_RIGHT mask n characters at one end; MASK_KEEP_* mask all but n. */
function maskVariants(): FunctionDefinition[] {
  const variants: readonly [string, string, (length: number, count: number) => readonly [number, number]][] = [
    ['MASK_LEFT', 'Masks the first n characters.', (_length, count) => [0, count]],
    ['MASK_RIGHT', 'Masks the last n characters.', (length, count) => [length - count, length]],
    ['MASK_KEEP_LEFT', 'Masks all but the first n characters.', (length, count) => [count, length]],
    ['MASK_KEEP_RIGHT', 'Masks all but the last n characters.', (length, count) => [0, length - count]],
  ];
  return variants.map(([name, description, range]) => {
    const mask = (text: string | null, count: number | null, ...replacements: unknown[]): string | null => {
      if (text === null || count === null) return null;
      const [start, end] = range(text.length, checkMaskCount(count, name));
      return maskRange(text, start, end, maskCharacters(replacements));
    };
    return {
      name,
      type: 'SCALAR',
      category: 'STRING',
      description: `${description} Upper case X, lower case x, digits n, others -, or the given replacements.`,
      overloads: [
        fixed([P.string, P.int], P.string, mask),
        fixed([P.string, P.int, ...MASK_CHARACTER_PARAMS], P.string, mask, { nulls: 'handlesNulls' }),
      ],
    };
  });
}
