// Parsing /inserts-stream rows with exact numbers.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/planner/decimal.js';
import { parseInsertRow } from '../../src/server/insert-rows.js';

describe('parseInsertRow', () => {
  it('keeps numbers a double holds as numbers', () => {
    expect(parseInsertRow('{"A":1,"B":-2.5,"C":1e3,"D":"s","E":null,"F":[1],"G":{"H":true}}')).toEqual({
      A: 1,
      B: -2.5,
      C: 1000,
      D: 's',
      E: null,
      F: [1],
      G: { H: true },
    });
  });

  it('reads integers beyond 2^53 as bigint and long fractions as Decimal', () => {
    expect(parseInsertRow('{"A":-9223372036854775808,"B":0.12345678901234567890}')).toEqual({
      A: -9223372036854775808n,
      B: new Decimal(12345678901234567890n, 20),
    });
  });

  it.each([['not json'], ['[1,2]'], ['"text"'], ['null'], ['{"A":1']])('refuses %j', (line) => {
    expect(parseInsertRow(line)).toBeUndefined();
  });
});
