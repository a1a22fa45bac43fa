// Java parse rules for text read into scalar columns.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import {
  decodeBase64,
  fitDecimal,
  parseBigintText,
  parseDoubleText,
  parseIntegerText,
} from '../../../src/runtime/serde/scalar-text.js';

describe('scalar text', () => {
  it('parses integers strictly within their range', () => {
    expect(parseIntegerText('-2147483648')).toBe(-2147483648);
    expect(() => parseIntegerText('2147483648')).toThrow('as INTEGER');
    expect(() => parseIntegerText(' 1')).toThrow();
    expect(parseBigintText('+9223372036854775807')).toBe(9223372036854775807n);
    expect(() => parseBigintText('1.0')).toThrow('as BIGINT');
  });

  it('parses doubles as Double.parseDouble does', () => {
    expect(parseDoubleText(' 1.5 ')).toBe(1.5);
    expect(parseDoubleText('2d')).toBe(2);
    expect(parseDoubleText('-Infinity')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseDoubleText('.5e1')).toBe(5);
    expect(() => parseDoubleText('')).toThrow('as DOUBLE');
    expect(() => parseDoubleText('0x10')).toThrow();
  });

  it('rounds decimals HALF_UP to the scale and rejects overflowing precision', () => {
    expect(fitDecimal(Decimal.parse('1.005'), 4, 2).toString()).toBe('1.01');
    expect(() => fitDecimal(Decimal.parse('100'), 4, 2)).toThrow("Cannot fit decimal '100' into DECIMAL(4, 2)");
  });

  it('decodes base64 with or without padding and rejects other characters', () => {
    expect([...decodeBase64('aGk=')]).toEqual([104, 105]);
    expect([...decodeBase64('aGk')]).toEqual([104, 105]);
    expect(() => decodeBase64('a')).toThrow('Invalid base64');
    expect(() => decodeBase64('a*b=')).toThrow('Invalid base64');
  });
});
