// The engine's shared state: catalog, function registry, running queries, command statuses and
// the Log; passed to each statement executor.
import type { FunctionDefinition, FunctionRegistry, Metastore, PlannerConfig, QueryPlan } from '../planner/index.js';
import type { Log, PersistentQuery, ProcessingGuarantee, ProcessingLog } from '../runtime/index.js';
import type { SchemaRegistry } from '../schema-registry/index.js';
import type { CommandStatus } from './api.js';
import type { QueryIdSource } from './query-ids.js';

export interface RunningQuery {
  readonly id: string;
  readonly statementText: string;
  readonly plan: QueryPlan;
  readonly runtime: PersistentQuery;
  readonly sinkName: string;
  readonly sourceNames: readonly string[];
}

export interface EngineConfig {
  readonly serviceId: string;
  readonly guarantee: ProcessingGuarantee;
  /** Server-level ksqlDB properties (ksql.*, auto.offset.reset...). */
  readonly properties: Readonly<Record<string, string>>;
  /** Run query loops in the background (a server); false for step-by-step drivers (tests). */
  readonly background: boolean;
  /** Kafka cluster id or a description of it, for /info. */
  readonly kafkaClusterId: string;
  /**
   * Where tasks keep their stores and source tables their materialisations; without one, pull
   * queries scan topics. It also keeps this server's process id: without a state dir (tests,
   * drivers) every engine gets a new one.
   */
  readonly stateDir?: string;
  /**
   * This server among those sharing the service id, in its producers' transactional.ids. Given,
   * it wins over the state dir's process id.
   */
  readonly instanceId?: string;
  /** User-defined functions (see `loadFunctionDirectory`), registered beside the built-ins. */
  readonly functions?: readonly FunctionDefinition[];
  /**
   * Where long operations report progress (a store restoring from its changelog, a table catching
   * up with its topic for pull queries, a query retrying an unreachable Kafka): the server's log.
   * Without one (tests, drivers) they report nothing.
   */
  readonly onProgress?: (line: string) => void;
  /** The Schema Registry of the AVRO format's schemas; without one, CREATE refuses that format. */
  readonly schemaRegistry?: SchemaRegistry;
}

export interface EngineState {
  readonly config: EngineConfig;
  readonly log: Log;
  readonly metastore: Metastore;
  readonly registry: FunctionRegistry;
  readonly queries: Map<string, RunningQuery>;
  readonly commandStatuses: Map<string, CommandStatus>;
  readonly processingLog: ProcessingLog;
  /** The configured instance id, else the state dir's process id (settled by `Engine.start`). */
  instanceId: string;
  /** The number of the next generated query id: past every query started or replayed. */
  nextQueryNumber: number;
}

/** Per-request state: SET properties and DEFINE variables apply to later statements of the request. */
export interface StatementContext {
  readonly statementText: string;
  readonly properties: Record<string, unknown>;
  readonly variables: Map<string, string>;
  /** Replaying the command topic at start-up: recreate state, but write nothing back. */
  readonly replaying: boolean;
  /** Where the id of a query the statement starts comes from. */
  readonly queryIds: QueryIdSource;
  /** The id of the query the statement started, set once it runs: its command records it. */
  startedQueryId: string | undefined;
  plannerConfig(): PlannerConfig;
}
