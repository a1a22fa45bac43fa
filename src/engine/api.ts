// What the engine offers the server and the CLI: statements in, ksqlDB-shaped entities out;
// queries as async row streams. The REST layer renders these; it never reaches past this API.
import type { SqlType } from '../planner/types.js';
import type { QueryMetricsSnapshot } from '../runtime/index.js';

/** Kafka could not be reached: a failure that is not the statement's, where a retry may succeed. */
export { LogUnavailableError } from '../runtime/index.js';

/** A persistent query's counters, lag, store sizes and restores, as `/metrics` publishes them. */
export type { PartitionLag, QueryMetricsSnapshot, RestoreProgress, StoreSize } from '../runtime/index.js';

/** ksqlDB's answer to SELECT or PRINT sent to /ksql (Errors.QUERY_ENDPOINT). */
export const QUERY_ENDPOINT_MESSAGE = "The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT";

export interface StatementRequest {
  /** One or more `;`-terminated statements. */
  readonly sql: string;
  /** Property overrides for these statements (ksqlDB `streamsProperties`). */
  readonly properties?: Readonly<Record<string, unknown>>;
  /** Values for `${name}` substitution. */
  readonly sessionVariables?: Readonly<Record<string, string>>;
}

export interface Warning {
  readonly message: string;
}

export interface CommandStatus {
  readonly status: 'QUEUED' | 'PARSING' | 'EXECUTING' | 'RUNNING' | 'TERMINATED' | 'SUCCESS' | 'ERROR';
  readonly message: string;
  readonly queryId: string | null;
}

/**
 * One entity per statement, in ksqlDB's `/ksql` response shapes (`@type` tagged). The fields
 * are those ksqlDB sends; the server serialises them as they are.
 */
export type KsqlEntity = { readonly '@type': string; readonly statementText: string; readonly warnings: readonly Warning[] } & Readonly<
  Record<string, unknown>
>;

/**
 * A statement failed: `cause` is a SquallError when the statement is at fault, anything else when
 * Kafka or Squall failed it. `entities` are those of the statements before it in the same
 * request, which have already been executed.
 */
export class StatementError extends Error {
  override readonly cause: unknown;
  readonly statementText: string;
  readonly entities: readonly KsqlEntity[];

  constructor(cause: unknown, statementText: string, entities: readonly KsqlEntity[]) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'StatementError';
    this.cause = cause;
    this.statementText = statementText;
    this.entities = entities;
  }
}

export interface QueryColumn {
  readonly name: string;
  readonly type: SqlType;
  /** Key column of a pull query result (marked `KEY` in the `/query` header schema). */
  readonly isKey: boolean;
}

/** What a running query yields. Values use the runtime representation of `planner/types.ts`. */
export type QueryEvent =
  | { readonly kind: 'row'; readonly values: readonly unknown[] }
  /** A table push query's delete: the key columns' values, the rest null. */
  | { readonly kind: 'tombstone'; readonly values: readonly unknown[] }
  /** The query failed and has stopped: a SquallError when the query is at fault, else Kafka or Squall failed. */
  | { readonly kind: 'error'; readonly error: Error };

export interface QueryStream {
  readonly queryId: string;
  readonly isPull: boolean;
  readonly columns: readonly QueryColumn[];
  /** Rows until the query ends: after LIMIT rows, when a pull query is done, or when closed. */
  readonly events: AsyncIterable<QueryEvent>;
  /** Why the stream ended: 'Limit Reached', 'Query Completed', or undefined while running / for pull queries. */
  finalMessage(): string | undefined;
  /** Stops the query and ends `events`; safe to call twice. */
  close(): void;
}

/** A row sink for `/inserts-stream`: one target stream, rows as JSON objects keyed by column name. */
export interface InsertSink {
  /** Rejects with a SquallError when the row does not fit the stream's schema. */
  insert(row: Readonly<Record<string, unknown>>): Promise<void>;
  close(): Promise<void>;
}

export interface ServerInfo {
  readonly version: string;
  readonly kafkaClusterId: string;
  readonly ksqlServiceId: string;
  readonly serverStatus: 'RUNNING' | 'ERROR' | 'DEGRADED';
}

export interface HealthStatus {
  readonly isHealthy: boolean;
  readonly details: Readonly<Record<string, { readonly isHealthy: boolean }>>;
  readonly serverState: 'INITIALIZING' | 'READY' | 'TERMINATING' | 'TERMINATED';
}

/** What `/metrics` reads of the engine: each persistent query's metrics and the open push queries. */
export interface EngineMetrics {
  readonly queries: readonly QueryMetricsSnapshot[];
  readonly pushQueriesOpen: number;
}

export interface EngineApi {
  /** Runs statements in order; throws StatementError at the first that fails. SELECT and PRINT are refused here (use `query`). */
  execute(request: StatementRequest): Promise<KsqlEntity[]>;
  /** Starts a push (EMIT CHANGES) or pull query (a single SELECT), or a PRINT; throws a SquallError when the statement is at fault. */
  query(request: StatementRequest): Promise<QueryStream>;
  /** Closes a running push query; false when no query has that id. */
  closeQuery(queryId: string): boolean;
  /** Opens an insert sink into a stream; throws a SquallError when the target is unknown or not a stream. */
  openInsertSink(target: string): Promise<InsertSink>;
  info(): ServerInfo;
  health(): HealthStatus;
  /** Status of a command by id (`stream/NAME/create`); undefined when unknown. */
  commandStatus(commandId: string): CommandStatus | undefined;
  commandStatuses(): Readonly<Record<string, CommandStatus['status']>>;
  /** Reads the queries' metrics now (consumer lag asks Kafka for the partitions' end offsets). */
  metrics(): Promise<EngineMetrics>;
}
