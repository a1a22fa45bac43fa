// createRowSerde: picks a format's serde; the formats Squall cannot write yet are refused.
import { describe, expect, it } from 'vitest';
import { SqlTypes } from '../../../src/planner/types.js';
import { createRowSerde, type SerdeColumn } from '../../../src/runtime/serde/index.js';

const column = (name: string, type = SqlTypes.INTEGER): SerdeColumn => ({ name, type });

describe('createRowSerde', () => {
  it('asserts what the planner checked rather than serialising a KAFKA side with several columns', () => {
    expect(() => createRowSerde('KAFKA', 'key', [column('A'), column('B')], {})).toThrow(
      "KAFKA format holds one column, not 2; the planner's format rules should have rejected it",
    );
  });
});
