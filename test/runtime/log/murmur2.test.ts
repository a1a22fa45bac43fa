// Checks murmur2 against the Java client's published vectors and the partition choice built on it.
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from '../../../src/runtime/log/murmur2.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('murmur2', () => {
  // From Kafka's UtilsTest.testMurmur2.
  it.each([
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    ['abc', 479470107],
  ])('hashes %j to %i like Kafka UtilsTest', (text, expected) => {
    expect(murmur2(bytes(text))).toBe(expected);
  });

  // From librdkafka's rdmurmur2.c unit test ("java_murmur2_results"), covering every tail length.
  it.each([
    ['kafka', 0xd067cf64],
    ['giberish123456789', 0x8f552b0c],
    ['1234', 0x9fc97b14],
    ['234', 0xe7c009ca],
    ['34', 0x873930da],
    ['4', 0x5a4b5ca1],
    ['PreAmbleWillBeRemoved,ThePrePartThatIs', 0x78424f1c],
    ['', 0x106e08d9],
  ])('hashes %j to the Java value %i (librdkafka vectors)', (text, unsigned) => {
    expect(murmur2(bytes(text))).toBe(unsigned | 0);
  });

  it('reads a subarray by its own offset, not the underlying buffer start', () => {
    const backing = bytes('xxkafka');
    expect(murmur2(backing.subarray(2))).toBe(murmur2(bytes('kafka')));
  });
});

describe('partitionForKey', () => {
  it('is the positive hash modulo the partition count', () => {
    // murmur2("21") = -973932308; toPositive = -973932308 & 0x7fffffff = 1173551340.
    expect(partitionForKey(bytes('21'), 7)).toBe(1173551340 % 7);
    expect(partitionForKey(bytes('abc'), 10)).toBe(479470107 % 10);
  });

  it('always maps the same key to the same partition', () => {
    expect(partitionForKey(bytes('user-42'), 12)).toBe(partitionForKey(bytes('user-42'), 12));
  });

  it('spreads many keys over every partition', () => {
    const counts = new Array<number>(8).fill(0);
    for (let keyNumber = 0; keyNumber < 8000; keyNumber++) {
      const partition = partitionForKey(bytes(`key-${keyNumber}`), 8);
      counts[partition] = counts[partition]! + 1;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
  });
});
