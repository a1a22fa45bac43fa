// Changelog keys of windowed stores in Kafka Streams' store-key layout (WindowKeySchema and
// SessionKeySchema `toStoreKeyBinary`), so that a changelog written by one reads in the other.
// A key-value store's changelog key is the key itself.
import { readInt64, writeInt64 } from '../serde/byte-view.js';

const TIMESTAMP_SIZE = 8;
const SEQUENCE_SIZE = 4;
const WINDOW_SUFFIX_SIZE = TIMESTAMP_SIZE + SEQUENCE_SIZE;
const SESSION_SUFFIX_SIZE = 2 * TIMESTAMP_SIZE;

export interface WindowChangelogKey {
  readonly key: Uint8Array;
  readonly windowStart: number;
}

export interface SessionChangelogKey {
  readonly key: Uint8Array;
  readonly start: number;
  readonly end: number;
}

/**
 * key ++ int64 window start ++ int32 sequence number, all big-endian. The sequence number tells
 * apart duplicates in a store that retains them; these stores do not, so it is always 0.
 */
export function encodeWindowKey(key: Uint8Array, windowStart: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(key.length + WINDOW_SUFFIX_SIZE);
  bytes.set(key);
  writeInt64(bytes, key.length, windowStart);
  return bytes;
}

/** Undefined when `bytes` is too short to hold the window start and sequence number. */
export function decodeWindowKey(bytes: Uint8Array): WindowChangelogKey | undefined {
  const keyLength = bytes.length - WINDOW_SUFFIX_SIZE;
  if (keyLength < 0) return undefined;
  return { key: bytes.subarray(0, keyLength), windowStart: readInt64(bytes, keyLength) };
}

/** key ++ int64 end ++ int64 start, big-endian: Kafka Streams puts the end first. */
export function encodeSessionKey(key: Uint8Array, start: number, end: number): Uint8Array {
  const bytes = Buffer.allocUnsafe(key.length + SESSION_SUFFIX_SIZE);
  bytes.set(key);
  writeInt64(bytes, key.length, end);
  writeInt64(bytes, key.length + TIMESTAMP_SIZE, start);
  return bytes;
}

/** Undefined when `bytes` is too short to hold the session's end and start. */
export function decodeSessionKey(bytes: Uint8Array): SessionChangelogKey | undefined {
  const keyLength = bytes.length - SESSION_SUFFIX_SIZE;
  if (keyLength < 0) return undefined;
  return {
    key: bytes.subarray(0, keyLength),
    end: readInt64(bytes, keyLength),
    start: readInt64(bytes, keyLength + TIMESTAMP_SIZE),
  };
}
