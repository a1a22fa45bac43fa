// Compares an expected QTT record with an actual one the way ksqlDB's ExpectedRecordComparator does.
import { isLosslessNumber, stringify } from 'lossless-json';
import type { ActualRecord, QttHeader, QttRecordSpec, QttWindow } from './driver-api.js';

export interface ValueComparisonOptions {
  /** False when the case sets `use.exact.numeric.comparison=false`: decimals then compare as doubles. */
  readonly exactNumbers: boolean;
}

export interface RecordComparisonOptions extends ValueComparisonOptions {
  /** False when the case has no inputs (it feeds itself by INSERT VALUES): an expected timestamp of 0 then matches anything. */
  readonly caseHasInputs: boolean;
}

/** Where two values first differ; `path` is JSON-path-like (`$.NAME[2]`). */
export interface Mismatch {
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

/** A number as Java's BigDecimal sees it: unscaledValue × 10^-scale. */
interface DecimalValue {
  readonly unscaled: bigint;
  readonly scale: number;
}

const doubleTolerance = 1e-6;
const decimalPattern = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const integerPattern = /^[+-]?\d+$/;

/** Returns why `actual` does not match the expected record, or undefined when it matches. */
export function compareRecord(expected: QttRecordSpec, actual: ActualRecord, options: RecordComparisonOptions): string | undefined {
  const windowProblem = compareWindow(expected.window, actual.window);
  if (windowProblem !== undefined) return windowProblem;
  const keyMismatch = compareValue(expected.key ?? null, actual.key, options);
  if (keyMismatch !== undefined) return `key ${describeMismatch(keyMismatch)}`;
  const valueMismatch = compareValue(expected.value, actual.value, options);
  if (valueMismatch !== undefined) return `value ${describeMismatch(valueMismatch)}`;
  const timestampProblem = compareTimestamp(expected.timestamp, actual.timestamp, options.caseHasInputs);
  if (timestampProblem !== undefined) return timestampProblem;
  return compareHeaders(expected.headers, actual.headers);
}

function describeMismatch(mismatch: Mismatch): string {
  return `mismatch at ${mismatch.path}: expected ${mismatch.expected}, got ${mismatch.actual}`;
}

/** Compares an expected JSON value (lossless-json) with a decoded actual value; undefined when they match. */
export function compareValue(expected: unknown, actual: unknown, options: ValueComparisonOptions, path = '$'): Mismatch | undefined {
  const differs = (): Mismatch => valueMismatch(path, expected, actual);
  if (expected === null || expected === undefined) return actual === null || actual === undefined ? undefined : differs();
  if (typeof expected === 'boolean') return actual === expected ? undefined : differs();
  if (typeof expected === 'string') return stringMatches(expected, actual, options) ? undefined : differs();
  const expectedNumber = numberText(expected);
  if (expectedNumber !== undefined) return numberMatches(expectedNumber, actual, options) ? undefined : differs();
  if (Array.isArray(expected)) return compareArray(expected, actual, options, path);
  if (isPlainObject(expected)) return compareObject(expected, actual, options, path);
  return differs();
}

function valueMismatch(path: string, expected: unknown, actual: unknown): Mismatch {
  return { path, expected: describeValue(expected), actual: describeValue(actual) };
}

function compareArray(expected: readonly unknown[], actual: unknown, options: ValueComparisonOptions, path: string): Mismatch | undefined {
  if (!Array.isArray(actual)) return valueMismatch(path, expected, actual);
  if (actual.length !== expected.length) {
    return { path, expected: `${expected.length} elements ${describeValue(expected)}`, actual: `${actual.length} elements ${describeValue(actual)}` };
  }
  for (const [index, element] of expected.entries()) {
    const mismatch = compareValue(element, actual[index], options, `${path}[${index}]`);
    if (mismatch !== undefined) return mismatch;
  }
  return undefined;
}

/**
 * Same number of fields; each expected field is looked up as written, then upper-cased. A field
 * that is not there reads as null, as Java's Map.get gives the upstream comparator: an expected
 * null matches it (cast.json "of nulls" relies on that), anything else does not.
 */
function compareObject(expected: Readonly<Record<string, unknown>>, actual: unknown, options: ValueComparisonOptions, path: string): Mismatch | undefined {
  if (!isPlainObject(actual)) return valueMismatch(path, expected, actual);
  const expectedNames = Object.keys(expected);
  const actualNames = Object.keys(actual);
  if (expectedNames.length !== actualNames.length) {
    return { path, expected: `${expectedNames.length} fields ${describeValue(expected)}`, actual: `${actualNames.length} fields ${describeValue(actual)}` };
  }
  for (const name of expectedNames) {
    const actualName = hasOwn(actual, name) ? name : name.toUpperCase();
    const fieldPath = `${path}.${name}`;
    if (!hasOwn(actual, actualName)) {
      if (expected[name] === null) continue;
      return { path: fieldPath, expected: describeValue(expected[name]), actual: `no such field in ${describeValue(actual)}` };
    }
    const mismatch = compareValue(expected[name], actual[actualName], options, fieldPath);
    if (mismatch !== undefined) return mismatch;
  }
  return undefined;
}

/** An actual string must be equal; an actual decimal is compared as `new BigDecimal(expected)`. */
function stringMatches(expected: string, actual: unknown, options: ValueComparisonOptions): boolean {
  if (typeof actual === 'string') return actual === expected;
  const actualText = isLosslessNumber(actual) ? actual.value : undefined;
  if (actualText === undefined || integerPattern.test(actualText) || !options.exactNumbers) return false;
  const expectedDecimal = parseDecimal(expected.trim());
  const actualDecimal = parseDecimal(actualText);
  return expectedDecimal !== undefined && actualDecimal !== undefined && decimalsIdentical(expectedDecimal, actualDecimal);
}

/**
 * Actual integers must equal the expected number. Actual decimal text is a BigDecimal: against
 * an expected integer it must have no fractional digits, otherwise it must be equal including
 * scale (`10.0000` ≠ `10.0`). Actual doubles — decimals under inexact comparison, or plain JS
 * numbers that are not integers — must be within 1e-6.
 */
function numberMatches(expectedText: string, actual: unknown, options: ValueComparisonOptions): boolean {
  const expected = parseDecimal(expectedText);
  if (expected === undefined) return false;
  if (typeof actual === 'bigint') return decimalsEqualInValue(expected, { unscaled: actual, scale: 0 });
  if (typeof actual === 'number') {
    if (Number.isInteger(actual) && integerPattern.test(expectedText)) return decimalsEqualInValue(expected, { unscaled: BigInt(actual), scale: 0 });
    return Math.abs(Number(expectedText) - actual) <= doubleTolerance;
  }
  if (!isLosslessNumber(actual)) return false;
  const actualDecimal = parseDecimal(actual.value);
  if (actualDecimal === undefined) return false;
  if (integerPattern.test(actual.value)) return decimalsEqualInValue(expected, actualDecimal);
  if (!options.exactNumbers) return Math.abs(Number(expectedText) - Number(actual.value)) <= doubleTolerance;
  if (integerPattern.test(expectedText)) return actualDecimal.scale <= 0 && decimalsEqualInValue(expected, actualDecimal);
  return decimalsIdentical(expected, actualDecimal);
}

/** The JSON text of a numeric value, or undefined when it is not a number. */
function numberText(value: unknown): string | undefined {
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

function parseDecimal(text: string): DecimalValue | undefined {
  const match = decimalPattern.exec(text);
  if (match === null) return undefined;
  const [, sign = '', integerDigits = '', fractionDigits = '', exponent = '0'] = match;
  return { unscaled: BigInt(`${sign}${integerDigits}${fractionDigits}`), scale: fractionDigits.length - Number(exponent) };
}

/** BigDecimal.equals: same value and same scale. */
function decimalsIdentical(left: DecimalValue, right: DecimalValue): boolean {
  return left.unscaled === right.unscaled && left.scale === right.scale;
}

/** BigDecimal.compareTo == 0: same value, whatever the scale. */
function decimalsEqualInValue(left: DecimalValue, right: DecimalValue): boolean {
  const scale = Math.max(left.scale, right.scale);
  return left.unscaled * 10n ** BigInt(scale - left.scale) === right.unscaled * 10n ** BigInt(scale - right.scale);
}

export function compareWindow(expected: QttWindow | undefined, actual: QttWindow | undefined): string | undefined {
  if (expected === undefined && actual === undefined) return undefined;
  if (expected === undefined) return `window mismatch: expected an unwindowed key, got window ${describeWindow(actual)}`;
  if (actual === undefined) return `window mismatch: expected window ${describeWindow(expected)}, got an unwindowed key`;
  if (expected.start === actual.start && expected.end === actual.end && expected.type === actual.type) return undefined;
  return `window mismatch: expected ${describeWindow(expected)}, got ${describeWindow(actual)}`;
}

function describeWindow(window: QttWindow | undefined): string {
  return window === undefined ? 'none' : `${window.type} [${window.start}, ${window.end}]`;
}

function compareTimestamp(expected: number | undefined, actual: number, caseHasInputs: boolean): string | undefined {
  if (expected === undefined || expected === actual) return undefined;
  if (expected === 0 && !caseHasInputs) return undefined;
  return `timestamp mismatch: expected ${expected}, got ${actual}`;
}

/** Without expected headers the record must have none; otherwise key and bytes match in order. */
function compareHeaders(expected: readonly QttHeader[] | undefined, actual: readonly QttHeader[]): string | undefined {
  const wanted = expected ?? [];
  const same =
    wanted.length === actual.length && wanted.every((header, index) => header.KEY === actual[index]?.KEY && header.VALUE === actual[index]?.VALUE);
  return same ? undefined : `headers mismatch: expected ${JSON.stringify(wanted)}, got ${JSON.stringify(actual)}`;
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function hasOwn(object: object, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, name);
}

/** Renders a value for a failure reason, keeping number text exact and telling bigints and absent values apart. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'absent';
  if (typeof value === 'bigint') return `${value}n`;
  try {
    return stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
