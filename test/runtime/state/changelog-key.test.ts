// Windowed changelog keys in Kafka Streams' store-key layout.
import { describe, expect, it } from 'vitest';
import { decodeSessionKey, decodeWindowKey, encodeSessionKey, encodeWindowKey } from '../../../src/runtime/state/changelog-key.js';
import { bytes, hex, text } from './state-fixtures.js';

describe('window changelog keys', () => {
  it('are key ++ int64 start ++ int32 sequence 0, big-endian', () => {
    expect(hex(encodeWindowKey(bytes('k'), 0x01_0203_0405))).toBe('6b' + '0000000102030405' + '00000000');
  });

  it('round-trip negative, large and zero starts, and an empty key', () => {
    for (const start of [0, -1, -(2 ** 40) - 7, 2 ** 53 - 1, 1_700_000_000_000]) {
      const decoded = decodeWindowKey(encodeWindowKey(bytes('key'), start))!;
      expect(decoded.windowStart).toBe(start);
      expect(text(decoded.key)).toBe('key');
    }
    expect(decodeWindowKey(encodeWindowKey(new Uint8Array(0), 5))).toMatchObject({ windowStart: 5 });
  });

  it('decode from a slice of a larger buffer', () => {
    const encoded = encodeWindowKey(bytes('key'), 123);
    const pooled = new Uint8Array(encoded.length + 10);
    pooled.set(encoded, 7);
    const decoded = decodeWindowKey(pooled.subarray(7, 7 + encoded.length))!;
    expect(decoded.windowStart).toBe(123);
    expect(text(decoded.key)).toBe('key');
  });

  it('decode to undefined when shorter than the start and sequence number', () => {
    expect(decodeWindowKey(new Uint8Array(11))).toBeUndefined();
  });
});

describe('session changelog keys', () => {
  it('are key ++ int64 end ++ int64 start, big-endian', () => {
    expect(hex(encodeSessionKey(bytes('k'), 1, 2))).toBe('6b' + '0000000000000002' + '0000000000000001');
  });

  it('round-trip', () => {
    const decoded = decodeSessionKey(encodeSessionKey(bytes('key'), -5, 1_700_000_000_000))!;
    expect(decoded).toMatchObject({ start: -5, end: 1_700_000_000_000 });
    expect(text(decoded.key)).toBe('key');
  });

  it('decode to undefined when shorter than both bounds', () => {
    expect(decodeSessionKey(new Uint8Array(15))).toBeUndefined();
  });
});
