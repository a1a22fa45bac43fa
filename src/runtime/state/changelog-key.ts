// Changelog keys of windowed stores in Kafka Streams' store-key layout (WindowKeySchema and
// SessionKeySchema `toStoreKeyBinary`), so that a changelog written by one reads in the other.
// A key-value store's changelog key is the key itself.

const TIMESTAMP_SIZE = 8;
const SEQUENCE_SIZE = 4;
const WINDOW_SUFFIX_SIZE = TIMESTAMP_SIZE + SEQUENCE_SIZE;
const SESSION_SUFFIX_SIZE = 2 * TIMESTAMP_SIZE;
const TWO_TO_32 = 2 ** 32;

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
  const bytes = new Uint8Array(key.length + WINDOW_SUFFIX_SIZE);
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
  const bytes = new Uint8Array(key.length + SESSION_SUFFIX_SIZE);
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

/**
 * Two's-complement int64 from a safe integer, in two 32-bit halves written byte by byte (no BigInt),
 * as a DataView per record costs more than the rest of the key. A typed array keeps the low 8 bits
 * of what is stored in it.
 */
function writeInt64(bytes: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / TWO_TO_32);
  const low = value >>> 0;
  bytes[offset] = high >> 24;
  bytes[offset + 1] = high >> 16;
  bytes[offset + 2] = high >> 8;
  bytes[offset + 3] = high;
  bytes[offset + 4] = low >>> 24;
  bytes[offset + 5] = low >>> 16;
  bytes[offset + 6] = low >>> 8;
  bytes[offset + 7] = low;
}

/** Indexes `bytes` itself, so a slice of a larger pooled buffer reads right. */
function readInt64(bytes: Uint8Array, offset: number): number {
  const high = (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  const low = ((bytes[offset + 4]! << 24) | (bytes[offset + 5]! << 16) | (bytes[offset + 6]! << 8) | bytes[offset + 7]!) >>> 0;
  return high * TWO_TO_32 + low;
}
