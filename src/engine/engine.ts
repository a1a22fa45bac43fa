// The engine: runs statements (parse → plan → runtime), keeps the catalog and the running
// queries, records commands in the command topic and replays them at start-up.
import { randomUUID } from 'node:crypto';
import { SquallError, renderErrorContext } from '../errors/index.js';
import { parseStatement, splitStatements, substituteVariables, type Query, type Statement } from '../parser/index.js';
import { FunctionRegistry, Metastore, PlanError, createBuiltinRegistry, layeredConfig, planQuery, type QueryPlan } from '../planner/index.js';
import type { Log, LogProducer, RecordFeed } from '../runtime/index.js';
import { createRowSerde, MaterializedTable, recordsFeed, topicFeed } from '../runtime/index.js';
import {
  QUERY_ENDPOINT_MESSAGE,
  StatementError,
  type CommandStatus,
  type EngineApi,
  type EngineMetrics,
  type HealthStatus,
  type InsertSink,
  type KsqlEntity,
  type QueryStream,
  type ServerInfo,
  type StatementRequest,
} from './api.js';
import { CommandLog, type Command } from './command-log.js';
import type { EngineConfig, EngineState, StatementContext } from './engine-state.js';
import { executeAlterSource, executeCreateSource, executeCreateType, executeDropSource, executeDropType } from './execute-ddl.js';
import { executeDescribe, executeDescribeFunction, executeExplain, executeShow } from './execute-info.js';
import { executeCreateAsSelect, executeInsertInto, executeTerminate } from './execute-persistent-query.js';
import { executeInsertValues, resolveInsertTarget, RowWriter } from './insert-values.js';
import { loadProcessId } from './process-id.js';
import { pullKeyLookup } from './pull-keys.js';
import { PullPlanCache } from './pull-plans.js';
import { processingLogSource, TopicProcessingLog } from './processing-log-topic.js';
import { runPullQuery, startPushQuery, type RunningPushQuery } from './push-query.js';
import { replayedQueryIds, type QueryIdSource } from './query-ids.js';
import { withSchemaLookup } from './source-schemas.js';
import { offsetReset, propertyTexts, pullMaxStaleness } from './statement-properties.js';

export const SQUALL_VERSION = '0.1.0';

/** What a statement returns: an entity, or nothing (SET, DEFINE, INSERT VALUES...). */
type Handler<S extends Statement> = (statement: S, context: StatementContext, sequence: number) => Promise<KsqlEntity | undefined>;
type Handlers = { [K in Statement['kind']]: Handler<Extract<Statement, { kind: K }>> };

/** Statements that change the catalog or the running queries: recorded in the command topic. */
const COMMAND_KINDS: ReadonlySet<Statement['kind']> = new Set([
  'CreateSource',
  'CreateAsSelect',
  'InsertInto',
  'DropSource',
  'CreateType',
  'DropType',
  'Terminate',
  'AlterSource',
]);

export class Engine implements EngineApi {
  private readonly state: EngineState;
  private readonly commandLog: CommandLog;
  private readonly processingLog: TopicProcessingLog;
  private readonly pushQueries = new Map<string, RunningPushQuery>();
  /** Source tables materialised for pull queries, by topic; opened by the first pull query of each. */
  private readonly tables = new Map<string, Promise<MaterializedTable>>();
  /** When this server's INSERTs last finished writing to each topic (`performance.now()`): pull queries read their own writes. */
  private readonly writtenAt = new Map<string, number>();
  /** Plans of pull queries by key; forgotten whenever a command changes the catalog. */
  private readonly pullPlans = new PullPlanCache();
  private producer: LogProducer | undefined;
  private serverState: HealthStatus['serverState'] = 'INITIALIZING';
  private commandSequence = 0;
  private readonly handlers: Handlers;

  constructor(log: Log, config: EngineConfig) {
    const prefix = `_squall_${config.serviceId}`;
    this.processingLog = new TopicProcessingLog(log, `${prefix}_processing_log`);
    this.commandLog = new CommandLog(log, `${prefix}_command_topic`);
    this.state = {
      config,
      log,
      metastore: new Metastore(),
      registry: createBuiltinRegistry(config.functions),
      queries: new Map(),
      commandStatuses: new Map(),
      processingLog: this.processingLog,
      // Replaced by the state dir's process id in `start`, unless the instance id is given.
      instanceId: config.instanceId ?? randomUUID(),
      nextQueryNumber: 0,
    };
    this.handlers = this.createHandlers();
  }

  get registry(): FunctionRegistry {
    return this.state.registry;
  }

  get metastore(): Metastore {
    return this.state.metastore;
  }

  /** Settles the process id, opens the processing log and replays the command topic. */
  async start(): Promise<void> {
    const { instanceId, stateDir } = this.state.config;
    if (instanceId === undefined && stateDir !== undefined) this.state.instanceId = await loadProcessId(stateDir);
    await this.processingLog.open();
    this.state.metastore.putSource(processingLogSource(this.processingLog.topic));
    for (const command of await this.commandLog.readAll()) {
      await this.replay(command);
    }
    this.serverState = 'READY';
  }

  private async replay(command: Command): Promise<void> {
    try {
      const { statement } = parseStatement(command.statement);
      const queryIds = replayedQueryIds(command, statement, this.state);
      await this.executeOne(statement, this.newContext(command.statement, { ...command.properties }, new Map(), queryIds));
    } catch (error) {
      // A command that no longer applies (e.g. its source was dropped by hand) must not stop start-up.
      console.error(`squall: replaying "${command.statement}" failed: ${(error as Error).message}`);
    }
  }

  async execute(request: StatementRequest): Promise<KsqlEntity[]> {
    const entities: KsqlEntity[] = [];
    const properties: Record<string, unknown> = { ...(request.properties ?? {}) };
    const variables = sessionVariables(request);
    for (const piece of splitRequest(request.sql)) {
      let text = piece.text;
      try {
        text = substituteVariables(piece.text, variables);
        const { statement } = parseStatement(text, piece);
        const entity = await this.executeOne(statement, this.newContext(text, properties, variables, { kind: 'next' }));
        if (entity !== undefined) entities.push(entity);
      } catch (error) {
        throw new StatementError(error instanceof SquallError ? withSourceContext(error, request.sql) : error, text, entities);
      }
    }
    return entities;
  }

  private newContext(statementText: string, properties: Record<string, unknown>, variables: Map<string, string>, queryIds: QueryIdSource): StatementContext {
    const serverProperties = this.state.config.properties;
    return {
      statementText,
      properties,
      variables,
      // Only a statement run now numbers its query; a replayed one has its command's id.
      replaying: queryIds.kind !== 'next',
      queryIds,
      startedQueryId: undefined,
      plannerConfig: () => withSchemaLookup(layeredConfig(serverProperties, properties), this.state.config.schemaRegistry?.lookup),
    };
  }

  private async executeOne(statement: Statement, context: StatementContext): Promise<KsqlEntity | undefined> {
    const handler = this.handlers[statement.kind] as Handler<Statement>;
    const sequence = this.commandSequence;
    let entity: KsqlEntity | undefined;
    try {
      entity = await handler(statement, context, sequence);
    } finally {
      // Even a command that failed half-way may have changed the catalog.
      if (COMMAND_KINDS.has(statement.kind)) this.pullPlans.clear();
    }
    if (COMMAND_KINDS.has(statement.kind)) {
      this.commandSequence++;
      if (!context.replaying) {
        await this.commandLog.append({
          statement: context.statementText,
          properties: propertyTexts(context.properties),
          queryId: context.startedQueryId ?? null,
        });
      }
    }
    return entity;
  }

  private createHandlers(): Handlers {
    const state = this.state;
    const refuseQuery = (): never => {
      throw new SquallError('PLAN_ERROR', QUERY_ENDPOINT_MESSAGE);
    };
    return {
      CreateSource: (statement, context, sequence) => executeCreateSource(statement, context, state, sequence),
      CreateAsSelect: (statement, context, sequence) => executeCreateAsSelect(statement, context, state, sequence),
      InsertInto: (statement, context, sequence) => executeInsertInto(statement, context, state, sequence),
      InsertValues: async (statement) => {
        this.wrote(await executeInsertValues(statement, state, await this.sharedProducer()));
        return undefined;
      },
      Select: async () => refuseQuery(),
      Print: async () => refuseQuery(),
      DropSource: (statement, context, sequence) => executeDropSource(statement, context, state, sequence),
      CreateType: async (statement, context, sequence) => executeCreateType(statement, context, state, sequence),
      DropType: async (statement, context, sequence) => executeDropType(statement, context, state, sequence),
      Terminate: (statement, context, sequence) => executeTerminate(statement, context, state, sequence),
      Show: (statement, context) => executeShow(statement, context, state),
      Describe: (statement, context) => executeDescribe(statement, context, state),
      DescribeFunction: async (statement, context) => executeDescribeFunction(statement, context, state),
      Explain: async (statement, context) => executeExplain(statement, context, state),
      SetProperty: async (statement, context) => {
        context.properties[statement.name] = statement.value;
        return undefined;
      },
      UnsetProperty: async (statement, context) => {
        delete context.properties[statement.name];
        return undefined;
      },
      DefineVariable: async (statement, context) => {
        context.variables.set(statement.name.toUpperCase(), statement.value);
        return undefined;
      },
      UndefineVariable: async (statement, context) => {
        context.variables.delete(statement.name.toUpperCase());
        return undefined;
      },
      AlterSource: async (statement, context, sequence) => executeAlterSource(statement, context, state, sequence),
      RunScript: async (statement) => notSupported('RUN SCRIPT', statement.span),
      PauseResume: async (statement) => notSupported(`${statement.action}`, statement.span),
      Unsupported: async (statement) => notSupported(statement.what, statement.span),
    };
  }

  private wrote(topic: string): void {
    this.writtenAt.set(topic, performance.now());
  }

  private async sharedProducer(): Promise<LogProducer> {
    this.producer ??= await this.state.log.producer();
    return this.producer;
  }

  async query(request: StatementRequest): Promise<QueryStream> {
    const pieces = splitStatements(request.sql);
    if (pieces.length !== 1) {
      throw new SquallError('PLAN_ERROR', `Expected exactly one SELECT statement, got ${pieces.length} statements.`);
    }
    const text = substituteVariables(pieces[0]!.text, sessionVariables(request));
    const { statement } = parseStatement(text, pieces[0]);
    if (statement.kind === 'Print') return notSupported('PRINT', statement.span);
    if (statement.kind !== 'Select') {
      throw new SquallError('PLAN_ERROR', `Only SELECT queries can be run on this endpoint; use /ksql for ${statement.kind} statements.`, statement.span);
    }
    const properties = { ...(request.properties ?? {}) };
    const queryId = `transient_${statement.query.from.from.name}_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    if (statement.query.emit === undefined) return this.pullQuery(statement.query, text, pieces[0]!.offset, properties, queryId);
    const plan = this.planTransient(statement.query, properties, queryId);
    const running = await startPushQuery({
      log: this.state.log,
      plan,
      offsetReset: offsetReset(properties, 'latest'),
      processingLog: this.processingLog,
      background: this.state.config.background,
      onClose: (id) => this.pushQueries.delete(id),
    });
    this.pushQueries.set(queryId, running);
    return running.stream;
  }

  private planTransient(query: Query, properties: Record<string, unknown>, queryId: string): QueryPlan {
    return planQuery(query, { kind: 'Transient' }, queryId, {
      metastore: this.state.metastore,
      registry: this.state.registry,
      config: layeredConfig(this.state.config.properties, properties),
    });
  }

  /**
   * A pull query whose keys answer its whole WHERE clause is planned without it, once per shape
   * (the text without the clause, at `textOffset` in the request): only the keys' rows are read.
   */
  private async pullQuery(query: Query, text: string, textOffset: number, properties: Record<string, unknown>, queryId: string): Promise<QueryStream> {
    refuseInPullQuery(query);
    const catalogued = this.state.metastore.getSource(query.from.from.name);
    const lookup = catalogued === undefined ? undefined : pullKeyLookup(query, catalogued, this.state.registry);
    let plan: QueryPlan;
    if (lookup?.answersWhere === true && query.where !== undefined) {
      const where = query.where.span;
      const shape = `${text.slice(0, where.start - textOffset)}\u0000${text.slice(where.end - textOffset)}\u0000${JSON.stringify(properties)}`;
      plan = this.pullPlans.get(shape, () => this.planTransient({ ...query, where: undefined }, properties, queryId));
    } else {
      plan = this.planTransient(query, properties, queryId);
    }
    const maxStalenessMs = pullMaxStaleness(layeredConfig(this.state.config.properties, properties));
    return runPullQuery(plan, queryId, await this.pullFeed(plan, lookup?.keys, maxStalenessMs), this.processingLog);
  }

  /**
   * What a pull query reads: a table's materialised rows (those of `keys` when given), at most
   * `maxStalenessMs` behind its topic, or else the topic itself (streams; tables with header
   * columns, which the store does not keep).
   */
  private async pullFeed(plan: QueryPlan, keys: readonly Uint8Array[] | undefined, maxStalenessMs: number): Promise<RecordFeed> {
    const { source } = plan;
    const stateDir = this.state.config.stateDir;
    if (source.sourceType !== 'TABLE' || source.headerColumns.length > 0 || stateDir === undefined) {
      return topicFeed(this.state.log, source.topic);
    }
    let opening = this.tables.get(source.topic);
    if (opening === undefined) {
      opening = MaterializedTable.open({ log: this.state.log, plan, stateDir, onProgress: this.state.config.onProgress });
      this.tables.set(source.topic, opening);
      opening.catch(() => this.tables.delete(source.topic));
    }
    const table = await opening;
    await table.fresh(maxStalenessMs, this.writtenAt.get(source.topic) ?? -Infinity);
    if (keys === undefined) return recordsFeed(table.records());
    return recordsFeed(keys.flatMap((key) => table.record(key) ?? []));
  }

  closeQuery(queryId: string): boolean {
    const running = this.pushQueries.get(queryId);
    if (running === undefined) return false;
    running.stream.close();
    return true;
  }

  async openInsertSink(target: string): Promise<InsertSink> {
    // ksqlDB treats the target name case-insensitively here.
    const name = this.state.metastore.getSource(target) === undefined ? target.toUpperCase() : target;
    const source = resolveInsertTarget(name, this.state, undefined);
    if (source.sourceType !== 'STREAM') {
      throw new SquallError('PLAN_ERROR', `Cannot insert into ${source.name}: /inserts-stream only inserts into streams.`);
    }
    const writer = new RowWriter(source);
    const columns = source.columns.filter((column) => column.namespace !== 'HEADER');
    // Rows arrive as JSON objects: the JSON format's lenient, case-insensitive reading is exactly the coercion wanted.
    const reader = createRowSerde('JSON', 'value', columns, { wrapSingleValue: true });
    const producer = await this.sharedProducer();
    return {
      insert: async (row) => {
        let values: unknown[] | null;
        try {
          values = reader.deserialize(Buffer.from(JSON.stringify(row)));
        } catch (error) {
          throw new SquallError('PLAN_ERROR', `Row does not match the schema of ${source.name}: ${(error as Error).message}`);
        }
        const byName = new Map<string, unknown>(columns.map((column, index) => [column.name, values?.[index] ?? null]));
        const rowtime = Object.entries(row).find(([name]) => name.toUpperCase() === 'ROWTIME')?.[1];
        if (typeof rowtime === 'number') byName.set('ROWTIME', rowtime);
        writer.write(producer, byName);
        await producer.flush();
        this.wrote(source.topic);
      },
      close: async () => undefined,
    };
  }

  info(): ServerInfo {
    return {
      version: SQUALL_VERSION,
      kafkaClusterId: this.state.config.kafkaClusterId,
      ksqlServiceId: this.state.config.serviceId,
      serverStatus: [...this.state.queries.values()].some((query) => query.runtime.state === 'ERROR') ? 'DEGRADED' : 'RUNNING',
    };
  }

  health(): HealthStatus {
    const ready = this.serverState === 'READY';
    return {
      isHealthy: ready,
      details: { metastore: { isHealthy: true }, kafka: { isHealthy: ready }, commandRunner: { isHealthy: ready } },
      serverState: this.serverState,
    };
  }

  commandStatus(commandId: string): CommandStatus | undefined {
    return this.state.commandStatuses.get(commandId);
  }

  commandStatuses(): Readonly<Record<string, CommandStatus['status']>> {
    return Object.fromEntries([...this.state.commandStatuses].map(([id, status]) => [id, status.status]));
  }

  async metrics(): Promise<EngineMetrics> {
    const queries = await Promise.all([...this.state.queries.values()].map((query) => query.runtime.metricsSnapshot()));
    return { queries, pushQueriesOpen: this.pushQueries.size };
  }

  /**
   * Runs every query until none has input left (step-by-step drivers; `background: false`).
   * Over a real Kafka, input is known to be drained only once nothing arrived for `quietMs`.
   */
  async drain(options: { pollTimeoutMs: number; quietMs: number } = { pollTimeoutMs: 0, quietMs: 0 }): Promise<void> {
    let lastActivity = Date.now();
    // An empty round closes the open commits, which can make records visible to a later
    // sub-topology (a repartition topic): only a second empty round in a row means done.
    let emptyRounds = 0;
    for (;;) {
      let processed = 0;
      for (const query of this.state.queries.values()) processed += await query.runtime.runOnce(options.pollTimeoutMs);
      for (const push of this.pushQueries.values()) processed += await push.runtime.runOnce(options.pollTimeoutMs);
      if (processed > 0) {
        lastActivity = Date.now();
        emptyRounds = 0;
      } else if (++emptyRounds >= 2 && Date.now() - lastActivity >= options.quietMs) return;
    }
  }

  /** Statement texts of the running persistent queries. */
  runningQueryTexts(): string[] {
    return [...this.state.queries.values()].map((query) => query.statementText);
  }

  get processingLogEntries() {
    return this.processingLog.recent;
  }

  async close(): Promise<void> {
    this.serverState = 'TERMINATING';
    for (const push of this.pushQueries.values()) push.stream.close();
    for (const query of this.state.queries.values()) await query.runtime.stop();
    for (const table of this.tables.values()) (await table.catch(() => undefined))?.close();
    await this.producer?.close();
    await this.commandLog.close();
    await this.processingLog.close();
    this.serverState = 'TERMINATED';
  }
}

/** The request's statements; a request that cannot be split fails before any statement has run. */
function splitRequest(sql: string): ReturnType<typeof splitStatements> {
  try {
    return splitStatements(sql);
  } catch (error) {
    throw new StatementError(error, sql, []);
  }
}

/** `${name}` values by upper-cased name: variable names are case-insensitive, as DEFINE's are. */
function sessionVariables(request: StatementRequest): Map<string, string> {
  return new Map(Object.entries(request.sessionVariables ?? {}).map(([name, value]) => [name.toUpperCase(), value]));
}

function notSupported(what: string, span: Statement['span']): never {
  throw new PlanError(`${what} is not supported yet.`, span, 'NOT_SUPPORTED');
}

/** Adds the offending line with a caret under the problem, where the error knows its position. */
function withSourceContext(error: SquallError, sql: string): SquallError {
  if (error.span === undefined) return error;
  const located = new SquallError(error.code, `${error.message}\n${renderErrorContext(sql, error.span)}`, error.span);
  located.name = error.name;
  // The original stays reachable (a PlanError's analysed statement, for one).
  located.cause = error;
  return located;
}

/** ksqlDB's pull queries read a table's current state: they do not aggregate. */
function refuseInPullQuery(query: Query): void {
  const clause = query.window !== undefined ? 'WINDOW' : query.groupBy !== undefined ? 'GROUP BY' : query.having !== undefined ? 'HAVING' : undefined;
  if (clause !== undefined) {
    throw new SquallError('PLAN_ERROR', `Pull queries don't support ${clause} clauses. Add EMIT CHANGES to run a push query.`, query.span);
  }
}
