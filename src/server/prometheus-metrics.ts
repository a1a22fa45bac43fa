// The server's Prometheus metrics (prom-client): per persistent query, what the runtime counts
// (read from the engine at each scrape); per server, open push queries and REST requests by
// route and status, and Node's process metrics.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { EngineApi, EngineMetrics, QueryMetricsSnapshot } from '../engine/api.js';

type QueryLabel = 'query_id';
type PartitionLabel = QueryLabel | 'topic' | 'partition';
type StoreLabel = QueryLabel | 'store' | 'partition';

/** Metrics whose values come from the engine: reset and set again at each scrape, so dropped queries vanish. */
interface QueryMetricFamilies {
  readonly state: Gauge<QueryLabel | 'state'>;
  readonly recordsIn: Counter<QueryLabel>;
  readonly recordsOut: Counter<QueryLabel>;
  readonly processingErrors: Counter<QueryLabel | 'kind'>;
  readonly lateRecordsDropped: Counter<QueryLabel>;
  readonly commits: Counter<QueryLabel>;
  readonly commitSeconds: Counter<QueryLabel>;
  readonly consumerLag: Gauge<PartitionLabel>;
  readonly storeEntries: Gauge<StoreLabel>;
  readonly restoredRecords: Gauge<StoreLabel>;
  readonly restoreProgress: Gauge<StoreLabel>;
  readonly pushQueriesOpen: Gauge;
}

export class PrometheusMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly families: QueryMetricFamilies;

  constructor(private readonly engine: EngineApi) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.requests = new Counter({
      name: 'squall_http_requests_total',
      help: 'REST requests answered, by method, route and status code',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    const counter = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
      new Counter<Label>({ name, help, labelNames, registers });
    const gauge = <Label extends string>(name: string, help: string, labelNames: readonly Label[]) =>
      new Gauge<Label>({ name, help, labelNames, registers });
    const query = ['query_id'] as const;
    const store = ['query_id', 'store', 'partition'] as const;
    this.families = {
      state: gauge('squall_query_state', 'Persistent queries by state (1 for the state the query is in)', ['query_id', 'state']),
      recordsIn: counter('squall_query_records_in_total', 'Records a persistent query read from its source topics', query),
      recordsOut: counter('squall_query_records_out_total', 'Records a persistent query wrote to its sink topic', query),
      processingErrors: counter(
        'squall_query_processing_errors_total',
        'Records a persistent query skipped and wrote to the processing log, by error kind',
        ['query_id', 'kind'],
      ),
      lateRecordsDropped: counter(
        'squall_query_late_records_dropped_total',
        'Records a windowed aggregation dropped because their window had closed (past its grace period)',
        query,
      ),
      commits: counter('squall_query_commits_total', 'Commits (Kafka transactions under exactly-once) a persistent query made', query),
      commitSeconds: counter(
        'squall_query_commit_seconds_total',
        'Time a persistent query spent committing; divided by squall_query_commits_total, the average commit latency',
        query,
      ),
      consumerLag: gauge(
        'squall_query_consumer_lag',
        'Offsets between a query\'s last commit and the end of each input partition (under exactly-once the end counts the last transaction\'s commit marker)',
        ['query_id', 'topic', 'partition'],
      ),
      storeEntries: gauge('squall_query_state_store_entries', 'Rows in each state store partition', store),
      restoredRecords: gauge('squall_query_restore_records', 'Changelog records restored into each state store partition', store),
      restoreProgress: gauge('squall_query_restore_progress_ratio', 'How far each state store partition\'s restore has got, from 0 to 1', store),
      pushQueriesOpen: new Gauge({ name: 'squall_push_queries_open', help: 'Push queries streaming to clients now', registers }),
    };
  }

  countRequest(method: string, route: string, status: number): void {
    this.requests.inc({ method, route, status: String(status) });
  }

  /** The metrics in Prometheus' text format, the engine's read now. */
  async render(): Promise<string> {
    this.publish(await this.engine.metrics());
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** Synchronous, so that concurrent scrapes never see a family half set. */
  private publish(metrics: EngineMetrics): void {
    for (const family of Object.values(this.families)) family.reset();
    this.families.pushQueriesOpen.set(metrics.pushQueriesOpen);
    for (const query of metrics.queries) this.publishQuery(query);
  }

  private publishQuery(query: QueryMetricsSnapshot): void {
    const { families } = this;
    const labels = { query_id: query.queryId };
    families.state.set({ ...labels, state: query.state }, 1);
    families.recordsIn.inc(labels, query.recordsIn);
    families.recordsOut.inc(labels, query.recordsOut);
    for (const [kind, count] of Object.entries(query.processingErrors)) families.processingErrors.inc({ ...labels, kind }, count);
    families.lateRecordsDropped.inc(labels, query.lateRecordsDropped);
    families.commits.inc(labels, query.commits);
    families.commitSeconds.inc(labels, query.commitSeconds);
    for (const { topic, partition, lag } of query.lag) families.consumerLag.set({ ...labels, topic, partition: String(partition) }, lag);
    for (const { store, partition, entries } of query.stores) families.storeEntries.set({ ...labels, store, partition: String(partition) }, entries);
    for (const { store, partition, restored, total, done } of query.restores) {
      const storeLabels = { ...labels, store, partition: String(partition) };
      families.restoredRecords.set(storeLabels, restored);
      families.restoreProgress.set(storeLabels, done || total === 0 ? 1 : Math.min(1, restored / total));
    }
  }
}
