// Reads ksql-test-runner's input and output files: {"inputs": [records]} and {"outputs": [records]},
// each record {topic, key, value, timestamp, window}. Numbers stay lossless so that decimals and
// BIGINTs compare as written.
import { readFile } from 'node:fs/promises';
import { isLosslessNumber, parse as parseLossless } from 'lossless-json';

export interface TestWindow {
  readonly start: number;
  readonly end: number;
  readonly type: 'time' | 'session';
}

export interface TestRecord {
  readonly topic: string;
  /** A JSON value as lossless-json parses it; null for a record without a key. */
  readonly key: unknown;
  readonly value: unknown;
  /** Absent on an expected record: its timestamp is not compared. Inputs without one are written at 0. */
  readonly timestamp?: number;
  /** Expected records of windowed tables only; absent: the window is not compared. */
  readonly window?: TestWindow;
}

/** A test file that cannot be read or is not in ksql-test-runner's format. */
export class TestFileError extends Error {
  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'TestFileError';
  }
}

/** The records of an input file (`"inputs"`) or an output file (`"outputs"`). */
export async function readTestRecords(file: string, field: 'inputs' | 'outputs'): Promise<TestRecord[]> {
  const text = await readTestFile(file);
  let document: unknown;
  try {
    document = parseLossless(text);
  } catch (error) {
    throw new TestFileError(file, `is not JSON: ${(error as Error).message}`);
  }
  const records = isObject(document) ? document[field] : undefined;
  if (!Array.isArray(records)) throw new TestFileError(file, `must be an object with an array "${field}"`);
  return records.map((record, index) => toTestRecord(record, `${field}[${index}]`, file));
}

/** A test's file as text (the SQL file too); throws a TestFileError naming it. */
export async function readTestFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new TestFileError(file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

function toTestRecord(record: unknown, where: string, file: string): TestRecord {
  if (!isObject(record)) throw new TestFileError(file, `${where} must be an object`);
  const topic = record['topic'];
  if (typeof topic !== 'string' || topic === '') throw new TestFileError(file, `${where} needs a "topic" string`);
  const timestamp = record['timestamp'] === undefined ? undefined : toInteger(record['timestamp'], `${where}.timestamp`, file);
  const window = record['window'] === undefined || record['window'] === null ? undefined : toWindow(record['window'], `${where}.window`, file);
  return {
    topic,
    key: record['key'] ?? null,
    value: record['value'] ?? null,
    ...(timestamp === undefined ? {} : { timestamp }),
    ...(window === undefined ? {} : { window }),
  };
}

function toWindow(window: unknown, where: string, file: string): TestWindow {
  if (!isObject(window)) throw new TestFileError(file, `${where} must be an object {"start", "end", "type"}`);
  const type = typeof window['type'] === 'string' ? window['type'].toLowerCase() : 'time';
  if (type !== 'time' && type !== 'session') throw new TestFileError(file, `${where}.type must be "time" or "session"`);
  return { start: toInteger(window['start'], `${where}.start`, file), end: toInteger(window['end'], `${where}.end`, file), type };
}

function toInteger(value: unknown, where: string, file: string): number {
  const number = isLosslessNumber(value) ? Number(value.value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number)) throw new TestFileError(file, `${where} must be an integer (epoch milliseconds)`);
  return number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
