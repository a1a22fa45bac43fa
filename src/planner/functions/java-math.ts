// Math.log and Math.exp as a JVM computes them: correctly rounded, which V8's fdlibm ports are not.
//
// ksqlDB's LN, LOG and EXP call java.lang.Math, which HotSpot replaces with intrinsics that return
// the correctly rounded result (LN(3) is 1.0986122886681098); V8 computes fdlibm's StrictMath
// algorithm, 1 ulp off for about 1% of logarithms and 10% of exponentials. Both are evaluated
// here in double-double arithmetic (about 106 bits), so the final rounding to a double is exact
// except in cases far rarer than any difference between the two JVM paths.

/** A value hi + lo with |lo| at most half an ulp of hi. */
type DoubleDouble = readonly [hi: number, lo: number];

const splitter = 134217729; // 2^27 + 1: Dekker's split of a double into two 26-bit halves

function twoSum(left: number, right: number): DoubleDouble {
  const sum = left + right;
  const rightPart = sum - left;
  return [sum, left - (sum - rightPart) + (right - rightPart)];
}

function twoProduct(left: number, right: number): DoubleDouble {
  const product = left * right;
  const leftScaled = splitter * left;
  const leftHigh = leftScaled - (leftScaled - left);
  const leftLow = left - leftHigh;
  const rightScaled = splitter * right;
  const rightHigh = rightScaled - (rightScaled - right);
  const rightLow = right - rightHigh;
  return [product, leftHigh * rightHigh - product + leftHigh * rightLow + leftLow * rightHigh + leftLow * rightLow];
}

function add(left: DoubleDouble, right: DoubleDouble): DoubleDouble {
  const [high, highError] = twoSum(left[0], right[0]);
  const [low, lowError] = twoSum(left[1], right[1]);
  const [sum, error] = twoSum(high, highError + low);
  return twoSum(sum, error + lowError);
}

function multiply(left: DoubleDouble, right: DoubleDouble): DoubleDouble {
  const [product, error] = twoProduct(left[0], right[0]);
  return twoSum(product, error + left[0] * right[1] + left[1] * right[0]);
}

function divide(left: DoubleDouble, right: DoubleDouble): DoubleDouble {
  const quotient = left[0] / right[0];
  const remainder = add(left, multiply([-quotient, 0], right));
  return twoSum(quotient, (remainder[0] + remainder[1]) / right[0]);
}

/** ln 2 to 106 bits. */
const ln2: DoubleDouble = [0.6931471805599453, 2.3190468138462996e-17];

/** 1/n for odd n from 3 to 41, the coefficients of atanh's series, each to 106 bits. */
const atanhCoefficients: readonly DoubleDouble[] = Array.from({ length: 20 }, (_, index) => divide([1, 0], [2 * index + 3, 0]));

const bits = new DataView(new ArrayBuffer(8));

/** x = m * 2^k with m in [sqrt(1/2), sqrt(2)); x is positive and finite. */
function splitExponent(value: number): { mantissa: number; exponent: number } {
  const subnormal = value < 2.2250738585072014e-308;
  bits.setFloat64(0, subnormal ? value * 2 ** 54 : value);
  const highWord = bits.getUint32(0);
  let exponent = (highWord >>> 20) - 1023 - (subnormal ? 54 : 0);
  bits.setUint32(0, (highWord & 0x000fffff) | 0x3ff00000);
  let mantissa = bits.getFloat64(0);
  if (mantissa > Math.SQRT2) {
    mantissa /= 2;
    exponent += 1;
  }
  return { mantissa, exponent };
}

/** The natural logarithm, correctly rounded: NaN below 0, -Infinity at 0. */
export function javaLog(value: number): number {
  if (Number.isNaN(value) || value < 0) return Number.NaN;
  if (value === 0) return Number.NEGATIVE_INFINITY;
  if (value === Number.POSITIVE_INFINITY) return value;
  const { mantissa, exponent } = splitExponent(value);
  // ln m = 2 atanh(s) with s = (m - 1) / (m + 1), |s| <= 0.172, so 20 odd terms reach 2^-106.
  const ratio = divide([mantissa - 1, 0], twoSum(mantissa, 1));
  const ratioSquared = multiply(ratio, ratio);
  let series: DoubleDouble = [0, 0];
  for (let index = atanhCoefficients.length - 1; index >= 0; index -= 1) {
    series = add(multiply(series, ratioSquared), atanhCoefficients[index]!);
  }
  const logMantissa = multiply(multiply(add(multiply(series, ratioSquared), [1, 0]), ratio), [2, 0]);
  const result = add(multiply([exponent, 0], ln2), logMantissa);
  return result[0] + result[1];
}

/** Beyond these, e^x overflows to Infinity or underflows to 0 (Java's limits). */
const expOverflow = 709.782712893384;
const expUnderflow = -745.1332191019412;

/** e to the power x, correctly rounded (results in the subnormal range may be 1 ulp off). */
export function javaExp(value: number): number {
  if (Number.isNaN(value)) return value;
  if (value > expOverflow) return Number.POSITIVE_INFINITY;
  if (value < expUnderflow) return 0;
  // e^x = 2^k * e^r with r = x - k ln 2, |r| <= 0.347: 27 Taylor terms reach 2^-106.
  const exponent = Math.round(value / ln2[0]);
  const reduced = add([value, 0], multiply([-exponent, 0], ln2));
  let series: DoubleDouble = [1, 0];
  for (let term = 27; term >= 1; term -= 1) {
    series = add([1, 0], divide(multiply(series, reduced), [term, 0]));
  }
  return scaleByPowerOfTwo(series[0] + series[1], exponent);
}

/** value * 2^exponent in two exact steps, so 2^exponent itself never overflows or underflows. */
function scaleByPowerOfTwo(value: number, exponent: number): number {
  const half = Math.trunc(exponent / 2);
  return value * 2 ** half * 2 ** (exponent - half);
}
