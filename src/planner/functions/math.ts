// Math functions: absolute value and rounding per numeric type, transcendental functions over DOUBLE,
// and GREATEST / LEAST.
import { Decimal } from '../decimal.js';
import { SqlTypes, type SqlType } from '../types.js';
import type { FunctionDefinition, ScalarOverload, TypePattern } from './registry-types.js';
import { P, argumentType, fixed, sameAsArgument } from './patterns.js';
import { roundDecimal, roundDouble, type RoundingMode } from './decimal-rounding.js';
import { extremeValue } from './value-order.js';
import { javaExp, javaLog } from './java-math.js';

/** Any numeric runtime value as a double (INTEGER number, BIGINT bigint, DECIMAL Decimal, DOUBLE number). */
export function toDouble(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Decimal) return value.toNumber();
  throw new Error(`not a numeric value: ${String(value)}`);
}

function decimalType(type: SqlType): { precision: number; scale: number } {
  if (type.kind !== 'DECIMAL') throw new Error(`expected a DECIMAL argument, got ${type.kind}`);
  return type;
}

/** ROUND(DECIMAL(p, s)) and TRUNC(DECIMAL(p, s)) return DECIMAL(p - s, 0) (at least one digit). */
const integralDecimal: ScalarOverload['returns'] = (argTypes) => {
  const { precision, scale } = decimalType(argumentType(argTypes, 0));
  return SqlTypes.decimal(Math.max(precision - scale, 1), 0);
};

/** One DOUBLE-valued function of one numeric argument. */
function unaryDouble(name: string, description: string, compute: (value: number) => number): FunctionDefinition {
  return {
    name,
    type: 'SCALAR',
    category: 'MATH',
    description,
    overloads: [fixed([P.numeric], P.double, (value: unknown) => compute(toDouble(value)))],
  };
}

/** ROUND and TRUNC: integers unchanged, DOUBLE to BIGINT (or DOUBLE with places), DECIMAL keeps or drops its scale. */
function roundingOverloads(mode: RoundingMode, roundWhole: (value: number) => number): ScalarOverload[] {
  return [
    fixed([P.int], P.int, (value: number) => value),
    fixed([P.bigint], P.bigint, (value: bigint) => value),
    fixed([P.double], P.bigint, (value: number) => javaLong(roundWhole(value))),
    fixed([P.double, P.int], P.double, (value: number, places: number) => roundDouble(value, places, mode)),
    fixed([P.decimal], integralDecimal, (value: Decimal) => roundDecimal(value, 0, mode)),
    fixed([P.decimal, P.int], sameAsArgument(0), (value: Decimal, places: number) =>
      roundDecimal(value, places, mode).withScale(value.scale),
    ),
  ];
}

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** Java's (long) of a whole double: NaN is 0, and values beyond the BIGINT range saturate. */
function javaLong(whole: number): bigint {
  if (Number.isNaN(whole)) return 0n;
  if (whole >= 2 ** 63) return LONG_MAX;
  if (whole <= -(2 ** 63)) return LONG_MIN;
  return BigInt(whole);
}

/** FLOOR and CEIL keep the argument type; a DECIMAL keeps its scale. */
function floorCeilOverloads(mode: 'floor' | 'ceiling', roundWhole: (value: number) => number): ScalarOverload[] {
  return [
    fixed([P.int], P.int, (value: number) => value),
    fixed([P.bigint], P.bigint, (value: bigint) => value),
    fixed([P.double], P.double, roundWhole),
    fixed([P.decimal], sameAsArgument(0), (value: Decimal) => roundDecimal(value, 0, mode).withScale(value.scale)),
  ];
}

function signOf(value: unknown): number {
  if (typeof value === 'bigint') return value > 0n ? 1 : value < 0n ? -1 : 0;
  if (value instanceof Decimal) return value.unscaled > 0n ? 1 : value.unscaled < 0n ? -1 : 0;
  return Math.sign(toDouble(value));
}

/** LOG(base, value): NaN for a base that is not positive or is 1, as ksqlDB documents. */
function logarithm(base: number, value: number): number {
  if (base <= 0 || base === 1) return Number.NaN;
  return javaLog(value) / javaLog(base);
}

/** The DECIMAL wide enough for every DECIMAL argument: max integer digits + max scale. */
const widenedDecimal: ScalarOverload['returns'] = (argTypes) => {
  const decimals = argTypes.filter((type) => type.kind === 'DECIMAL').map(decimalType);
  const scale = Math.max(...decimals.map((type) => type.scale));
  const integerDigits = Math.max(...decimals.map((type) => type.precision - type.scale));
  return SqlTypes.decimal(integerDigits + scale, scale);
};

const toBigint = (value: unknown): unknown => (typeof value === 'number' ? BigInt(value) : value);

/** GREATEST / LEAST: one variadic overload per comparable type; nulls are skipped, all nulls give null. */
function extremeOverloads(direction: 1 | -1): ScalarOverload[] {
  const pick = (...values: unknown[]): unknown => extremeValue(values, direction);
  const exactTypes: readonly TypePattern[] = [P.int, P.string, P.bytes, P.date, P.time, P.timestamp];
  const overloads: ScalarOverload[] = exactTypes.map((type) =>
    fixed([type, type], type, pick, { variadic: true, nulls: 'handlesNulls' }),
  );
  // Arguments implicitly widened to BIGINT or DOUBLE may still hold their narrower representation.
  const pickAs = (convert: (value: unknown) => unknown) => (...values: unknown[]) =>
    pick(...values.map((value) => (value === null ? null : convert(value))));
  overloads.push(
    fixed([P.bigint, P.bigint], P.bigint, pickAs(toBigint), { variadic: true, nulls: 'handlesNulls' }),
    fixed([P.double, P.double], P.double, pickAs(toDouble), { variadic: true, nulls: 'handlesNulls' }),
  );
  // The declared type is widened, but ksqlDB returns the chosen BigDecimal as it is, with its own
  // scale: GREATEST(1234567.89, 0.123456) is 1234567.89, not 1234567.890000.
  overloads.push(fixed([P.decimal, P.decimal], widenedDecimal, pick, { variadic: true, nulls: 'handlesNulls' }));
  return overloads;
}

/** Java's Math.abs on an int wraps: the absolute value of -2^31 is -2^31. */
const absInteger = (value: number): number => Math.abs(value) | 0;

/** Java's Math.abs on a long wraps: the absolute value of -2^63 is -2^63. */
const absBigint = (value: bigint): bigint => BigInt.asIntN(64, value < 0n ? -value : value);

export const MATH_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'ABS',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The absolute value of a number, of the same type.',
    overloads: [
      fixed([P.int], P.int, absInteger),
      fixed([P.bigint], P.bigint, absBigint),
      fixed([P.double], P.double, Math.abs),
      fixed([P.decimal], sameAsArgument(0), (value: Decimal) => (value.unscaled < 0n ? value.negate() : value)),
    ],
  },
  unaryDouble('ACOS', 'The inverse cosine, in radians.', Math.acos),
  unaryDouble('ASIN', 'The inverse sine, in radians.', Math.asin),
  unaryDouble('ATAN', 'The inverse tangent, in radians.', Math.atan),
  {
    name: 'ATAN2',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The angle of the point (x, y) for ATAN2(y, x), in radians.',
    overloads: [fixed([P.numeric, P.numeric], P.double, (y: unknown, x: unknown) => Math.atan2(toDouble(y), toDouble(x)))],
  },
  unaryDouble('CBRT', 'The cube root.', Math.cbrt),
  {
    name: 'CEIL',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The smallest integral value not below the number.',
    overloads: floorCeilOverloads('ceiling', Math.ceil),
  },
  unaryDouble('COS', 'The cosine of an angle in radians.', Math.cos),
  unaryDouble('COSH', 'The hyperbolic cosine.', Math.cosh),
  unaryDouble('COT', 'The cotangent of an angle in radians.', (value) => 1 / Math.tan(value)),
  unaryDouble('DEGREES', 'Converts radians to degrees.', (value) => (value * 180) / Math.PI),
  unaryDouble('EXP', 'e raised to the power of the number.', javaExp),
  {
    name: 'FLOOR',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The largest integral value not above the number.',
    overloads: floorCeilOverloads('floor', Math.floor),
  },
  {
    name: 'GREATEST',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The largest non-null argument.',
    overloads: extremeOverloads(1),
  },
  {
    name: 'LEAST',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The smallest non-null argument.',
    overloads: extremeOverloads(-1),
  },
  unaryDouble('LN', 'The natural logarithm.', javaLog),
  {
    name: 'LOG',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The natural logarithm (as ksqlDB computes it), or LOG(base, value) in the given base.',
    overloads: [
      fixed([P.numeric], P.double, (value: unknown) => javaLog(toDouble(value))),
      fixed([P.numeric, P.numeric], P.double, (base: unknown, value: unknown) => logarithm(toDouble(base), toDouble(value))),
    ],
  },
  {
    name: 'PI',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The constant pi.',
    overloads: [fixed([], P.double, () => Math.PI)],
  },
  {
    name: 'POWER',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The base raised to the exponent.',
    overloads: [
      fixed([P.numeric, P.numeric], P.double, (base: unknown, exponent: unknown) =>
        Math.pow(toDouble(base), toDouble(exponent)),
      ),
    ],
  },
  unaryDouble('RADIANS', 'Converts degrees to radians.', (value) => (value * Math.PI) / 180),
  {
    name: 'RANDOM',
    type: 'SCALAR',
    category: 'MATH',
    description: 'A random DOUBLE in [0, 1).',
    overloads: [fixed([], P.double, () => Math.random())],
  },
  {
    name: 'ROUND',
    type: 'SCALAR',
    category: 'MATH',
    description: 'Rounds to the nearest, halves toward positive infinity, optionally to a number of decimal places.',
    overloads: roundingOverloads('halfCeiling', Math.round),
  },
  {
    name: 'SIGN',
    type: 'SCALAR',
    category: 'MATH',
    description: 'The sign of a number: -1, 0 or 1.',
    overloads: [fixed([P.numeric], P.int, signOf)],
  },
  unaryDouble('SIN', 'The sine of an angle in radians.', Math.sin),
  unaryDouble('SINH', 'The hyperbolic sine.', Math.sinh),
  unaryDouble('SQRT', 'The square root.', Math.sqrt),
  unaryDouble('TAN', 'The tangent of an angle in radians.', Math.tan),
  unaryDouble('TANH', 'The hyperbolic tangent.', Math.tanh),
  {
    name: 'TRUNC',
    type: 'SCALAR',
    category: 'MATH',
    description: 'Truncates toward zero, optionally to a number of decimal places.',
    overloads: roundingOverloads('down', Math.trunc),
  },
];
