// How ksql-test-runner's files write a topic's keys and values, per the formats of the source
// declared over the topic: JSON as JSON, DELIMITED as the line, KAFKA as a bare value of the
// column's type, the Schema Registry formats as the JSON of their row; windowed keys carry their
// window beside the key.
import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import type { Column, DataSource, FormatInfo, SqlType } from '../../planner/index.js';
import { createRowSerde, createWindowedKeySerde, type RowSerde } from '../../runtime/index.js';
import type { TestWindow } from './test-files.js';

export interface TopicCodec {
  /** Throws a RecordEncodingError when the key does not fit the key column. */
  encodeKey(key: unknown, window: TestWindow | undefined): Uint8Array | null;
  encodeValue(value: unknown): Uint8Array | null;
  decodeKey(bytes: Uint8Array | null): { key: unknown; window: TestWindow | undefined };
  decodeValue(bytes: Uint8Array | null): unknown;
}

/** An input key or value that the topic's format cannot hold. */
export class RecordEncodingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordEncodingError';
  }
}

export function topicCodec(source: DataSource): TopicCodec {
  const keyColumns = source.columns.filter((column) => column.namespace === 'KEY');
  const valueColumns = source.columns.filter((column) => column.namespace === 'VALUE');
  const keySerde = createRowSerde(source.keyFormat.format, 'key', keyColumns, source.keyFormat);
  const valueSerde = createRowSerde(source.valueFormat.format, 'value', valueColumns, source.valueFormat);
  const windowType = source.window?.type;
  const windowed = source.window === undefined ? undefined : createWindowedKeySerde(keySerde, source.window.type, source.window.sizeMs);
  const keyJson = rowJsonSerde(source.keyFormat, 'key', keyColumns);
  const valueJson = rowJsonSerde(source.valueFormat, 'value', valueColumns);
  const encodeKeyBytes = (key: unknown) => encode(key, source.keyFormat, keySerde, keyColumns[0]?.type, keyJson);
  return {
    encodeKey(key, window) {
      if (windowed === undefined || window === undefined) return encodeKeyBytes(key);
      const values = key === null ? null : keySerde.deserialize(encodeKeyBytes(key));
      return windowed.serialize(values, { start: window.start, end: window.end });
    },
    encodeValue: (value) => encode(value, source.valueFormat, valueSerde, valueColumns[0]?.type, valueJson),
    decodeKey(bytes) {
      if (windowed === undefined) return { key: decode(bytes, source.keyFormat, keySerde, keyJson), window: undefined };
      const { values, window } = windowed.deserialize(bytes);
      const key = decode(values === null ? null : keySerde.serialize(values), source.keyFormat, keySerde, keyJson);
      return { key, window: { start: window.start, end: window.end, type: windowType === 'SESSION' ? 'session' : 'time' } };
    },
    decodeValue: (bytes) => decode(bytes, source.valueFormat, valueSerde, valueJson),
  };
}

/** A topic no source is declared over: keys and values are JSON text when they parse, else strings. */
export const rawTopicCodec: TopicCodec = {
  encodeKey: (key) => rawBytes(key),
  encodeValue: (value) => rawBytes(value),
  decodeKey: (bytes) => ({ key: rawText(bytes), window: undefined }),
  decodeValue: (bytes) => rawText(bytes),
};

const REGISTRY_FORMATS: ReadonlySet<string> = new Set(['AVRO', 'PROTOBUF', 'PROTOBUF_NOSR', 'JSON_SR']);

/**
 * For the Schema Registry formats, the JSON serde of the side's row: a file writes their records as
 * the JSON the row would be (a Protobuf key is a message: an object even for one column).
 */
function rowJsonSerde(format: FormatInfo, role: 'key' | 'value', columns: readonly Column[]): RowSerde | undefined {
  if (!REGISTRY_FORMATS.has(format.format)) return undefined;
  const protobufKey = role === 'key' && format.format.startsWith('PROTOBUF');
  return createRowSerde('JSON', protobufKey ? 'value' : role, columns, { wrapSingleValue: protobufKey || format.wrapSingleValue !== false });
}

function encode(spec: unknown, format: FormatInfo, serde: RowSerde, singleType: SqlType | undefined, json: RowSerde | undefined): Uint8Array | null {
  if (spec === null) return null;
  if (json !== undefined) {
    try {
      return serde.serialize(json.deserialize(Buffer.from(jsonText(spec))));
    } catch (error) {
      throw new RecordEncodingError((error as Error).message);
    }
  }
  switch (format.format) {
    case 'DELIMITED':
      return Buffer.from(typeof spec === 'string' ? spec : jsonText(spec));
    case 'KAFKA':
      return serde.serialize([kafkaValue(spec, singleType)]);
    case 'NONE':
      return null;
    default:
      return Buffer.from(jsonText(spec));
  }
}

/** A file's bare value as the runtime value of a KAFKA-format column of `type`. */
function kafkaValue(spec: unknown, type: SqlType | undefined): unknown {
  const text = isLosslessNumber(spec) ? spec.value : typeof spec === 'string' ? spec : jsonText(spec);
  switch (type?.kind) {
    case 'INTEGER':
    case 'DOUBLE': {
      const number = Number(text);
      if (text.trim() === '' || Number.isNaN(number)) throw new RecordEncodingError(`${text} is not a ${type.kind}`);
      return number;
    }
    case 'BIGINT':
      if (!/^[+-]?\d+$/.test(text)) throw new RecordEncodingError(`${text} is not a BIGINT`);
      return BigInt(text);
    case 'BYTES':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

function decode(bytes: Uint8Array | null, format: FormatInfo, serde: RowSerde, json: RowSerde | undefined): unknown {
  if (bytes === null) return null;
  if (json !== undefined) return rawText(json.serialize(serde.deserialize(bytes)));
  switch (format.format) {
    case 'DELIMITED':
      return Buffer.from(bytes).toString('utf8');
    case 'KAFKA': {
      const value = serde.deserialize(bytes)?.[0] ?? null;
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    }
    case 'NONE':
      return null;
    default:
      return rawText(bytes);
  }
}

function jsonText(spec: unknown): string {
  return stringifyLossless(spec) ?? 'null';
}

function rawBytes(spec: unknown): Uint8Array | null {
  if (spec === null) return null;
  return Buffer.from(typeof spec === 'string' ? spec : jsonText(spec));
}

function rawText(bytes: Uint8Array | null): unknown {
  if (bytes === null) return null;
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return parseLossless(text);
  } catch {
    return text;
  }
}
