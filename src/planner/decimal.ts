// DECIMAL values: an unscaled bigint and a scale, exact, with Java BigDecimal's text form and
// HALF_UP rounding where a scale must shrink.

/**
 * Marks decimals on their prototype, so that `instanceof Decimal` holds for a decimal made by
 * another copy of this module: a user function loaded from TypeScript source (through tsx) beside
 * a compiled server has its own.
 */
const DECIMAL = Symbol.for('squall.decimal');

export class Decimal {
  /** value = unscaled × 10^-scale */
  readonly unscaled: bigint;
  readonly scale: number;

  constructor(unscaled: bigint, scale: number) {
    this.unscaled = unscaled;
    this.scale = scale;
  }

  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [DECIMAL]?: true })[DECIMAL] === true;
  }

  /** Parses `-12.340`, `5`, `.5`, `1e3` exactly; the scale is the number of digits after the point. */
  static parse(text: string): Decimal {
    const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
    if (match === null || (match[2] === '' && (match[3] ?? '') === '')) {
      throw new RangeError(`not a decimal number: '${text}'`);
    }
    const [, sign, whole, fraction = '', exponentText] = match;
    let scale = fraction.length - (exponentText === undefined ? 0 : Number(exponentText));
    let digits = `${whole}${fraction}` || '0';
    if (scale < 0) {
      digits += '0'.repeat(-scale);
      scale = 0;
    }
    const unscaled = BigInt(digits);
    return new Decimal(sign === '-' ? -unscaled : unscaled, scale);
  }

  static fromNumber(value: number): Decimal {
    return Decimal.parse(Number.isInteger(value) ? value.toFixed(0) : String(value));
  }

  static fromBigInt(value: bigint): Decimal {
    return new Decimal(value, 0);
  }

  /** Java BigDecimal.toPlainString(): `10.0000`, `-0.50`, `123`. */
  toString(): string {
    const negative = this.unscaled < 0n;
    const digits = (negative ? -this.unscaled : this.unscaled).toString();
    if (this.scale <= 0) return (negative ? '-' : '') + digits + '0'.repeat(-this.scale);
    const padded = digits.padStart(this.scale + 1, '0');
    const point = padded.length - this.scale;
    return `${negative ? '-' : ''}${padded.slice(0, point)}.${padded.slice(point)}`;
  }

  toNumber(): number {
    return Number(this.toString());
  }

  /** Number of significant digits (BigDecimal.precision()); 0 has precision 1. */
  precision(): number {
    const digits = (this.unscaled < 0n ? -this.unscaled : this.unscaled).toString();
    return digits === '0' ? 1 : digits.length;
  }

  /** Rescales with HALF_UP rounding (Java's RoundingMode.HALF_UP) when digits are dropped. */
  withScale(scale: number): Decimal {
    if (scale === this.scale) return this;
    if (scale > this.scale) return new Decimal(this.unscaled * 10n ** BigInt(scale - this.scale), scale);
    const divisor = 10n ** BigInt(this.scale - scale);
    return new Decimal(divideHalfUp(this.unscaled, divisor), scale);
  }

  add(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.withScale(scale).unscaled + other.withScale(scale).unscaled, scale);
  }

  subtract(other: Decimal): Decimal {
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.withScale(scale).unscaled - other.withScale(scale).unscaled, scale);
  }

  multiply(other: Decimal): Decimal {
    return new Decimal(this.unscaled * other.unscaled, this.scale + other.scale);
  }

  /** Division to the given result scale, HALF_UP; throws RangeError on division by zero. */
  divide(other: Decimal, scale: number): Decimal {
    if (other.unscaled === 0n) throw new RangeError('Division by zero');
    // this / other = (a·10^-s1) / (b·10^-s2); scaled to `scale`: a·10^(scale - s1 + s2) / b
    const shift = scale - this.scale + other.scale;
    const numerator = shift >= 0 ? this.unscaled * 10n ** BigInt(shift) : this.unscaled;
    const denominator = shift >= 0 ? other.unscaled : other.unscaled * 10n ** BigInt(-shift);
    return new Decimal(divideHalfUp(numerator, denominator), scale);
  }

  /** Remainder with the sign of the dividend (BigDecimal.remainder). */
  remainder(other: Decimal): Decimal {
    if (other.unscaled === 0n) throw new RangeError('Division by zero');
    const scale = Math.max(this.scale, other.scale);
    return new Decimal(this.withScale(scale).unscaled % other.withScale(scale).unscaled, scale);
  }

  negate(): Decimal {
    return new Decimal(-this.unscaled, this.scale);
  }

  /** -1, 0 or 1, comparing values regardless of scale. */
  compareTo(other: Decimal): number {
    const scale = Math.max(this.scale, other.scale);
    const left = this.withScale(scale).unscaled;
    const right = other.withScale(scale).unscaled;
    return left < right ? -1 : left > right ? 1 : 0;
  }

  /** Value equality regardless of scale (SQL `=`); use `toString()` equality for BigDecimal.equals. */
  equals(other: Decimal): boolean {
    return this.compareTo(other) === 0;
  }
}

/** Integer division rounding half away from zero. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const absNumerator = numerator < 0n ? -numerator : numerator;
  const absDenominator = denominator < 0n ? -denominator : denominator;
  let quotient = absNumerator / absDenominator;
  if ((absNumerator % absDenominator) * 2n >= absDenominator) quotient += 1n;
  return negative ? -quotient : quotient;
}

Object.defineProperty(Decimal.prototype, DECIMAL, { value: true });
