// The command topic: every statement that changes the catalog or starts or stops a query is
// appended after it succeeds, and replayed in order at start-up, so that a restarted server (or
// another server with the same service id) comes back with the same streams, tables and queries.
import { scanTopic, type Log, type LogProducer } from '../runtime/index.js';

export interface Command {
  readonly statement: string;
  /** Property overrides in effect for the statement (SET or request properties). */
  readonly properties: Readonly<Record<string, string>>;
  /**
   * The id of the query the statement started, null when it started none. Undefined only in
   * commands written before ids were recorded: their replay derives the id.
   */
  readonly queryId: string | null | undefined;
}

export class CommandLog {
  private producer: LogProducer | undefined;

  constructor(
    private readonly log: Log,
    readonly topic: string,
  ) {}

  /** All commands so far, in order. The topic has one partition: order is the catalog's history. */
  async readAll(): Promise<Command[]> {
    await this.log.createTopic(this.topic, { partitions: 1, config: { 'cleanup.policy': 'delete', 'retention.ms': '-1' } });
    const commands: Command[] = [];
    await scanTopic(
      this.log,
      this.topic,
      (record) => {
        if (record.value === null) return;
        commands.push(parseCommand(Buffer.from(record.value).toString('utf8')));
      },
      [0],
    );
    return commands;
  }

  async append(command: Command): Promise<void> {
    this.producer ??= await this.log.producer();
    this.producer.send([{ topic: this.topic, partition: 0, key: null, value: Buffer.from(JSON.stringify(command)) }]);
    await this.producer.flush();
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close();
  }
}

function parseCommand(text: string): Command {
  const parsed = JSON.parse(text) as { statement?: unknown; properties?: unknown; queryId?: unknown };
  const { statement, queryId } = parsed;
  if (typeof statement !== 'string' || !(queryId === undefined || queryId === null || typeof queryId === 'string')) {
    throw new Error(`Corrupt command in the command topic: ${text.slice(0, 200)}`);
  }
  const properties = typeof parsed.properties === 'object' && parsed.properties !== null ? (parsed.properties as Record<string, string>) : {};
  return { statement, properties, queryId };
}
