// Runs a SQL file's statements on the in-memory Log, then feeds the input records one at a time,
// processing each before the next (as ksql-test-runner's topology driver does), and collects what
// the queries wrote to the output topics in the order they wrote it.
import { Engine, StatementError } from '../../engine/index.js';
import type { FunctionDefinition } from '../../planner/index.js';
import { MemoryLog, type Log, type LogConsumer, type LogProducer, type ProcessingLogEntry } from '../../runtime/index.js';
import { EmbeddedSchemaRegistry } from '../../schema-registry/index.js';
import type { TestRecord, TestWindow } from './test-files.js';
import { rawTopicCodec, RecordEncodingError, topicCodec, type TopicCodec } from './topic-codec.js';

export interface ActualRecord {
  readonly topic: string;
  readonly key: unknown;
  readonly value: unknown;
  readonly timestamp: number;
  readonly window?: TestWindow;
}

export interface StatementRun {
  readonly sql: string;
  readonly inputs: readonly TestRecord[];
  /** The topics whose records are collected (those the expected outputs name); one that does not exist is left out of `outputs`. */
  readonly outputTopics: readonly string[];
  readonly functions: readonly FunctionDefinition[];
}

export type RunOutcome =
  | { readonly kind: 'ran'; readonly outputs: ReadonlyMap<string, readonly ActualRecord[]>; readonly processingErrors: readonly ProcessingLogEntry[] }
  /** A statement or an input record could not be run: the message says which and why. */
  | { readonly kind: 'failed'; readonly message: string };

/** Never throws for the user's mistakes (bad SQL, an input that does not fit its topic): they are a failed outcome. */
export async function runStatements(run: StatementRun): Promise<RunOutcome> {
  const log = new MemoryLog();
  // The Schema Registry formats read and register their schemas here, as in a server's embedded registry.
  const schemaRegistry = await EmbeddedSchemaRegistry.open(log);
  const engine = new Engine(log, {
    schemaRegistry,
    serviceId: 'squall_test',
    guarantee: 'exactly_once_v2',
    properties: { 'auto.offset.reset': 'earliest' },
    background: false,
    kafkaClusterId: 'memory',
    functions: run.functions,
  });
  await engine.start();
  const producer = await log.producer();
  try {
    try {
      await engine.execute({ sql: run.sql });
    } catch (error) {
      if (error instanceof StatementError) return { kind: 'failed', message: error.message };
      throw error;
    }
    await engine.drain();
    // Built once per topic, after the statements declared the sources: not once per record.
    const codecs = new Map<string, TopicCodec>();
    const codecOfTopic = (topic: string) => codecs.get(topic) ?? codecs.set(topic, codecOf(engine, topic)).get(topic)!;
    const collector = await OutputCollector.open(log, run.outputTopics, codecOfTopic);
    try {
      await collector.collect();
      for (const [index, input] of run.inputs.entries()) {
        const problem = await produceInput(log, producer, input, codecOfTopic(input.topic));
        if (problem !== undefined) return { kind: 'failed', message: `inputs[${index}] (topic ${input.topic}): ${problem}` };
        await engine.drain();
        await collector.collect();
      }
      return { kind: 'ran', outputs: collector.records, processingErrors: [...engine.processingLogEntries] };
    } finally {
      await collector.close();
    }
  } finally {
    await producer.close();
    await engine.close();
    await schemaRegistry.close();
    await log.close();
  }
}

/** The codec of the source declared over the topic first (sinks come after their sources). */
function codecOf(engine: Engine, topic: string): TopicCodec {
  const source = engine.metastore.listSources().find((candidate) => candidate.topic === topic);
  return source === undefined ? rawTopicCodec : topicCodec(source);
}

/** Returns why the record cannot be written, or undefined once it is. */
async function produceInput(log: Log, producer: LogProducer, input: TestRecord, codec: TopicCodec): Promise<string | undefined> {
  if ((await log.describeTopic(input.topic)) === undefined) return 'no stream or table of the SQL file reads this topic';
  let key: Uint8Array | null;
  let value: Uint8Array | null;
  try {
    key = codec.encodeKey(input.key, input.window);
    value = codec.encodeValue(input.value);
  } catch (error) {
    if (error instanceof RecordEncodingError) return error.message;
    throw error;
  }
  producer.send([{ topic: input.topic, key, value, timestamp: input.timestamp ?? 0 }]);
  await producer.flush();
  return undefined;
}

/** Reads the output topics from their start, a batch after each input, keeping the order records were written in. */
class OutputCollector {
  readonly records = new Map<string, ActualRecord[]>();

  private constructor(
    private readonly consumer: LogConsumer | undefined,
    private readonly codecs: ReadonlyMap<string, TopicCodec>,
  ) {
    for (const topic of codecs.keys()) this.records.set(topic, []);
  }

  static async open(log: Log, topics: readonly string[], codecOfTopic: (topic: string) => TopicCodec): Promise<OutputCollector> {
    const partitions = [];
    const codecs = new Map<string, TopicCodec>();
    for (const topic of topics) {
      const description = await log.describeTopic(topic);
      if (description === undefined) continue;
      codecs.set(topic, codecOfTopic(topic));
      for (let partition = 0; partition < description.partitions; partition++) partitions.push({ topic, partition, offset: 0 });
    }
    if (partitions.length === 0) return new OutputCollector(undefined, codecs);
    const consumer = await log.consumer({ groupId: 'squall_test_outputs', offsetReset: 'earliest' });
    await consumer.assign(partitions);
    return new OutputCollector(consumer, codecs);
  }

  async collect(): Promise<void> {
    if (this.consumer === undefined) return;
    for (;;) {
      const batch = await this.consumer.poll(1000, 0);
      if (batch.length === 0) return;
      for (const record of batch) {
        const codec = this.codecs.get(record.topic)!;
        const { key, window } = codec.decodeKey(record.key);
        this.records.get(record.topic)?.push({
          topic: record.topic,
          key,
          value: codec.decodeValue(record.value),
          timestamp: record.timestamp,
          ...(window === undefined ? {} : { window }),
        });
      }
    }
  }

  async close(): Promise<void> {
    await this.consumer?.close();
  }
}
