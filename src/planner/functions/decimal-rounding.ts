// Rescaling a Decimal with the rounding modes ROUND, TRUNC, FLOOR and CEIL need (decimal.ts has only HALF_UP).
import { Decimal } from '../decimal.js';

/**
 * `halfCeiling` rounds halves up for positive values and down for negative ones (ksqlDB's ROUND:
 * HALF_UP when positive, HALF_DOWN when negative, so -1.5 → -1); `down` truncates toward zero.
 */
export type RoundingMode = 'halfCeiling' | 'down' | 'floor' | 'ceiling';

/** Rounds to `scale` digits after the point (negative: to tens, hundreds...); the result has that scale. */
export function roundDecimal(value: Decimal, scale: number, mode: RoundingMode): Decimal {
  if (scale >= value.scale) return value.withScale(scale);
  const divisor = 10n ** BigInt(value.scale - scale);
  const quotient = value.unscaled / divisor; // truncated toward zero
  const remainder = value.unscaled % divisor;
  return new Decimal(quotient + roundingStep(remainder, divisor, mode), scale);
}

/** -1, 0 or +1: what to add to the truncated quotient given the dropped remainder. */
function roundingStep(remainder: bigint, divisor: bigint, mode: RoundingMode): bigint {
  if (remainder === 0n) return 0n;
  const negative = remainder < 0n;
  switch (mode) {
    case 'down':
      return 0n;
    case 'floor':
      return negative ? -1n : 0n;
    case 'ceiling':
      return negative ? 0n : 1n;
    case 'halfCeiling': {
      const twice = (negative ? -remainder : remainder) * 2n;
      if (negative) return twice > divisor ? -1n : 0n;
      return twice >= divisor ? 1n : 0n;
    }
  }
}

/** Rounds a double to `scale` decimal places through its shortest decimal text, as BigDecimal.valueOf does. */
export function roundDouble(value: number, scale: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) return value;
  return roundDecimal(Decimal.parse(String(value)), scale, mode).toNumber();
}
