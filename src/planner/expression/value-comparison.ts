// Ordering and equality of non-null runtime values of one SQL type, chosen once per type at plan time.
import type { Decimal } from '../decimal.js';
import type { SqlType, Struct } from '../types.js';

/** Negative, zero or positive, like Java's compareTo. Both values are non-null and of the same type. */
export type Comparator = (left: unknown, right: unknown) => number;
export type Equality = (left: unknown, right: unknown) => boolean;

/** The ordering of a type, or undefined for types that only support equality (ARRAY, MAP, STRUCT). */
export function comparatorFor(type: SqlType): Comparator | undefined {
  switch (type.kind) {
    case 'DECIMAL':
      return (left, right) => (left as Decimal).compareTo(right as Decimal);
    case 'BYTES':
      return (left, right) => Buffer.compare(left as Uint8Array, right as Uint8Array);
    case 'ARRAY':
    case 'MAP':
    case 'STRUCT':
      return undefined;
    default:
      return compareNatively;
  }
}

/** numbers, bigints, strings (UTF-16 code units, as Java) and booleans (false < true). */
function compareNatively(left: unknown, right: unknown): number {
  const leftValue = left as number;
  const rightValue = right as number;
  return leftValue < rightValue ? -1 : leftValue > rightValue ? 1 : 0;
}

/** Deep equality; inside collections null equals null, as Java's List.equals. */
export function equalityFor(type: SqlType): Equality {
  switch (type.kind) {
    case 'DECIMAL':
      return (left, right) => (left as Decimal).equals(right as Decimal);
    case 'BYTES':
      return (left, right) => Buffer.compare(left as Uint8Array, right as Uint8Array) === 0;
    case 'ARRAY':
      return arrayEquality(equalityFor(type.element));
    case 'MAP':
      return mapEquality(equalityFor(type.value));
    case 'STRUCT':
      return structEquality(type.fields.map((field) => ({ name: field.name, equal: equalityFor(field.type) })));
    default:
      return (left, right) => left === right;
  }
}

function nullSafe(equal: Equality): Equality {
  return (left, right) => {
    if (left === null || left === undefined || right === null || right === undefined) {
      return (left ?? null) === (right ?? null);
    }
    return equal(left, right);
  };
}

function arrayEquality(element: Equality): Equality {
  const equal = nullSafe(element);
  return (left, right) => {
    const leftArray = left as readonly unknown[];
    const rightArray = right as readonly unknown[];
    return leftArray.length === rightArray.length && leftArray.every((value, index) => equal(value, rightArray[index]));
  };
}

function mapEquality(value: Equality): Equality {
  const equal = nullSafe(value);
  return (left, right) => {
    const leftMap = left as ReadonlyMap<unknown, unknown>;
    const rightMap = right as ReadonlyMap<unknown, unknown>;
    if (leftMap.size !== rightMap.size) return false;
    for (const [key, entry] of leftMap) {
      if (!rightMap.has(key) || !equal(entry, rightMap.get(key))) return false;
    }
    return true;
  };
}

function structEquality(fields: readonly { name: string; equal: Equality }[]): Equality {
  const checks = fields.map((field) => ({ name: field.name, equal: nullSafe(field.equal) }));
  return (left, right) => checks.every((field) => field.equal((left as Struct)[field.name], (right as Struct)[field.name]));
}
