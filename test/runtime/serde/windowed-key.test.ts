// Windowed keys: Kafka Streams' time-window and session-window byte layouts.
import { describe, expect, it } from 'vitest';
import { SqlTypes } from '../../../src/planner/types.js';
import { createRowSerde, createWindowedKeySerde, SerdeError } from '../../../src/runtime/serde/index.js';

const intKey = createRowSerde('KAFKA', 'key', [{ name: 'K', type: SqlTypes.INTEGER }], {});

describe('windowed keys', () => {
  it('lays out a time window as key ++ int64 start and derives the end from the size', () => {
    const serde = createWindowedKeySerde(intKey, 'TUMBLING', 30_000);
    const written = serde.serialize([7], { start: 60_000, end: 90_000 });
    // [ 0 0 0 7 | 0 0 0 0 0 0 0xea 0x60 ]  int32 key, then the start (60000 = 0xea60)
    expect([...written!]).toEqual([0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0xea, 0x60]);
    expect(serde.deserialize(written)).toEqual({ values: [7], window: { start: 60_000, end: 90_000 } });
  });

  it('lays out a session window as key ++ int64 end ++ int64 start', () => {
    const serde = createWindowedKeySerde(intKey, 'SESSION', undefined);
    const written = serde.serialize([7], { start: 1, end: 2 });
    expect([...written!]).toEqual([0, 0, 0, 7, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(serde.deserialize(written)).toEqual({ values: [7], window: { start: 1, end: 2 } });
  });

  it('writes and reads window bounds before 1970 and far after it as int64', () => {
    const serde = createWindowedKeySerde(intKey, 'SESSION', undefined);
    const written = serde.serialize([7], { start: -1, end: 2 ** 40 + 5 });
    // end 2^40 + 5 = 0x0000_0100_0000_0005, start -1 = 0xffff_ffff_ffff_ffff
    expect([...written!.subarray(4)]).toEqual([0, 0, 1, 0, 0, 0, 0, 5, 255, 255, 255, 255, 255, 255, 255, 255]);
    expect(serde.deserialize(written)).toEqual({ values: [7], window: { start: -1, end: 2 ** 40 + 5 } });
    const hopping = createWindowedKeySerde(intKey, 'HOPPING', 10);
    expect(hopping.deserialize(hopping.serialize([7], { start: -86_400_000, end: -86_399_990 }))).toEqual({
      values: [7],
      window: { start: -86_400_000, end: -86_399_990 },
    });
  });

  it('wraps a JSON key too', () => {
    const jsonKey = createRowSerde('JSON', 'key', [{ name: 'K', type: SqlTypes.STRING }], {});
    const serde = createWindowedKeySerde(jsonKey, 'HOPPING', 10);
    const written = serde.serialize(['a'], { start: 5, end: 15 });
    expect(Buffer.from(written!.subarray(0, 3)).toString()).toBe('"a"');
    expect(serde.deserialize(written)).toEqual({ values: ['a'], window: { start: 5, end: 15 } });
  });

  it('writes a null inner key as no bytes and reads it back as null', () => {
    const serde = createWindowedKeySerde(intKey, 'TUMBLING', 10);
    const written = serde.serialize([null], { start: 0, end: 10 });
    expect(written!.length).toBe(8);
    expect(serde.deserialize(written)).toEqual({ values: null, window: { start: 0, end: 10 } });
    expect(serde.serialize(null, { start: 0, end: 10 })).toBeNull();
  });

  it('rejects keys too short for their window, and null keys', () => {
    const session = createWindowedKeySerde(intKey, 'SESSION', undefined);
    expect(() => session.deserialize(new Uint8Array(15))).toThrow('needs at least 16 bytes');
    expect(() => session.deserialize(null)).toThrow(SerdeError);
  });

  it('needs a size for time windows', () => {
    expect(() => createWindowedKeySerde(intKey, 'TUMBLING', undefined)).toThrow('needs the window size');
  });
});
