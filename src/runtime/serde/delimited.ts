// The DELIMITED format: one headerless CSV record per message, quoted as ksqlDB's Commons CSV version does.
import type { Decimal, SqlType } from '../../planner/index.js';
import type { RowSerde, SerdeColumn, SerdeRole } from './format.js';
import { createNoneSerde } from './none.js';
import {
  decodeBase64,
  encodeBase64,
  formatDouble,
  parseBigintText,
  parseDecimalText,
  parseDoubleText,
  parseIntegerText,
} from './scalar-text.js';
import { SerdeError } from './serde-error.js';

type FieldWriter = (value: unknown) => string;
type FieldParser = (text: string) => unknown;

const utf8Decoder = new TextDecoder('utf-8');
const QUOTE = '"';
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
/** Commons CSV's comment marker; a field starting with it or anything lower is quoted. */
const COMMENT_MARKER = 0x23;

/** Expects the planner's format rules to have rejected ARRAY, MAP and STRUCT columns. */
export function createDelimitedSerde(columns: readonly SerdeColumn[], role: SerdeRole, delimiter: string): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  // A key of one null column is a null key, written as null bytes like KAFKA and JSON keys; a
  // value of one null column stays an empty record, since null bytes would be a tombstone.
  const nullKeyWhenNull = role === 'key' && columns.length === 1;
  const writers = columns.map((column) => buildFieldWriter(column.type));
  const parsers = columns.map((column) => buildFieldParser(column.type));
  return {
    serialize(values) {
      if (values === null || (nullKeyWhenNull && (values[0] === null || values[0] === undefined))) return null;
      let text = '';
      for (let index = 0; index < writers.length; index++) {
        const value = values[index];
        const field = value === null || value === undefined ? '' : quoteField(writers[index]!(value), index === 0, delimiter);
        text += index === 0 ? field : delimiter + field;
      }
      return Buffer.from(text, 'utf8');
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      const fields = parseRecord(utf8Decoder.decode(bytes), delimiter);
      if (fields.length !== parsers.length) {
        throw new SerdeError(`Column count mismatch on deserialization. expected: ${parsers.length}, got: ${fields.length}`);
      }
      // An empty field, quoted or not, is a null.
      return fields.map((field, index) => (field === '' ? null : parsers[index]!(field)));
    },
  };
}

function buildFieldWriter(type: SqlType): FieldWriter {
  switch (type.kind) {
    case 'DOUBLE':
      return (value) => formatDouble(value as number);
    case 'DECIMAL': {
      const scale = type.scale;
      return (value) => (value as Decimal).withScale(scale).toString();
    }
    case 'STRING':
      return (value) => value as string;
    case 'BYTES':
      return (value) => encodeBase64(value as Uint8Array);
    default:
      return (value) => String(value);
  }
}

function buildFieldParser(type: SqlType): FieldParser {
  switch (type.kind) {
    case 'BOOLEAN':
      // Boolean.parseBoolean: anything but "true" (any case) is false.
      return (text) => text.toLowerCase() === 'true';
    case 'INTEGER':
    case 'DATE':
    case 'TIME':
      return parseIntegerText;
    case 'BIGINT':
      return parseBigintText;
    case 'TIMESTAMP':
      return (text) => Number(parseBigintText(text));
    case 'DOUBLE':
      return parseDoubleText;
    case 'DECIMAL': {
      const { precision, scale } = type;
      return (text) => parseDecimalText(text, precision, scale);
    }
    case 'STRING':
      return (text) => text;
    case 'BYTES':
      return decodeBase64;
    default:
      throw new Error(`DELIMITED format cannot hold ${type.kind}; the planner's format rules should have rejected it`);
  }
}

/**
 * Commons CSV's MINIMAL quoting: the first field of a record is quoted unless it starts with a
 * letter or digit (so a leading `-` is quoted); any field is quoted when it starts with a
 * character up to `#`, contains a quote, the delimiter or a line break, or ends in a blank.
 */
function quoteField(text: string, firstInRecord: boolean, delimiter: string): string {
  if (text.length === 0) return firstInRecord ? '""' : '';
  return needsQuotes(text, firstInRecord, delimiter) ? `"${text.replaceAll(QUOTE, '""')}"` : text;
}

function needsQuotes(text: string, firstInRecord: boolean, delimiter: string): boolean {
  const first = text.charCodeAt(0);
  if (firstInRecord ? !isAsciiAlphanumeric(first) : first <= COMMENT_MARKER) return true;
  const delimiterCode = delimiter.charCodeAt(0);
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === LINE_FEED || code === CARRIAGE_RETURN || code === delimiterCode || text[index] === QUOTE) return true;
  }
  return text.charCodeAt(text.length - 1) <= SPACE;
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/**
 * Splits the first CSV record of `text` into fields: `"` opens a quoted field only as its first
 * character, `""` inside one is a quote, and an unquoted line break ends the record.
 */
function parseRecord(text: string, delimiter: string): string[] {
  const fields: string[] = [];
  let position = 0;
  for (;;) {
    const field = text[position] === QUOTE ? readQuotedField(text, position, delimiter) : readPlainField(text, position, delimiter);
    fields.push(field.value);
    position = field.end;
    if (position >= text.length || text[position] !== delimiter) return fields;
    position += 1;
  }
}

interface FieldRead {
  readonly value: string;
  /** Index of the character after the field: a delimiter, a line break or the end. */
  readonly end: number;
}

function readPlainField(text: string, start: number, delimiter: string): FieldRead {
  let end = start;
  while (end < text.length && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end += 1;
  return { value: text.slice(start, end), end };
}

function readQuotedField(text: string, start: number, delimiter: string): FieldRead {
  let value = '';
  let position = start + 1;
  for (;;) {
    const closing = text.indexOf(QUOTE, position);
    if (closing === -1) throw new SerdeError('Invalid DELIMITED record: end of input inside a quoted field');
    value += text.slice(position, closing);
    if (text[closing + 1] === QUOTE) {
      value += QUOTE;
      position = closing + 2;
      continue;
    }
    const end = closing + 1;
    const next = text[end];
    if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
      throw new SerdeError('Invalid DELIMITED record: a character between a closing quote and the delimiter');
    }
    return { value, end };
  }
}
