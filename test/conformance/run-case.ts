// Runs one case variant against a fresh driver: statements, inputs, expected outputs or exception, post checks.
import { SquallError } from '../../src/errors/index.js';
import { compareRecord, compareValue, compareWindow, type RecordComparisonOptions } from './compare.js';
import type { ActualRecord, Backend, ConformanceDriver, DriverFactory, QttRecordSpec } from './driver-api.js';
import type { CaseVariant } from './expand.js';
import { checkPostConditions } from './post-conditions.js';
import type { QttExpectedException } from './qtt-loader.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  readonly name: string;
  readonly status: CaseStatus;
  /** Why the case failed or was skipped; absent when it passed. */
  readonly reason?: string;
  readonly durationMs: number;
}

export interface RunCaseOptions {
  readonly createDriver: DriverFactory;
  readonly backend: Backend;
  /** The whole variant (driver start, run and checks) must finish within this time. */
  readonly timeoutMs: number;
}

/** Which part of the run threw: statements map to ksqlDB's statement exceptions, records to StreamsException. */
type FailurePhase = 'statement' | 'processing';

class PhaseFailure extends Error {
  constructor(
    readonly phase: FailurePhase,
    readonly step: string,
    readonly error: unknown,
  ) {
    super(`${step} threw ${describeError(error)}`);
  }
}

class CaseTimeout extends Error {}

export const defaultCaseTimeoutMs = 10_000;

/** Runs the variant; never throws: every problem becomes a failed result with a reason. */
export async function runCase(variant: CaseVariant, options: RunCaseOptions): Promise<CaseResult> {
  const startedAt = performance.now();
  const result = (status: CaseStatus, reason?: string): CaseResult => ({
    name: variant.fullName,
    status,
    ...(reason === undefined ? {} : { reason }),
    durationMs: Math.round(performance.now() - startedAt),
  });
  if (variant.skipReason !== undefined) return result('skipped', variant.skipReason);
  if (variant.invalidReason !== undefined) return result('failed', `invalid QTT case: ${variant.invalidReason}`);
  const deadline = startedAt + options.timeoutMs;
  let driver: ConformanceDriver | undefined;
  try {
    driver = await startDriver(variant, options, deadline);
    const reason = await beforeDeadline(runWithDriver(variant, driver), deadline);
    return reason === undefined ? result('passed') : result('failed', reason);
  } catch (error) {
    if (error instanceof CaseTimeout) return result('failed', `timed out after ${options.timeoutMs} ms`);
    return result('failed', `driver error: ${describeError(error)}`);
  } finally {
    if (driver !== undefined) await closeQuietly(driver, options.timeoutMs);
  }
}

/** Creates the variant's driver; one that finishes starting after the deadline is closed when it does. */
async function startDriver(variant: CaseVariant, options: RunCaseOptions, deadline: number): Promise<ConformanceDriver> {
  const starting = options.createDriver({ properties: variant.properties, topics: variant.testCase.topics, backend: options.backend });
  let abandoned = false;
  starting.then(
    (late) => (abandoned ? closeQuietly(late, options.timeoutMs) : undefined),
    () => undefined,
  );
  try {
    return await beforeDeadline(starting, deadline);
  } catch (error) {
    abandoned = true;
    throw error;
  }
}

/** Returns why the variant fails, or undefined when it passes. */
async function runWithDriver(variant: CaseVariant, driver: ConformanceDriver): Promise<string | undefined> {
  const expectedException = variant.testCase.expectedException;
  try {
    await executeStatements(variant.statements, driver);
    await produceInputs(variant.testCase.inputs, driver);
  } catch (error) {
    if (!(error instanceof PhaseFailure)) throw error;
    if (expectedException === undefined) return error.message;
    return exceptionMismatch(expectedException, error);
  }
  if (expectedException !== undefined) return `expected ${describeExpectedException(expectedException)}, but nothing threw`;
  const outputProblem = await checkOutputs(variant, driver);
  if (outputProblem !== undefined) return outputProblem;
  const postProblem = variant.testCase.post === undefined ? undefined : await checkPostConditions(variant.testCase.post, driver);
  return postProblem === undefined ? undefined : `post: ${postProblem}`;
}

async function executeStatements(statements: readonly string[], driver: ConformanceDriver): Promise<void> {
  for (const [index, statement] of statements.entries()) {
    const step = `statement ${index + 1} (${statement})`;
    await inPhase('statement', step, () => driver.execute(statement));
    // INSERT VALUES feeds queries from statements, so process what each statement produced.
    await inPhase('processing', `processing after ${step}`, () => driver.drain());
  }
}

async function produceInputs(inputs: readonly QttRecordSpec[], driver: ConformanceDriver): Promise<void> {
  for (const [index, input] of inputs.entries()) {
    const step = `input ${index + 1} (topic ${input.topic})`;
    await inPhase('processing', step, () => driver.produce(input));
    await inPhase('processing', `processing ${step}`, () => driver.drain());
  }
}

async function inPhase(phase: FailurePhase, step: string, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    throw new PhaseFailure(phase, step, error);
  }
}

/** Returns undefined when the failure is the expected exception, else why it is not. */
function exceptionMismatch(expected: QttExpectedException, failure: PhaseFailure): string | undefined {
  const typeProblem = expected.type === undefined ? undefined : exceptionTypeProblem(expected.type, failure);
  const messages = errorChain(failure.error).map(statementExceptionMessage);
  const messageMatches = expected.message === undefined || messages.some((message) => message.includes(expected.message ?? ''));
  if (typeProblem === undefined && messageMatches) return undefined;
  const why = typeProblem ?? 'the message does not contain the expected text';
  return `expected ${describeExpectedException(expected)}, but ${failure.message} (${why})`;
}

/**
 * Maps ksqlDB's exception classes coarsely onto Squall's failures: ParseFailedException is a
 * parse error; KsqlStatementException a user error raised by a statement; KsqlException a user
 * error from a statement or any record-processing failure; StreamsException a record-processing
 * failure. Unknown class names are not checked.
 */
function exceptionTypeProblem(type: string, failure: PhaseFailure): string | undefined {
  const squallError = errorChain(failure.error).find((error): error is SquallError => error instanceof SquallError);
  const fromStatement = failure.phase === 'statement';
  switch (simpleClassName(type)) {
    case 'ParseFailedException':
      return fromStatement && squallError?.code === 'PARSE_ERROR' ? undefined : 'a parse error was expected';
    case 'KsqlStatementException':
      return fromStatement && squallError !== undefined ? undefined : 'a statement error (SquallError) was expected';
    case 'KsqlException':
      return !fromStatement || squallError !== undefined ? undefined : 'a statement error or a processing failure was expected';
    case 'StreamsException':
      return fromStatement ? 'a record-processing failure was expected' : undefined;
    default:
      return undefined;
  }
}

/** The error and its causes, outermost first (an engine may wrap a SquallError). */
/** An error's message as ksqlDB's KsqlStatementException gives it: with the analysed statement, when the error has one. */
function statementExceptionMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const statement = (error as { statement?: unknown }).statement;
  return typeof statement === 'string' ? `${error.message}\nStatement: ${statement}` : error.message;
}

function errorChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current !== undefined && current !== null && !chain.includes(current)) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

function describeExpectedException(expected: QttExpectedException): string {
  const type = expected.type === undefined ? 'an exception' : simpleClassName(expected.type);
  return expected.message === undefined ? type : `${type} containing ${JSON.stringify(expected.message)}`;
}

/** `io.confluent.ksql.parser.exception.ParseFailedException` → `ParseFailedException` */
function simpleClassName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

/** Reads every topic named in `outputs`; counts must match and records compare in order. */
async function checkOutputs(variant: CaseVariant, driver: ConformanceDriver): Promise<string | undefined> {
  const options: RecordComparisonOptions = {
    exactNumbers: variant.properties['use.exact.numeric.comparison']?.trim().toLowerCase() !== 'false',
    caseHasInputs: variant.testCase.inputs.length > 0,
  };
  for (const [topic, expected] of groupByTopic(variant.testCase.outputs)) {
    const actual = await driver.readTopic(topic);
    const problem = compareTopicRecords(topic, expected, actual, options);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function groupByTopic(records: readonly QttRecordSpec[]): Map<string, QttRecordSpec[]> {
  const byTopic = new Map<string, QttRecordSpec[]>();
  for (const record of records) {
    const topicRecords = byTopic.get(record.topic) ?? [];
    topicRecords.push(record);
    byTopic.set(record.topic, topicRecords);
  }
  return byTopic;
}

function compareTopicRecords(topic: string, expected: readonly QttRecordSpec[], actual: readonly ActualRecord[], options: RecordComparisonOptions): string | undefined {
  const firstDifference = firstRecordDifference(expected, actual, options);
  if (expected.length !== actual.length) {
    const detail = firstDifference === undefined ? '' : `; first difference: ${firstDifference}`;
    return `topic ${topic}: expected ${expected.length} records, got ${actual.length}${detail}`;
  }
  return firstDifference === undefined ? undefined : `topic ${topic}: ${firstDifference}`;
}

function firstRecordDifference(expected: readonly QttRecordSpec[], actual: readonly ActualRecord[], options: RecordComparisonOptions): string | undefined {
  const aligned = alignByKey(expected, actual, options);
  const comparable = Math.min(expected.length, aligned.length);
  for (let position = 0; position < comparable; position += 1) {
    const problem = compareRecord(expected[position], aligned[position], options);
    if (problem !== undefined) return `record ${position + 1}: ${problem}`;
  }
  return undefined;
}

/**
 * Kafka orders records per partition only, and records of different keys may sit in different
 * partitions, so the upstream runner's single-log order between keys is not a guarantee a
 * partitioned topic can keep. The actual records are reordered so that each expected record
 * meets the earliest unmatched actual record of its key (and window); the order of each key's
 * records stays exactly as written. An expected record whose key never appears takes the
 * earliest unmatched record, so a wrong key still shows as a difference.
 */
function alignByKey(expected: readonly QttRecordSpec[], actual: readonly ActualRecord[], options: RecordComparisonOptions): ActualRecord[] {
  const remaining = [...actual];
  const aligned: ActualRecord[] = [];
  const sameKey = (spec: QttRecordSpec, record: ActualRecord) =>
    compareValue(spec.key ?? null, record.key, options) === undefined && compareWindow(spec.window, record.window) === undefined;
  for (const spec of expected) {
    if (remaining.length === 0) break;
    const index = remaining.findIndex((record) => sameKey(spec, record));
    aligned.push(remaining.splice(index < 0 ? 0 : index, 1)[0]!);
  }
  return [...aligned, ...remaining];
}

/** Resolves like `work`, or rejects with CaseTimeout once the deadline passes. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CaseTimeout()), Math.max(0, deadline - performance.now()));
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closing must not turn a result into a crash or hang the run after a timeout. */
async function closeQuietly(driver: ConformanceDriver, timeoutMs: number): Promise<void> {
  try {
    await beforeDeadline(driver.close(), performance.now() + timeoutMs);
  } catch {
    // The case already has its result; a driver that cannot close cleanly does not change it.
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
