// Parsing /inserts-stream rows with exact numbers.
import { describe, expect, it } from 'vitest';
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

  it('passes numbers a double would round on as their exact JSON text', () => {
    expect(parseInsertRow('{"A":-9223372036854775808,"B":0.12345678901234567890,"C":[9007199254740993]}')).toEqual({
      A: '-9223372036854775808',
      B: '0.12345678901234567890',
      C: ['9007199254740993'],
    });
  });

  it.each([['not json'], ['[1,2]'], ['"text"'], ['null'], ['{"A":1']])('refuses %j', (line) => {
    expect(parseInsertRow(line)).toBeUndefined();
  });
});
