// Windowed keys in Kafka Streams' layout: the inner key's bytes followed by the window bounds.
import { readInt64, writeInt64 } from './byte-view.js';
import type { RowSerde } from './format.js';
import { SerdeError } from './serde-error.js';

export type WindowType = 'TUMBLING' | 'HOPPING' | 'SESSION';

export interface Window {
  readonly start: number;
  readonly end: number;
}

export interface WindowedKeySerde {
  serialize(values: readonly unknown[] | null, window: Window): Uint8Array | null;
  deserialize(bytes: Uint8Array | null): { values: unknown[] | null; window: Window };
}

const TIMESTAMP_SIZE = 8;
const NO_BYTES = new Uint8Array(0);

/**
 * Kafka Streams windowed key layout: time windows = inner ++ int64 start (end = start + size);
 * session = inner ++ int64 end ++ int64 start. A null inner key is written as no bytes and read
 * back as null values.
 */
export function createWindowedKeySerde(
  inner: RowSerde,
  windowType: WindowType,
  windowSizeMs: number | undefined,
): WindowedKeySerde {
  if (windowType === 'SESSION') return createSessionKeySerde(inner);
  if (windowSizeMs === undefined) throw new Error(`a ${windowType} windowed key needs the window size`);
  return createTimeWindowKeySerde(inner, windowSizeMs);
}

function createTimeWindowKeySerde(inner: RowSerde, windowSizeMs: number): WindowedKeySerde {
  return {
    serialize(values, window) {
      if (values === null) return null;
      const key = inner.serialize(values) ?? NO_BYTES;
      const bytes = Buffer.allocUnsafe(key.length + TIMESTAMP_SIZE);
      bytes.set(key);
      writeInt64(bytes, key.length, window.start);
      return bytes;
    },
    deserialize(bytes) {
      const windowed = requireWindowBounds(bytes, TIMESTAMP_SIZE);
      const keyLength = windowed.length - TIMESTAMP_SIZE;
      const start = readInt64(windowed, keyLength);
      return { values: readInner(inner, windowed, keyLength), window: { start, end: start + windowSizeMs } };
    },
  };
}

function createSessionKeySerde(inner: RowSerde): WindowedKeySerde {
  return {
    serialize(values, window) {
      if (values === null) return null;
      const key = inner.serialize(values) ?? NO_BYTES;
      const bytes = Buffer.allocUnsafe(key.length + 2 * TIMESTAMP_SIZE);
      bytes.set(key);
      writeInt64(bytes, key.length, window.end);
      writeInt64(bytes, key.length + TIMESTAMP_SIZE, window.start);
      return bytes;
    },
    deserialize(bytes) {
      const windowed = requireWindowBounds(bytes, 2 * TIMESTAMP_SIZE);
      const keyLength = windowed.length - 2 * TIMESTAMP_SIZE;
      const end = readInt64(windowed, keyLength);
      const start = readInt64(windowed, keyLength + TIMESTAMP_SIZE);
      return { values: readInner(inner, windowed, keyLength), window: { start, end } };
    },
  };
}


/** A windowed key cannot be null or shorter than its window bounds. */
function requireWindowBounds(bytes: Uint8Array | null, boundsSize: number): Uint8Array {
  if (bytes === null) throw new SerdeError('A windowed key cannot be null: it carries the window bounds');
  if (bytes.length < boundsSize) {
    throw new SerdeError(`A windowed key needs at least ${boundsSize} bytes for its window, got ${bytes.length}`);
  }
  return bytes;
}

function readInner(inner: RowSerde, bytes: Uint8Array, keyLength: number): unknown[] | null {
  return inner.deserialize(keyLength === 0 ? null : bytes.subarray(0, keyLength));
}
