// The engine's shared state: catalog, function registry, running queries, command statuses and
// the Log; passed to each statement executor.
import type { FunctionRegistry, Metastore, PlannerConfig, QueryPlan } from '../planner/index.js';
import type { Log, PersistentQuery, ProcessingGuarantee, ProcessingLog } from '../runtime/index.js';
import type { CommandStatus } from './api.js';

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
  /** This server among those sharing the service id; new for every start unless given. */
  readonly instanceId?: string;
}

export interface EngineState {
  readonly config: EngineConfig;
  readonly log: Log;
  readonly metastore: Metastore;
  readonly registry: FunctionRegistry;
  readonly queries: Map<string, RunningQuery>;
  readonly commandStatuses: Map<string, CommandStatus>;
  readonly processingLog: ProcessingLog;
  readonly instanceId: string;
  /** Increments with every statement that may create a query, so ids are stable across replays. */
  nextQueryNumber: number;
}

/** Per-request state: SET properties and DEFINE variables apply to later statements of the request. */
export interface StatementContext {
  readonly statementText: string;
  readonly properties: Record<string, unknown>;
  readonly variables: Map<string, string>;
  /** Replaying the command topic at start-up: recreate state, but write nothing back. */
  readonly replaying: boolean;
  plannerConfig(): PlannerConfig;
}
