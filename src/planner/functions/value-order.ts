// Ordering and equality of runtime SQL values, as the array, map and comparison functions need them.
import { Decimal } from '../decimal.js';

const SCALAR_KINDS: ReadonlySet<string> = new Set(['number', 'bigint', 'string', 'boolean']);

/**
 * Compares two non-null values of the same SQL type: numbers, bigints, Decimals, strings (by UTF-16
 * code unit, as Java's String.compareTo), booleans (false first) and bytes (unsigned, lexicographic).
 */
export function compareValues(left: unknown, right: unknown): number {
  if (left instanceof Decimal && right instanceof Decimal) return left.compareTo(right);
  if (left instanceof Uint8Array && right instanceof Uint8Array) return compareBytes(left, right);
  if (Array.isArray(left) && Array.isArray(right)) return compareArrays(left, right);
  if (typeof left === typeof right && SCALAR_KINDS.has(typeof left)) {
    const leftValue = left as number;
    const rightValue = right as number;
    return leftValue < rightValue ? -1 : leftValue > rightValue ? 1 : 0;
  }
  throw new Error(`cannot compare values ${String(left)} and ${String(right)}`);
}

/** The largest (direction 1) or smallest (-1) non-null value, or null when there is none. */
export function extremeValue(values: readonly unknown[], direction: 1 | -1): unknown {
  let best: unknown = null;
  for (const value of values) {
    if (value !== null && (best === null || compareValues(value, best) * direction > 0)) best = value;
  }
  return best;
}

/** Nulls sort last, the way ksqlDB's ARRAY_SORT places them. */
export function compareNullsLast(left: unknown, right: unknown): number {
  if (left === null) return right === null ? 0 : 1;
  if (right === null) return -1;
  return compareValues(left, right);
}

function compareBytes(left: Uint8Array, right: Uint8Array): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return Math.sign(difference);
  }
  return Math.sign(left.length - right.length);
}

function compareArrays(left: readonly unknown[], right: readonly unknown[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index++) {
    const order = compareNullsLast(left[index], right[index]);
    if (order !== 0) return order;
  }
  return Math.sign(left.length - right.length);
}

/** Deep value equality (Java equals): Decimals by value and scale, bytes, arrays, maps and structs by content. */
export function valuesEqual(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (left === null || right === null || typeof left !== 'object' || typeof right !== 'object') {
    return typeof left === 'number' && typeof right === 'number' && Number.isNaN(left) && Number.isNaN(right);
  }
  if (left instanceof Decimal || right instanceof Decimal) {
    return left instanceof Decimal && right instanceof Decimal && left.toString() === right.toString();
  }
  if (left instanceof Uint8Array || right instanceof Uint8Array) {
    return left instanceof Uint8Array && right instanceof Uint8Array && compareBytes(left, right) === 0;
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    return Array.isArray(left) && Array.isArray(right) && arraysEqual(left, right);
  }
  if (left instanceof Map || right instanceof Map) {
    return left instanceof Map && right instanceof Map && mapsEqual(left, right);
  }
  return structsEqual(left as Record<string, unknown>, right as Record<string, unknown>);
}

function arraysEqual(left: readonly unknown[], right: readonly unknown[]): boolean {
  return left.length === right.length && left.every((item, index) => valuesEqual(item, right[index]));
}

function mapsEqual(left: Map<unknown, unknown>, right: Map<unknown, unknown>): boolean {
  if (left.size !== right.size) return false;
  for (const [key, value] of left) {
    if (!right.has(key) || !valuesEqual(value, right.get(key))) return false;
  }
  return true;
}

function structsEqual(left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  const leftFields = Object.keys(left);
  if (leftFields.length !== Object.keys(right).length) return false;
  return leftFields.every((field) => field in right && valuesEqual(left[field], right[field]));
}

/** Keeps the first of each group of equal values, in order (quadratic: arrays in records are small). */
export function distinctValues(values: readonly unknown[]): unknown[] {
  const kept: unknown[] = [];
  for (const value of values) {
    if (!kept.some((existing) => valuesEqual(existing, value))) kept.push(value);
  }
  return kept;
}

/** Whether `values` holds a value equal to `value`. */
export function containsValue(values: readonly unknown[], value: unknown): boolean {
  return values.some((existing) => valuesEqual(existing, value));
}
