// NONE: no columns, nothing written, any bytes ignored.
import { describe, expect, it } from 'vitest';
import { createRowSerde } from '../../../src/runtime/serde/index.js';

describe('NONE', () => {
  const serde = createRowSerde('NONE', 'key', [], {});

  it('writes no bytes', () => {
    expect(serde.serialize([])).toBeNull();
  });

  it('reads any bytes as a row without columns, and null as null', () => {
    expect(serde.deserialize(Buffer.from('data that should be ignored'))).toEqual([]);
    expect(serde.deserialize(null)).toBeNull();
  });
});
