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
  writeInt64(viewOf(bytes), key.length, windowStart);
  return bytes;
}

/** Undefined when `bytes` is too short to hold the window start and sequence number. */
export function decodeWindowKey(bytes: Uint8Array): WindowChangelogKey | undefined {
  const keyLength = bytes.length - WINDOW_SUFFIX_SIZE;
  if (keyLength < 0) return undefined;
  return { key: bytes.subarray(0, keyLength), windowStart: readInt64(viewOf(bytes), keyLength) };
}

/** key ++ int64 end ++ int64 start, big-endian: Kafka Streams puts the end first. */
export function encodeSessionKey(key: Uint8Array, start: number, end: number): Uint8Array {
  const bytes = new Uint8Array(key.length + SESSION_SUFFIX_SIZE);
  bytes.set(key);
  const view = viewOf(bytes);
  writeInt64(view, key.length, end);
  writeInt64(view, key.length + TIMESTAMP_SIZE, start);
  return bytes;
}

/** Undefined when `bytes` is too short to hold the session's end and start. */
export function decodeSessionKey(bytes: Uint8Array): SessionChangelogKey | undefined {
  const keyLength = bytes.length - SESSION_SUFFIX_SIZE;
  if (keyLength < 0) return undefined;
  const view = viewOf(bytes);
  return {
    key: bytes.subarray(0, keyLength),
    end: readInt64(view, keyLength),
    start: readInt64(view, keyLength + TIMESTAMP_SIZE),
  };
}

/** Respects `byteOffset`: a record's bytes are often a slice of a larger pooled buffer. */
function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Two's-complement int64 from a safe integer, in two 32-bit halves to avoid a BigInt per record. */
function writeInt64(view: DataView, offset: number, value: number): void {
  view.setInt32(offset, Math.floor(value / TWO_TO_32));
  view.setUint32(offset + 4, value >>> 0);
}

function readInt64(view: DataView, offset: number): number {
  return view.getInt32(offset) * TWO_TO_32 + view.getUint32(offset + 4);
}
