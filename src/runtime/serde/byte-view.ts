// Fixed-width numbers in byte arrays: a DataView over exactly an array's own bytes, and the int64
// timestamps of windowed keys written and read without one; bytes as text, for maps keyed by them.

/** Respects `byteOffset`: a Buffer from Kafka is often a slice of a larger pooled ArrayBuffer. */
export function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Latin-1 maps each byte to one character, so these strings compare (and key maps) like the bytes. */
export function bytesText(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

const TWO_TO_32 = 2 ** 32;

/**
 * A big-endian two's-complement int64 from a whole number of milliseconds, in two 32-bit halves
 * written byte by byte: a BigInt and a DataView per key cost more than the rest of the key.
 */
export function writeInt64(bytes: Uint8Array, offset: number, value: number): void {
  const high = Math.floor(value / TWO_TO_32);
  const low = value >>> 0;
  // A typed array keeps the low 8 bits of what is stored in it.
  bytes[offset] = high >> 24;
  bytes[offset + 1] = high >> 16;
  bytes[offset + 2] = high >> 8;
  bytes[offset + 3] = high;
  bytes[offset + 4] = low >>> 24;
  bytes[offset + 5] = low >>> 16;
  bytes[offset + 6] = low >>> 8;
  bytes[offset + 7] = low;
}

/**
 * The int64 at `offset` as the nearest number (exact for any timestamp a window holds). Indexes
 * `bytes` itself, so a slice of a larger pooled buffer reads right.
 */
export function readInt64(bytes: Uint8Array, offset: number): number {
  const high = (bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
  const low = ((bytes[offset + 4]! << 24) | (bytes[offset + 5]! << 16) | (bytes[offset + 6]! << 8) | bytes[offset + 7]!) >>> 0;
  return high * TWO_TO_32 + low;
}
