// Arithmetic on the numeric representations (INTEGER number, BIGINT bigint, DOUBLE number,
// DECIMAL Decimal) that the summing aggregates share.
import { Decimal } from '../../decimal.js';
import type { SqlType } from '../../types.js';

export interface NumericOps {
  readonly zero: unknown;
  add(left: unknown, right: unknown): unknown;
  subtract(left: unknown, right: unknown): unknown;
  toDouble(value: unknown): number;
}

export function numericOps(type: SqlType): NumericOps {
  switch (type.kind) {
    case 'INTEGER':
      return { zero: 0, add: (l, r) => ((l as number) + (r as number)) | 0, subtract: (l, r) => ((l as number) - (r as number)) | 0, toDouble: (v) => v as number };
    case 'BIGINT':
      return {
        zero: 0n,
        add: (l, r) => BigInt.asIntN(64, (l as bigint) + (r as bigint)),
        subtract: (l, r) => BigInt.asIntN(64, (l as bigint) - (r as bigint)),
        toDouble: (v) => Number(v as bigint),
      };
    case 'DECIMAL': {
      const scale = type.scale;
      return {
        zero: new Decimal(0n, scale),
        add: (l, r) => (l as Decimal).add(r as Decimal).withScale(scale),
        subtract: (l, r) => (l as Decimal).subtract(r as Decimal).withScale(scale),
        toDouble: (v) => (v as Decimal).toNumber(),
      };
    }
    default:
      return { zero: 0, add: (l, r) => (l as number) + (r as number), subtract: (l, r) => (l as number) - (r as number), toDouble: (v) => v as number };
  }
}
