// Kafka's murmur2 key hash, bit for bit the Java client's, so our partitions match other producers'.

const seed = 0x9747b28c;
const multiplier = 0x5bd1e995;
const shift = 24;

/** @internal The Java client's `Utils.murmur2`: a signed 32-bit hash of the key bytes (exported for its tests). */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let hash = seed ^ length;
  const wholeWordsEnd = length - (length % 4);
  for (let index = 0; index < wholeWordsEnd; index += 4) {
    let word = data[index]! | (data[index + 1]! << 8) | (data[index + 2]! << 16) | (data[index + 3]! << 24);
    word = Math.imul(word, multiplier);
    word ^= word >>> shift;
    word = Math.imul(word, multiplier);
    hash = Math.imul(hash, multiplier) ^ word;
  }
  hash = mixTail(hash, data, wholeWordsEnd);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, multiplier);
  hash ^= hash >>> 15;
  return hash | 0;
}

/** The trailing 1–3 bytes, folded in as the Java switch with fall-through does. */
function mixTail(hash: number, data: Uint8Array, tailStart: number): number {
  const remaining = data.length - tailStart;
  if (remaining === 0) return hash;
  let mixed = hash;
  if (remaining === 3) mixed ^= data[tailStart + 2]! << 16;
  if (remaining >= 2) mixed ^= data[tailStart + 1]! << 8;
  mixed ^= data[tailStart]!;
  return Math.imul(mixed, multiplier);
}

/** The partition the Java client's default partitioner (and librdkafka's `murmur2_random`) picks for a key. */
export function partitionForKey(key: Uint8Array, partitions: number): number {
  return (murmur2(key) & 0x7fffffff) % partitions;
}
