import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { roundDecimal, roundDouble } from '../../../src/planner/functions/decimal-rounding.js';

const round = (text: string, scale: number, mode: Parameters<typeof roundDecimal>[2]): string =>
  roundDecimal(Decimal.parse(text), scale, mode).toString();

describe('roundDecimal', () => {
  it('rounds halves toward positive infinity in halfCeiling mode', () => {
    expect(round('2.5', 0, 'halfCeiling')).toBe('3');
    expect(round('-2.5', 0, 'halfCeiling')).toBe('-2');
    expect(round('-2.51', 0, 'halfCeiling')).toBe('-3');
    expect(round('1234.5', -2, 'halfCeiling')).toBe('1200');
  });

  it('truncates, floors and ceils', () => {
    expect(round('-1.99', 0, 'down')).toBe('-1');
    expect(round('-1.01', 0, 'floor')).toBe('-2');
    expect(round('1.01', 0, 'ceiling')).toBe('2');
    expect(round('-1.01', 0, 'ceiling')).toBe('-1');
    expect(round('1.5', 3, 'down')).toBe('1.500');
  });
});

describe('roundDouble', () => {
  it('rounds through the decimal text of the double', () => {
    expect(roundDouble(1.005, 2, 'halfCeiling')).toBe(1.01);
    expect(roundDouble(-12345.678, 1, 'down')).toBe(-12345.6);
    expect(roundDouble(Number.NaN, 2, 'down')).toBeNaN();
  });
});
