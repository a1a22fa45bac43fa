// KAFKA primitives: Kafka's big-endian INT/BIGINT/DOUBLE, UTF-8 STRING, raw BYTES, size errors.
import { describe, expect, it } from 'vitest';
import { SqlTypes, type SqlType } from '../../../src/planner/types.js';
import { createRowSerde, SerdeError } from '../../../src/runtime/serde/index.js';

function serde(type: SqlType) {
  return createRowSerde('KAFKA', 'key', [{ name: 'K', type }], {});
}

describe('KAFKA', () => {
  it('writes INTEGER as 4 big-endian bytes', () => {
    const written = serde(SqlTypes.INTEGER).serialize([-2]);
    expect([...written!]).toEqual([0xff, 0xff, 0xff, 0xfe]);
    expect(serde(SqlTypes.INTEGER).deserialize(written)).toEqual([-2]);
  });

  it('writes BIGINT as 8 big-endian bytes, exact beyond 2^53', () => {
    const written = serde(SqlTypes.BIGINT).serialize([9007199254740993n]);
    expect([...written!]).toEqual([0, 0x20, 0, 0, 0, 0, 0, 1]);
    expect(serde(SqlTypes.BIGINT).deserialize(written)).toEqual([9007199254740993n]);
  });

  it('writes DOUBLE as 8 IEEE-754 bytes', () => {
    const written = serde(SqlTypes.DOUBLE).serialize([1.5]);
    expect([...written!]).toEqual([0x3f, 0xf8, 0, 0, 0, 0, 0, 0]);
    expect(serde(SqlTypes.DOUBLE).deserialize(written)).toEqual([1.5]);
  });

  it('writes STRING as UTF-8 and BYTES raw', () => {
    expect(Buffer.from(serde(SqlTypes.STRING).serialize(['héllo'])!).toString('utf8')).toBe('héllo');
    expect(serde(SqlTypes.STRING).deserialize(Buffer.from('{"a": 1}'))).toEqual(['{"a": 1}']);
    const raw = new Uint8Array([0, 1, 254]);
    expect(serde(SqlTypes.BYTES).serialize([raw])).toEqual(raw);
    expect(serde(SqlTypes.BYTES).deserialize(raw)).toEqual([raw]);
  });

  it('turns a null value into null bytes and back', () => {
    expect(serde(SqlTypes.INTEGER).serialize([null])).toBeNull();
    expect(serde(SqlTypes.INTEGER).serialize(null)).toBeNull();
    expect(serde(SqlTypes.INTEGER).deserialize(null)).toBeNull();
  });

  it('rejects data of the wrong size with Kafka deserializer messages', () => {
    expect(() => serde(SqlTypes.INTEGER).deserialize(new Uint8Array(3))).toThrow('Size of data received by IntegerDeserializer is not 4');
    expect(() => serde(SqlTypes.BIGINT).deserialize(new Uint8Array(4))).toThrow('Size of data received by LongDeserializer is not 8');
    expect(() => serde(SqlTypes.DOUBLE).deserialize(new Uint8Array(9))).toThrow(SerdeError);
    expect(() => serde(SqlTypes.DOUBLE).deserialize(new Uint8Array(9))).toThrow('Size of data received by Deserializer is not 8');
  });

  it('ignores the bytes when there is no column', () => {
    const keyless = createRowSerde('KAFKA', 'key', [], {});
    expect(keyless.deserialize(Buffer.from('ignored'))).toEqual([]);
    expect(keyless.serialize([])).toBeNull();
  });

  it('reads a value at a non-zero offset of a shared buffer', () => {
    const shared = new Uint8Array([9, 0, 0, 0, 7]);
    expect(serde(SqlTypes.INTEGER).deserialize(shared.subarray(1))).toEqual([7]);
  });
});
