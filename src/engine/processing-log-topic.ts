// The processing log as a Kafka topic and the KSQL_PROCESSING_LOG stream over it, so that users
// can query the records their queries skipped. Entries are also kept in memory for tests and /metrics.
import { SqlTypes, type DataSource } from '../planner/index.js';
import type { Log, LogProducer, ProcessingLog, ProcessingLogEntry } from '../runtime/index.js';

const PROCESSING_LOG_STREAM = 'KSQL_PROCESSING_LOG';

/** Entries kept in memory: enough for tests and a glance, bounded for a long-running server. */
const MAX_RECENT_ENTRIES = 1000;

const MESSAGE_TYPE = SqlTypes.struct([
  { name: 'TYPE', type: SqlTypes.STRING },
  { name: 'QUERYID', type: SqlTypes.STRING },
  { name: 'TOPIC', type: SqlTypes.STRING },
  { name: 'PARTITION', type: SqlTypes.INTEGER },
  { name: 'OFFSET', type: SqlTypes.BIGINT },
  { name: 'ERRORMESSAGE', type: SqlTypes.STRING },
]);

export function processingLogSource(topic: string): DataSource {
  return {
    name: PROCESSING_LOG_STREAM,
    sourceType: 'STREAM',
    columns: [
      { name: 'LOGGER', type: SqlTypes.STRING, namespace: 'VALUE' },
      { name: 'LEVEL', type: SqlTypes.STRING, namespace: 'VALUE' },
      { name: 'TIME', type: SqlTypes.BIGINT, namespace: 'VALUE' },
      { name: 'MESSAGE', type: MESSAGE_TYPE, namespace: 'VALUE' },
    ],
    topic,
    keyFormat: { format: 'NONE' },
    valueFormat: { format: 'JSON', wrapSingleValue: true },
    timestamp: undefined,
    window: undefined,
    isSource: true,
    isSink: false,
    statementText: `CREATE SOURCE STREAM ${PROCESSING_LOG_STREAM} (LOGGER STRING, LEVEL STRING, TIME BIGINT, MESSAGE STRUCT<...>) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`,
  };
}

/** Writes entries to the topic in the background; a failing write never stops a query. */
export class TopicProcessingLog implements ProcessingLog {
  readonly recent: ProcessingLogEntry[] = [];
  private producer: LogProducer | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: Log,
    readonly topic: string,
  ) {}

  async open(): Promise<void> {
    await this.log.createTopic(this.topic, { partitions: 1 });
    this.producer = await this.log.producer();
  }

  write(entry: ProcessingLogEntry): void {
    this.recent.push(entry);
    if (this.recent.length > MAX_RECENT_ENTRIES) this.recent.shift();
    const producer = this.producer;
    if (producer === undefined) return;
    const value = {
      LOGGER: entry.queryId,
      LEVEL: 'ERROR',
      TIME: entry.time,
      MESSAGE: {
        TYPE: entry.kind,
        QUERYID: entry.queryId,
        TOPIC: entry.topic,
        PARTITION: entry.partition,
        OFFSET: entry.offset,
        ERRORMESSAGE: entry.message,
      },
    };
    producer.send([{ topic: this.topic, key: null, value: Buffer.from(JSON.stringify(value)), timestamp: entry.time }]);
    this.pending = this.pending.then(() => producer.flush()).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.pending;
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close();
  }
}
