import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { T, call, resolveScalar } from './call-function.js';

const D = T.DOUBLE;
const dec = (text: string): Decimal => Decimal.parse(text);
const decimalText = (value: unknown): string => (value as Decimal).toString();

describe('ABS, SIGN, FLOOR, CEIL', () => {
  it('ABS keeps the argument type', () => {
    expect(call('ABS', [T.INT], -1)).toBe(1);
    expect(call('ABS', [T.BIGINT], -2n)).toBe(2n);
    expect(call('ABS', [D], -3.1)).toBe(3.1);
    expect(decimalText(call('ABS', [T.decimal(2, 1)], dec('-3.2')))).toBe('3.2');
    expect(resolveScalar('ABS', [T.decimal(2, 1)]).returnType).toEqual(T.decimal(2, 1));
    expect(call('ABS', [T.INT], null)).toBeNull();
  });

  it('ABS wraps the most negative INTEGER and BIGINT as Java does', () => {
    expect(call('ABS', [T.INT], -2147483648)).toBe(-2147483648);
    expect(call('ABS', [T.BIGINT], -9223372036854775808n)).toBe(-9223372036854775808n);
  });

  it('SIGN is an INTEGER for every numeric type', () => {
    expect(call('SIGN', [T.INT], -1)).toBe(-1);
    expect(call('SIGN', [T.BIGINT], 0n)).toBe(0);
    expect(call('SIGN', [D], 3.0)).toBe(1);
    expect(call('SIGN', [T.decimal(3, 1)], dec('-0.5'))).toBe(-1);
    expect(resolveScalar('SIGN', [D]).returnType).toEqual(T.INTEGER);
  });

  it('FLOOR and CEIL round doubles and decimals, keeping the decimal scale', () => {
    expect(call('FLOOR', [D], -1.1)).toBe(-2);
    expect(call('CEIL', [D], 1.1)).toBe(2);
    expect(call('FLOOR', [T.INT], 5)).toBe(5);
    expect(decimalText(call('FLOOR', [T.decimal(2, 1)], dec('-1.5')))).toBe('-2.0');
    expect(decimalText(call('CEIL', [T.decimal(2, 1)], dec('1.1')))).toBe('2.0');
    expect(decimalText(call('CEIL', [T.decimal(2, 1)], dec('-1.7')))).toBe('-1.0');
  });
});

describe('ROUND', () => {
  // v        ROUND(v)  ROUND(v,0)  ROUND(v,1)  ROUND(v,-1)
  // 1.5      2         2.0         1.5         0.0
  // -1.5     -1        -1.0        -1.5        0.0       halves go toward +infinity
  // 12345.678 12346    12346.0     12345.7     12350.0
  it('rounds doubles as ksqlDB does', () => {
    expect(call('ROUND', [D], 1.5)).toBe(2n);
    expect(call('ROUND', [D], -1.5)).toBe(-1n);
    expect(call('ROUND', [D], -1.7)).toBe(-2n);
    expect(call('ROUND', [D, T.INT], -1.5, 0)).toBe(-1);
    expect(call('ROUND', [D, T.INT], 12345.678, 1)).toBe(12345.7);
    expect(call('ROUND', [D, T.INT], 12345.678, 2)).toBe(12345.68);
    expect(call('ROUND', [D, T.INT], -12345.678, -1)).toBe(-12350);
    expect(call('ROUND', [D, T.INT], 12345.678, -2)).toBe(12300);
    expect(call('ROUND', [D, T.INT], 1.234567, 10)).toBe(1.234567);
    expect(resolveScalar('ROUND', [D]).returnType).toEqual(T.BIGINT);
    expect(resolveScalar('ROUND', [D, T.INT]).returnType).toEqual(D);
  });

  it('rounds large decimals exactly, to DECIMAL(p - s, 0) or keeping the scale', () => {
    const type = T.decimal(33, 16);
    const value = dec('12345678987654321.2345678987654321');
    expect(resolveScalar('ROUND', [type]).returnType).toEqual(T.decimal(17, 0));
    expect(decimalText(call('ROUND', [type], value))).toBe('12345678987654321');
    expect(decimalText(call('ROUND', [type, T.INT], value, 0))).toBe('12345678987654321.0000000000000000');
    expect(decimalText(call('ROUND', [type, T.INT], value, 10))).toBe('12345678987654321.2345678988000000');
    expect(decimalText(call('ROUND', [type, T.INT], value, -2))).toBe('12345678987654300.0000000000000000');
    expect(decimalText(call('ROUND', [T.decimal(3, 1)], dec('-1.5')))).toBe('-1');
  });

  it('saturates like Java when a double does not fit a BIGINT', () => {
    expect(call('ROUND', [D], Number.NaN)).toBe(0n);
    expect(call('ROUND', [D], Infinity)).toBe(2n ** 63n - 1n);
    expect(call('TRUNC', [D], -1e300)).toBe(-(2n ** 63n));
  });

  it('leaves integers alone', () => {
    expect(call('ROUND', [T.INT], 7)).toBe(7);
    expect(call('ROUND', [T.BIGINT], 7n)).toBe(7n);
    expect(call('ROUND', [D], null)).toBeNull();
  });
});

describe('TRUNC', () => {
  it('truncates toward zero', () => {
    expect(call('TRUNC', [D], -1.7)).toBe(-1n);
    expect(call('TRUNC', [D, T.INT], 12345.678, 2)).toBe(12345.67);
    expect(call('TRUNC', [D, T.INT], -12345.678, -1)).toBe(-12340);
    expect(call('TRUNC', [T.BIGINT], 2147483648n)).toBe(2147483648n);
    expect(decimalText(call('TRUNC', [T.decimal(12, 7)], dec('-12345.6780000')))).toBe('-12345');
    expect(decimalText(call('TRUNC', [T.decimal(12, 7), T.INT], dec('12345.6780000'), 1))).toBe('12345.6000000');
    expect(resolveScalar('TRUNC', [T.decimal(12, 7)]).returnType).toEqual(T.decimal(5, 0));
  });
});

describe('exponential and logarithmic functions', () => {
  it('accept any numeric type and return DOUBLE', () => {
    expect(call('EXP', [T.INT], 1)).toBe(2.718281828459045);
    expect(call('EXP', [T.BIGINT], 2n)).toBe(7.38905609893065);
    expect(call('LN', [T.INT], 0)).toBe(-Infinity);
    expect(call('LN', [D], -3)).toBeNaN();
    expect(call('SQRT', [T.BIGINT], 2n)).toBe(1.4142135623730951);
    expect(call('CBRT', [T.INT], -8)).toBe(-2);
    expect(call('LOG', [T.INT], 13)).toBe(2.5649493574615367);
    expect(call('POWER', [T.INT, T.INT], 15, -1)).toBe(0.06666666666666667);
    expect(call('POWER', [D, D], 0, 0)).toBe(1);
    expect(resolveScalar('SQRT', [T.decimal(4, 2)]).returnType).toEqual(D);
    expect(call('SQRT', [T.decimal(4, 2)], dec('2.25'))).toBe(1.5);
  });

  it('LOG(base, value) is NaN for a base that is not positive or is 1', () => {
    expect(call('LOG', [T.INT, T.INT], 15, 13)).toBe(0.9471572411831843);
    expect(call('LOG', [T.INT, T.INT], 15, 1)).toBe(0);
    expect(call('LOG', [T.INT, T.INT], 15, 0)).toBe(-Infinity);
    expect(call('LOG', [T.INT, T.INT], 0, 13)).toBeNaN();
    expect(call('LOG', [T.INT, T.INT], 1, 13)).toBeNaN();
    expect(call('LOG', [T.INT, T.INT], null, 13)).toBeNull();
  });
});

describe('trigonometry', () => {
  const rounded = (name: string, ...values: number[]): number =>
    Number((call(name, values.map(() => D), ...values) as number).toFixed(13));

  it('matches the conformance values', () => {
    expect(rounded('ACOS', -0.43)).toBe(2.0152891037307);
    expect(call('ACOS', [T.INT], 2)).toBeNaN();
    expect(rounded('ASIN', 0.43)).toBe(0.4444927769358);
    expect(rounded('ATAN', 1.1)).toBe(0.8329812666744);
    expect(rounded('ATAN2', -1.1, -0.24)).toBe(-1.7856117271966);
    expect(rounded('COS', -9.1)).toBe(-0.9477216021311);
    expect(rounded('SIN', 9.1)).toBe(0.3190983623494);
    expect(rounded('TAN', 0.43)).toBe(0.4586210234856);
    expect(rounded('COT', -0.43)).toBe(-2.1804495406685);
    expect(call('COT', [T.INT], 0)).toBe(Infinity);
    expect(rounded('COSH', 0.43)).toBe(1.0938833091358);
    expect(rounded('SINH', -0.43)).toBe(-0.4433742144125);
    expect(rounded('TANH', 0.43)).toBe(0.4053213086895);
    expect(Number((call('DEGREES', [T.INT], 2) as number).toFixed(12))).toBe(114.591559026165);
    expect(rounded('RADIANS', 70.73163980890013)).toBe(1.2345);
  });

  it('PI and RANDOM take no arguments', () => {
    expect(call('PI', [])).toBe(Math.PI);
    const random = call('RANDOM', []) as number;
    expect(random).toBeGreaterThanOrEqual(0);
    expect(random).toBeLessThan(1);
  });
});

describe('GREATEST and LEAST', () => {
  it('skip nulls and keep the argument type', () => {
    expect(call('GREATEST', [T.INT, T.INT, T.INT, T.INT, T.INT], 2147483647, -2147483648, null, null, 5)).toBe(2147483647);
    expect(call('LEAST', [T.BIGINT, T.BIGINT], 9223372036854775807n, -9223372036854775808n)).toBe(-9223372036854775808n);
    expect(call('GREATEST', [T.STRING, T.STRING, T.STRING, T.STRING], 'apple', 'banana', null, 'hello')).toBe('hello');
    expect(call('GREATEST', [T.STRING, T.STRING], null, null)).toBeNull();
    expect(call('LEAST', [D, D, D], 50000.555, -99999.555, null)).toBe(-99999.555);
  });

  it('compares bytes unsigned and dates as numbers', () => {
    const highest = call('GREATEST', [T.BYTES, T.BYTES], Buffer.from('!'), Buffer.from('zebra')) as Uint8Array;
    expect(Buffer.from(highest).toString()).toBe('zebra');
    expect(call('GREATEST', [T.DATE, T.DATE, T.DATE], 19158, 19187, -92)).toBe(19187);
  });

  it('declares a decimal type wide enough for every argument but returns the chosen value as it is', () => {
    const call2 = resolveScalar('GREATEST', [T.decimal(9, 2), T.decimal(7, 6)]);
    expect(call2.returnType).toEqual(T.decimal(13, 6));
    expect(decimalText(call2.invoke(dec('1234567.89'), dec('0.123456')))).toBe('1234567.89');
    expect(decimalText(resolveScalar('LEAST', [T.decimal(9, 2), T.decimal(7, 6)]).invoke(dec('1.5'), dec('0.123456')))).toBe('0.123456');
    expect(call2.invoke(null, null)).toBeNull();
    expect(resolveScalar('GREATEST', [T.decimal(4, 1), T.decimal(9, 2), T.decimal(7, 6)]).returnType).toEqual(T.decimal(13, 6));
    expect(resolveScalar('LEAST', [T.decimal(5, 2)]).returnType).toEqual(T.decimal(5, 2));
  });

  it('accepts arguments still in a narrower numeric representation', () => {
    expect(call('GREATEST', [D, D, D], 1, 1000000000000n, Decimal.parse('99999.99999'))).toBe(1000000000000);
    expect(call('LEAST', [T.BIGINT, T.BIGINT], 5, -3n)).toBe(-3n);
  });

  it('requires at least one argument', () => {
    expect(() => resolveScalar('GREATEST', [])).toThrow(/no overload/);
  });
});

describe('LN, LOG and EXP round as the JVM does', () => {
  it('returns the correctly rounded double where V8 is one ulp off', () => {
    expect(call('LN', [D], 3.0)).toBe(1.0986122886681098);
    expect(call('LOG', [D], 3.0)).toBe(1.0986122886681098);
    expect(call('EXP', [D], 1.0)).toBe(Math.E);
  });

  it('keeps the edge cases of java.lang.Math', () => {
    expect(call('LN', [D], 0.0)).toBe(Number.NEGATIVE_INFINITY);
    expect(call('LN', [D], -1.0)).toBeNaN();
    expect(call('EXP', [D], 1000.0)).toBe(Number.POSITIVE_INFINITY);
    expect(call('EXP', [D], -1000.0)).toBe(0);
    expect(call('LOG', [D, D], 2.0, 8.0)).toBe(3);
  });
});
