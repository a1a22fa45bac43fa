// Tests for running one case variant, against a small in-memory echo driver defined here.
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { SquallError } from '../../src/errors/index.js';
import { ParseError } from '../../src/parser/errors.js';
import type { ActualRecord, ConformanceDriver, DriverFactory, DriverOptions, QttRecordSpec, SourceInfo } from './driver-api.js';
import { expandCase, type CaseVariant } from './expand.js';
import type { QttCase } from './qtt-loader.js';
import { runCase, type CaseResult } from './run-case.js';

/**
 * A driver that understands a toy statement language instead of SQL:
 *   COPY a TO b     records produced to a are copied to b when drained
 *   POISON a        draining a record of topic a fails
 *   INSERT t v      writes value v to topic t at timestamp 1234 (like INSERT VALUES)
 *   SOURCE {json}   registers a source for post checks
 *   FAIL m / SYNTAX m / WRAPPED m / BUG m   throw SquallError, ParseError, an Error caused by a SquallError, a TypeError
 *   HANG            never finishes
 */
class EchoDriver implements ConformanceDriver {
  private readonly topics = new Map<string, ActualRecord[]>();
  private readonly routes = new Map<string, string>();
  private readonly poisoned = new Set<string>();
  private readonly sources = new Map<string, SourceInfo>();
  private pending: QttRecordSpec[] = [];

  constructor(
    options: DriverOptions,
    private readonly onClose: () => void,
  ) {
    for (const topic of options.topics) this.topics.set(topic.name, []);
  }

  async execute(statement: string): Promise<void> {
    const [verb = '', ...rest] = statement.split(' ');
    const argument = rest.join(' ');
    switch (verb) {
      case 'COPY':
        this.routes.set(rest[0] ?? '', rest[2] ?? '');
        return;
      case 'POISON':
        this.poisoned.add(argument);
        return;
      case 'INSERT':
        return this.produce({ topic: rest[0] ?? '', value: rest[1] ?? '', timestamp: 1234 });
      case 'SOURCE': {
        const source = JSON.parse(argument) as SourceInfo;
        this.sources.set(source.name, source);
        return;
      }
      case 'FAIL':
        throw new SquallError('PLAN_ERROR', argument);
      case 'SYNTAX':
        throw new ParseError(argument);
      case 'WRAPPED':
        throw new Error('statement failed', { cause: new SquallError('NOT_FOUND', argument) });
      case 'BUG':
        throw new TypeError(argument);
      case 'HANG':
        return new Promise<void>(() => undefined);
      default:
        throw new Error(`echo driver: unknown statement ${statement}`);
    }
  }

  async produce(record: QttRecordSpec): Promise<void> {
    this.append(record);
    this.pending.push(record);
  }

  async drain(): Promise<void> {
    const records = this.pending;
    this.pending = [];
    for (const record of records) {
      if (this.poisoned.has(record.topic)) throw new Error(`processing failed for a record on ${record.topic}`);
      const target = this.routes.get(record.topic);
      if (target !== undefined) this.append({ ...record, topic: target });
    }
  }

  async readTopic(topic: string): Promise<ActualRecord[]> {
    return this.topics.get(topic) ?? [];
  }

  source(name: string): SourceInfo | undefined {
    return this.sources.get(name);
  }

  async topicNames(): Promise<string[]> {
    return [...this.topics.keys()];
  }

  async close(): Promise<void> {
    this.onClose();
  }

  private append(record: QttRecordSpec): void {
    const actual: ActualRecord = { topic: record.topic, key: record.key ?? null, value: record.value, timestamp: record.timestamp ?? 0, headers: record.headers ?? [], ...(record.window === undefined ? {} : { window: record.window }) };
    this.topics.set(record.topic, [...(this.topics.get(record.topic) ?? []), actual]);
  }
}

function echoFactory(): { createDriver: DriverFactory; closed: () => number; options: DriverOptions[] } {
  let closedCount = 0;
  const options: DriverOptions[] = [];
  const createDriver: DriverFactory = async (driverOptions) => {
    options.push(driverOptions);
    return new EchoDriver(driverOptions, () => (closedCount += 1));
  };
  return { createDriver, closed: () => closedCount, options };
}

function variantOf(fields: Partial<QttCase>): CaseVariant {
  const testCase: QttCase = { name: 'case', statements: ['COPY in TO out'], formats: [], configs: [], properties: {}, inputs: [], outputs: [], topics: [], enabled: true, ...fields };
  const [variant] = expandCase('echo', testCase);
  if (variant === undefined) throw new Error('expandCase returned no variant');
  return variant;
}

async function run(fields: Partial<QttCase>, timeoutMs = 1000): Promise<CaseResult & { closed: number }> {
  const factory = echoFactory();
  const result = await runCase(variantOf(fields), { createDriver: factory.createDriver, backend: 'memory', timeoutMs });
  return { ...result, closed: factory.closed() };
}

const record = (topic: string, value: string, extra: Partial<QttRecordSpec> = {}): QttRecordSpec => ({ topic, key: 'k', value: parse(value), ...extra });

describe('runCase: outputs', () => {
  it('passes when every expected topic has the expected records in order, and closes the driver', async () => {
    const result = await run({ inputs: [record('in', '{"A": 1}'), record('in', '{"A": 2}')], outputs: [record('out', '{"A": 1}'), record('out', '{"A": 2}')] });
    expect(result).toMatchObject({ name: 'echo - case', status: 'passed', closed: 1 });
    expect(result.reason).toBeUndefined();
  });

  it('fails with the counts when a topic has fewer or more records than expected', async () => {
    const result = await run({ inputs: [record('in', '{"A": 1}')], outputs: [record('out', '{"A": 1}'), record('out', '{"A": 2}')] });
    expect(result).toMatchObject({ status: 'failed', reason: 'topic out: expected 2 records, got 1', closed: 1 });
  });

  it('counts an absent topic as zero records', async () => {
    const result = await run({ statements: ['COPY in TO elsewhere'], inputs: [record('in', '1')], outputs: [record('out', '1')] });
    expect(result.reason).toBe('topic out: expected 1 records, got 0');
  });

  it('fails on records out of order, naming the first differing record', async () => {
    const result = await run({ inputs: [record('in', '{"A": 1}'), record('in', '{"A": 2}')], outputs: [record('out', '{"A": 2}'), record('out', '{"A": 1}')] });
    expect(result.reason).toBe('topic out: record 1: value mismatch at $.A: expected 2, got 1');
  });

  it('compares every topic named in outputs', async () => {
    const result = await run({ statements: ['COPY in TO out'], inputs: [record('in', '1')], outputs: [record('out', '1'), record('in', '2')] });
    expect(result.reason).toBe('topic in: record 1: value mismatch at $: expected 2, got 1');
  });

  it('lets expected timestamp 0 match anything when the case feeds itself with statements', async () => {
    const result = await run({ statements: ['COPY in TO out', 'INSERT in 7'], outputs: [record('out', '"7"', { key: undefined, timestamp: 0 })] });
    expect(result.status).toBe('passed');
  });

  it('passes properties and topic declarations to the driver', async () => {
    const factory = echoFactory();
    const variant = variantOf({ properties: { 'ksql.x': 'y' }, topics: [{ name: 'declared', partitions: 2 }], outputs: [] });
    await runCase(variant, { createDriver: factory.createDriver, backend: 'embedded', timeoutMs: 1000 });
    expect(factory.options).toEqual([{ properties: { 'ksql.x': 'y' }, topics: [{ name: 'declared', partitions: 2 }], backend: 'embedded' }]);
  });

  it('fails with the statement and error when a statement throws unexpectedly', async () => {
    const result = await run({ statements: ['FAIL no such stream'], outputs: [] });
    expect(result).toMatchObject({ status: 'failed', reason: 'statement 1 (FAIL no such stream) threw SquallError: no such stream', closed: 1 });
  });

  it('fails when record processing throws unexpectedly', async () => {
    const result = await run({ statements: ['POISON in'], inputs: [record('in', '1')], outputs: [] });
    expect(result.reason).toBe('processing input 1 (topic in) threw Error: processing failed for a record on in');
  });
});

describe('runCase: expectedException', () => {
  const expectException = (type: string, message: string): Partial<QttCase> => ({ expectedException: { type: `io.confluent.ksql.util.${type}`, message } });

  it('passes when a statement throws a SquallError containing the message', async () => {
    const result = await run({ statements: ['FAIL Stream TEST does not exist.'], ...expectException('KsqlStatementException', 'TEST does not exist') });
    expect(result.status).toBe('passed');
  });

  it('fails when the message is not a substring', async () => {
    const result = await run({ statements: ['FAIL Stream TEST does not exist.'], ...expectException('KsqlStatementException', 'Unknown') });
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/^expected KsqlStatementException containing "Unknown", but statement 1 .* threw SquallError: Stream TEST does not exist\. \(the message does not contain/);
  });

  it('finds the message and the SquallError on a wrapped cause', async () => {
    const result = await run({ statements: ['WRAPPED Source `X` does not exist'], ...expectException('KsqlException', 'Source `X` does not exist') });
    expect(result.status).toBe('passed');
  });

  it('requires a parse error for ParseFailedException', async () => {
    const parseFailed = { expectedException: { type: 'io.confluent.ksql.parser.exception.ParseFailedException', message: 'Syntax Error' } };
    expect((await run({ statements: ['SYNTAX line 1:8: Syntax Error'], ...parseFailed })).status).toBe('passed');
    const planError = await run({ statements: ['FAIL line 1:8: Syntax Error'], ...parseFailed });
    expect(planError.reason).toMatch(/a parse error was expected/);
  });

  it('does not count a crash (a non-SquallError) as a statement exception', async () => {
    const result = await run({ statements: ['BUG cannot read properties of undefined'], ...expectException('KsqlStatementException', 'cannot read') });
    expect(result.reason).toMatch(/a statement error \(SquallError\) was expected/);
  });

  it('maps StreamsException to record processing failures only', async () => {
    const streams = { expectedException: { type: 'org.apache.kafka.streams.errors.StreamsException', message: 'processing failed' } };
    expect((await run({ statements: ['POISON in'], inputs: [record('in', '1')], ...streams })).status).toBe('passed');
    expect((await run({ statements: ['FAIL processing failed'], ...streams })).reason).toMatch(/a record-processing failure was expected/);
  });

  it('fails when nothing throws, without checking outputs', async () => {
    const result = await run({ inputs: [record('in', '1')], outputs: [record('out', '2')], ...expectException('KsqlException', 'boom') });
    expect(result).toMatchObject({ status: 'failed', reason: 'expected KsqlException containing "boom", but nothing threw' });
  });
});

describe('runCase: post conditions', () => {
  const source: SourceInfo = {
    name: 'OUT',
    type: 'stream',
    schema: '`ID` INTEGER KEY, `NAME` STRING',
    keyFormat: { format: 'KAFKA' },
    valueFormat: 'JSON',
    keyFeatures: [],
    valueFeatures: [],
    isSource: false,
  };
  const withSource = [`SOURCE ${JSON.stringify(source)}`, 'COPY in TO OUT'];

  it('passes when sources and topics match', async () => {
    const result = await run({
      statements: withSource,
      inputs: [record('in', '1')],
      outputs: [record('OUT', '1')],
      post: { sources: [{ name: 'OUT', type: 'stream', schema: 'ID INT KEY, NAME STRING', keyFormat: { format: 'KAFKA' } }], blacklist: '.*-repartition', topics: [{ name: 'OUT', valueFormat: 'JSON' }] },
    });
    expect(result.status).toBe('passed');
  });

  it('fails on a missing source or a different schema', async () => {
    const missing = await run({ statements: withSource, outputs: [], post: { sources: [{ name: 'NOPE' }], topics: [] } });
    expect(missing.reason).toBe('post: source NOPE does not exist');
    const schema = await run({ statements: withSource, outputs: [], post: { sources: [{ name: 'OUT', schema: 'ID BIGINT KEY, NAME STRING' }], topics: [] } });
    expect(schema.reason).toMatch(/^post: source OUT schema: expected "ID BIGINT KEY, NAME STRING", got/);
  });

  it('fails when a created topic matches the blacklist', async () => {
    const result = await run({ statements: ['COPY in TO q-repartition'], inputs: [record('in', '1')], post: { sources: [], blacklist: '.*-repartition', topics: [] } });
    expect(result.reason).toBe('post: topics matching blacklist ".*-repartition" exist: q-repartition');
  });

  it('fails when an expected topic does not exist', async () => {
    const result = await run({ inputs: [record('in', '1')], post: { sources: [], topics: [{ name: 'OTHER' }] } });
    expect(result.reason).toMatch(/^post: topic OTHER does not exist/);
  });
});

describe('runCase: skips, invalid cases, timeouts and driver failures', () => {
  it('reports a skipped variant without creating a driver', async () => {
    const factory = echoFactory();
    const variant = { ...variantOf({ outputs: [] }), skipReason: 'needs Schema Registry' };
    const result = await runCase(variant, { createDriver: factory.createDriver, backend: 'memory', timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 'skipped', reason: 'needs Schema Registry' });
    expect(factory.options).toHaveLength(0);
  });

  it('fails an invalid case with its reason', async () => {
    const result = await run({ invalidReason: 'statements must not be empty' });
    expect(result).toMatchObject({ status: 'failed', reason: 'invalid QTT case: statements must not be empty' });
  });

  it('times out a hanging case and still closes its driver', async () => {
    const result = await run({ statements: ['HANG'], outputs: [] }, 50);
    expect(result).toMatchObject({ status: 'failed', reason: 'timed out after 50 ms', closed: 1 });
  });

  it('closes a driver that finishes starting after the case timed out', async () => {
    const factory = echoFactory();
    const slow: DriverFactory = (options) => new Promise((resolve) => setTimeout(() => resolve(factory.createDriver(options)), 60));
    const result = await runCase(variantOf({ outputs: [] }), { createDriver: slow, backend: 'memory', timeoutMs: 20 });
    expect(result).toMatchObject({ status: 'failed', reason: 'timed out after 20 ms' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(factory.closed()).toBe(1);
  });

  it('turns a driver that cannot start into a failed case', async () => {
    const failing: DriverFactory = async () => {
      throw new Error('no broker');
    };
    const result = await runCase(variantOf({ outputs: [] }), { createDriver: failing, backend: 'embedded', timeoutMs: 1000 });
    expect(result).toMatchObject({ status: 'failed', reason: 'driver error: Error: no broker' });
  });
});
