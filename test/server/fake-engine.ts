// A scripted EngineApi for the REST tests: records what the server asks and answers with
// whatever each test sets up, including query streams the test feeds row by row.
import type {
  CommandStatus,
  EngineApi,
  EngineMetrics,
  HealthStatus,
  InsertSink,
  KsqlEntity,
  QueryColumn,
  QueryEvent,
  QueryStream,
  ServerInfo,
  StatementRequest,
} from '../../src/engine/api.js';
import { SquallError } from '../../src/errors/index.js';

/** A query whose events the test pushes; it ends on `finish` or `close`. */
export class FakeQueryStream implements QueryStream {
  readonly queryId: string;
  readonly isPull: boolean;
  readonly columns: readonly QueryColumn[];
  readonly events: AsyncIterable<QueryEvent>;
  closeCount = 0;
  private readonly queued: QueryEvent[] = [];
  private nextIndex = 0;
  private ended = false;
  private endReason: string | undefined;
  private wake: (() => void) | undefined;

  constructor(queryId: string, columns: readonly QueryColumn[], isPull = false) {
    this.queryId = queryId;
    this.columns = columns;
    this.isPull = isPull;
    this.events = { [Symbol.asyncIterator]: () => this.iterate() };
  }

  push(event: QueryEvent): this {
    this.queued.push(event);
    this.wake?.();
    return this;
  }

  pushRows(...rows: readonly unknown[][]): this {
    for (const values of rows) this.push({ kind: 'row', values });
    return this;
  }

  finish(finalMessage?: string): this {
    this.endReason = finalMessage;
    this.ended = true;
    this.wake?.();
    return this;
  }

  finalMessage(): string | undefined {
    return this.endReason;
  }

  close(): void {
    this.closeCount += 1;
    this.ended = true;
    this.wake?.();
  }

  get isClosed(): boolean {
    return this.closeCount > 0;
  }

  private async *iterate(): AsyncGenerator<QueryEvent> {
    for (;;) {
      const next = this.queued[this.nextIndex];
      if (next !== undefined) {
        this.nextIndex += 1;
        yield next;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}

/** Records inserted rows; `reject` decides which rows fail. */
export class FakeInsertSink implements InsertSink {
  readonly rows: Readonly<Record<string, unknown>>[] = [];
  closed = false;
  reject: (row: Readonly<Record<string, unknown>>) => Error | undefined = () => undefined;

  async insert(row: Readonly<Record<string, unknown>>): Promise<void> {
    const error = this.reject(row);
    if (error !== undefined) throw error;
    this.rows.push(row);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

export class FakeEngine implements EngineApi {
  readonly requests: StatementRequest[] = [];
  readonly insertTargets: string[] = [];
  execute: (request: StatementRequest) => Promise<KsqlEntity[]> = async (request) => {
    this.requests.push(request);
    return [];
  };
  query: (request: StatementRequest) => Promise<QueryStream> = async () => {
    throw new Error('no query scripted');
  };
  openInsertSink: (target: string) => Promise<InsertSink> = async () => {
    throw new Error('no insert sink scripted');
  };
  runningQueries = new Map<string, FakeQueryStream>();
  statuses: Record<string, CommandStatus> = {};
  healthy = true;
  engineMetrics: EngineMetrics = { queries: [], pushQueriesOpen: 0 };

  closeQuery(queryId: string): boolean {
    const query = this.runningQueries.get(queryId);
    if (query === undefined) return false;
    query.close();
    this.runningQueries.delete(queryId);
    return true;
  }

  info(): ServerInfo {
    return { version: '0.1.0', kafkaClusterId: 'cluster-1', ksqlServiceId: 'default_', serverStatus: 'RUNNING' };
  }

  health(): HealthStatus {
    return {
      isHealthy: this.healthy,
      details: { metastore: { isHealthy: true }, kafka: { isHealthy: this.healthy } },
      serverState: this.healthy ? 'READY' : 'INITIALIZING',
    };
  }

  commandStatus(commandId: string): CommandStatus | undefined {
    return this.statuses[commandId];
  }

  commandStatuses(): Readonly<Record<string, CommandStatus['status']>> {
    return Object.fromEntries(Object.entries(this.statuses).map(([commandId, status]) => [commandId, status.status]));
  }

  async metrics(): Promise<EngineMetrics> {
    return this.engineMetrics;
  }

  /** Scripts `query` to record the request and return `stream`, registered as running. */
  answerQueriesWith(stream: FakeQueryStream): void {
    this.query = async (request) => {
      this.requests.push(request);
      this.runningQueries.set(stream.queryId, stream);
      return stream;
    };
  }

  /** Scripts `openInsertSink` to accept only `target` (case-insensitively). */
  acceptInsertsInto(target: string, sink: FakeInsertSink): void {
    this.openInsertSink = async (name) => {
      this.insertTargets.push(name);
      if (name.toUpperCase() !== target.toUpperCase()) {
        throw new SquallError('NOT_FOUND', `Cannot insert into an unknown stream: ${name}`);
      }
      return sink;
    };
  }
}
