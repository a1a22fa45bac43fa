// Compares the expected outputs with what the queries wrote, topic by topic and in order, as
// ksql-test-runner does: keys and values as JSON (numbers by value, so 25.0 matches 25.00), the
// timestamp and the window only where the expected record gives them.
import { isLosslessNumber, stringify } from 'lossless-json';
import type { ActualRecord } from './run-statements.js';
import type { TestRecord } from './test-files.js';

export interface TopicComparison {
  readonly topic: string;
  readonly expected: readonly TestRecord[];
  /** Undefined when the topic does not exist. */
  readonly actual: readonly ActualRecord[] | undefined;
  /** The first difference, in words; undefined when the topic matches. */
  readonly mismatch: string | undefined;
}

/** One comparison per topic the expected outputs name, in the order they first name it. */
export function compareOutputs(expected: readonly TestRecord[], actual: ReadonlyMap<string, readonly ActualRecord[]>): TopicComparison[] {
  const byTopic = new Map<string, TestRecord[]>();
  for (const record of expected) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
  return [...byTopic].map(([topic, expectedRecords]) => {
    const actualRecords = actual.get(topic);
    return { topic, expected: expectedRecords, actual: actualRecords, mismatch: firstMismatch(topic, expectedRecords, actualRecords) };
  });
}

function firstMismatch(topic: string, expected: readonly TestRecord[], actual: readonly ActualRecord[] | undefined): string | undefined {
  if (actual === undefined) return `topic '${topic}' does not exist: no statement of the SQL file writes to it`;
  for (const [index, expectedRecord] of expected.entries()) {
    const actualRecord = actual[index];
    if (actualRecord === undefined) return `topic '${topic}': expected ${countOf(expected.length)} but got ${actual.length}`;
    const difference = recordDifference(expectedRecord, actualRecord);
    if (difference !== undefined) return `topic '${topic}', record ${index + 1}: ${difference}`;
  }
  if (actual.length > expected.length) return `topic '${topic}': expected ${countOf(expected.length)} but got ${actual.length}`;
  return undefined;
}

function countOf(records: number): string {
  return `${records} record${records === 1 ? '' : 's'}`;
}

/** Which part of the record differs first, in words, or undefined when the record matches. */
export function recordDifference(expected: TestRecord, actual: TestRecord): string | undefined {
  const keyDifference = jsonDifference(expected.key, actual.key, 'key');
  if (keyDifference !== undefined) return describeDifference(keyDifference);
  const valueDifference = jsonDifference(expected.value, actual.value, 'value');
  if (valueDifference !== undefined) return describeDifference(valueDifference);
  if (expected.timestamp !== undefined && expected.timestamp !== actual.timestamp) {
    return `timestamp: expected ${expected.timestamp} but was ${actual.timestamp ?? 'none'}`;
  }
  if (expected.window !== undefined && !windowEqual(expected.window, actual.window)) {
    return `window: expected ${describeJson(expected.window)} but was ${describeJson(actual.window ?? null)}`;
  }
  return undefined;
}

function windowEqual(expected: NonNullable<TestRecord['window']>, actual: TestRecord['window']): boolean {
  return actual !== undefined && expected.start === actual.start && expected.end === actual.end && expected.type === actual.type;
}

/** Where two JSON values first differ: `path` is like `value.ITEMS[2]`. */
interface JsonDifference {
  readonly path: string;
  readonly expected: unknown;
  readonly actual: unknown;
}

function describeDifference(difference: JsonDifference): string {
  return `${difference.path}: expected ${describeJson(difference.expected)} but was ${describeJson(difference.actual)}`;
}

function describeJson(value: unknown): string {
  return value === undefined ? 'no such field' : (stringify(value) ?? String(value));
}

/** JSON equality over lossless-json values and decoded runtime values (numbers, bigints); undefined when equal. */
function jsonDifference(expected: unknown, actual: unknown, path: string): JsonDifference | undefined {
  const differs: JsonDifference = { path, expected, actual };
  const expectedNumber = numberOf(expected);
  if (expectedNumber !== undefined) {
    const actualNumber = numberOf(actual);
    return actualNumber !== undefined && numbersEqual(expectedNumber, actualNumber) ? undefined : differs;
  }
  if (expected === null || typeof expected !== 'object') return expected === actual ? undefined : differs;
  if (Array.isArray(expected)) return arrayDifference(expected, actual, path);
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return differs;
  return objectDifference(expected as Record<string, unknown>, actual as Record<string, unknown>, path);
}

function arrayDifference(expected: readonly unknown[], actual: unknown, path: string): JsonDifference | undefined {
  if (!Array.isArray(actual) || actual.length !== expected.length) return { path, expected, actual };
  for (const [index, element] of expected.entries()) {
    const difference = jsonDifference(element, actual[index], `${path}[${index}]`);
    if (difference !== undefined) return difference;
  }
  return undefined;
}

function objectDifference(expected: Record<string, unknown>, actual: Record<string, unknown>, path: string): JsonDifference | undefined {
  for (const [name, value] of Object.entries(expected)) {
    const difference = jsonDifference(value, Object.hasOwn(actual, name) ? actual[name] : undefined, `${path}.${name}`);
    if (difference !== undefined) return difference;
  }
  const unexpected = Object.keys(actual).find((name) => !Object.hasOwn(expected, name));
  return unexpected === undefined ? undefined : { path: `${path}.${unexpected}`, expected: undefined, actual: actual[unexpected] };
}

/** A number's decimal text: lossless-json numbers, plain numbers and bigints. */
function numberOf(value: unknown): string | undefined {
  if (isLosslessNumber(value)) return value.value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return undefined;
}

/** Equal by value: exact for integers and decimals written out in full, as doubles otherwise. */
function numbersEqual(left: string, right: string): boolean {
  const leftDecimal = canonicalDecimal(left);
  const rightDecimal = canonicalDecimal(right);
  if (leftDecimal !== undefined && rightDecimal !== undefined) return leftDecimal === rightDecimal;
  return Number(left) === Number(right);
}

/** `-012.500` → `-12.5`; undefined for exponent notation. */
function canonicalDecimal(text: string): string | undefined {
  const match = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (match === null) return undefined;
  const integer = match[2]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return match[1] === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude;
}
