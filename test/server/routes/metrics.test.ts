// GET /metrics: the engine's per-query metrics and the server's own in Prometheus' text format,
// first from a scripted engine, then from a real one whose counters move as a query runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { QueryMetricsSnapshot } from '../../../src/engine/api.js';
import { MemoryLog, type Log } from '../../../src/runtime/index.js';
import { buildServer } from '../../../src/server/index.js';
import { startEngine } from '../../engine/memory-engine.js';
import { FakeEngine } from '../fake-engine.js';

const SCRIPTED_QUERY: QueryMetricsSnapshot = {
  queryId: 'CTAS_TOTALS_1',
  state: 'RUNNING',
  recordsIn: 120,
  recordsOut: 30,
  processingErrors: { DESERIALIZATION_ERROR: 2, RECORD_PROCESSING_ERROR: 1, SERIALIZATION_ERROR: 0 },
  lateRecordsDropped: 4,
  commits: 8,
  commitSeconds: 0.5,
  lag: [{ topic: 'orders', partition: 1, lag: 17 }],
  stores: [{ store: 'Aggregate-Aggregate-Materialize', partition: 1, entries: 7 }],
  restores: [{ store: 'Aggregate-Aggregate-Materialize', partition: 1, restored: 50, total: 200, done: false }],
};

/** The value of the sample `name{labels}`, with labels as Prometheus prints them (sorted as declared). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let server: FastifyInstance | undefined;
  afterEach(async () => server?.close());

  it('publishes each query\'s counters, lag, store sizes and restore progress, and the open push queries', async () => {
    const engine = new FakeEngine();
    engine.engineMetrics = { queries: [SCRIPTED_QUERY], pushQueriesOpen: 3 };
    server = await buildServer(engine, {});
    const response = await server.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = response.body;
    expect(text).toContain('# TYPE squall_query_records_in_total counter');
    expect(sample(text, 'squall_query_state{query_id="CTAS_TOTALS_1",state="RUNNING"}')).toBe(1);
    expect(sample(text, 'squall_query_records_in_total{query_id="CTAS_TOTALS_1"}')).toBe(120);
    expect(sample(text, 'squall_query_records_out_total{query_id="CTAS_TOTALS_1"}')).toBe(30);
    expect(sample(text, 'squall_query_processing_errors_total{query_id="CTAS_TOTALS_1",kind="DESERIALIZATION_ERROR"}')).toBe(2);
    expect(sample(text, 'squall_query_late_records_dropped_total{query_id="CTAS_TOTALS_1"}')).toBe(4);
    expect(sample(text, 'squall_query_commits_total{query_id="CTAS_TOTALS_1"}')).toBe(8);
    expect(sample(text, 'squall_query_commit_seconds_total{query_id="CTAS_TOTALS_1"}')).toBe(0.5);
    expect(sample(text, 'squall_query_consumer_lag{query_id="CTAS_TOTALS_1",topic="orders",partition="1"}')).toBe(17);
    const store = 'query_id="CTAS_TOTALS_1",store="Aggregate-Aggregate-Materialize",partition="1"';
    expect(sample(text, `squall_query_state_store_entries{${store}}`)).toBe(7);
    expect(sample(text, `squall_query_restore_records{${store}}`)).toBe(50);
    expect(sample(text, `squall_query_restore_progress_ratio{${store}}`)).toBe(0.25);
    expect(sample(text, 'squall_push_queries_open')).toBe(3);
    expect(text).toContain('process_cpu_seconds_total');
  });

  it('drops the series of a query that is gone', async () => {
    const engine = new FakeEngine();
    engine.engineMetrics = { queries: [SCRIPTED_QUERY], pushQueriesOpen: 0 };
    server = await buildServer(engine, {});
    expect((await server.inject({ method: 'GET', url: '/metrics' })).body).toContain('CTAS_TOTALS_1');
    engine.engineMetrics = { queries: [], pushQueriesOpen: 0 };
    expect((await server.inject({ method: 'GET', url: '/metrics' })).body).not.toContain('CTAS_TOTALS_1');
  });

  it('counts REST requests by method, route and status, unknown paths as "unmatched"', async () => {
    server = await buildServer(new FakeEngine(), {});
    await server.inject({ method: 'GET', url: '/info' });
    await server.inject({ method: 'GET', url: '/info' });
    await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: 'SELECT * FROM S;' } });
    await server.inject({ method: 'GET', url: '/no/such/path' });
    const text = (await server.inject({ method: 'GET', url: '/metrics' })).body;
    expect(sample(text, 'squall_http_requests_total{method="GET",route="/info",status="200"}')).toBe(2);
    expect(sample(text, 'squall_http_requests_total{method="POST",route="/ksql",status="400"}')).toBe(1);
    expect(sample(text, 'squall_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1);
  });

  it('shows a running query\'s counters moving as it processes records', async () => {
    const log: Log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-metrics-')), 'metrics_');
    server = await buildServer(engine, {});
    const created = await server.inject({
      method: 'POST',
      url: '/ksql',
      payload: {
        ksql: "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1); CREATE STREAM DEAR AS SELECT * FROM RIDES WHERE FARE > 10;",
      },
    });
    expect(created.statusCode).toBe(200);
    const insert = async (fares: readonly number[]) => {
      const rows = fares.map((fare, index) => JSON.stringify({ ID: `r${index}`, FARE: fare })).join('\n');
      const response = await server!.inject({ method: 'POST', url: '/inserts-stream', payload: `{"target":"RIDES"}\n${rows}\n` });
      expect(response.statusCode).toBe(200);
      await engine.drain();
    };
    const scrape = async () => (await server!.inject({ method: 'GET', url: '/metrics' })).body;
    const queryId = (await engine.metrics()).queries[0]!.queryId;

    await insert([5, 20, 30]);
    const first = await scrape();
    expect(sample(first, `squall_query_records_in_total{query_id="${queryId}"}`)).toBe(3);
    expect(sample(first, `squall_query_records_out_total{query_id="${queryId}"}`)).toBe(2);
    expect(sample(first, `squall_query_consumer_lag{query_id="${queryId}",topic="rides",partition="0"}`)).toBe(0);

    await insert([50, 1]);
    const second = await scrape();
    expect(sample(second, `squall_query_records_in_total{query_id="${queryId}"}`)).toBe(5);
    expect(sample(second, `squall_query_records_out_total{query_id="${queryId}"}`)).toBe(3);
    expect(sample(second, `squall_query_commits_total{query_id="${queryId}"}`)).toBeGreaterThan(sample(first, `squall_query_commits_total{query_id="${queryId}"}`)!);
    await server.close();
    server = undefined;
    await engine.close();
  });
});
