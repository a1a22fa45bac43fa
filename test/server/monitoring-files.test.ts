// The Grafana dashboard and Prometheus configuration that docker-compose.yml mounts: every series
// they query is one GET /metrics exports, and Prometheus scrapes the Squall service's /metrics.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { FakeEngine } from './fake-engine.js';

const repositoryFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface DashboardPanel {
  readonly title: string;
  readonly targets: readonly { readonly expr: string }[];
}

/** Names of the metric families GET /metrics exports (from its `# TYPE` lines). */
async function exportedFamilies(): Promise<Set<string>> {
  const engine = new FakeEngine();
  engine.engineMetrics = {
    queries: [
      {
        queryId: 'Q',
        state: 'RUNNING',
        recordsIn: 0,
        recordsOut: 0,
        processingErrors: { DESERIALIZATION_ERROR: 0, RECORD_PROCESSING_ERROR: 0, SERIALIZATION_ERROR: 0 },
        lateRecordsDropped: 0,
        commits: 0,
        commitSeconds: 0,
        lag: [],
        stores: [],
        restores: [],
      },
    ],
    pushQueriesOpen: 0,
  };
  const server = await buildServer(engine, {});
  try {
    const text = (await server.inject({ method: 'GET', url: '/metrics' })).body;
    return new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));
  } finally {
    await server.close();
  }
}

describe('monitoring files', () => {
  it('the Grafana dashboard queries only series that /metrics exports', async () => {
    const dashboard = JSON.parse(repositoryFile('monitoring/grafana/dashboards/squall.json')) as { panels: DashboardPanel[] };
    const families = await exportedFamilies();
    const queried = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/\b((?:squall|process|nodejs)_[a-z_]+)\b/g)].map((match) => match[1]!)));
    expect(queried.length).toBeGreaterThan(10);
    const missing = queried.filter((name) => !families.has(name));
    expect(missing).toEqual([]);
  });

  it('Prometheus scrapes the compose service\'s /metrics, and compose mounts what Grafana provisions', () => {
    const prometheus = repositoryFile('monitoring/prometheus.yml');
    expect(prometheus).toMatch(/metrics_path: \/metrics/);
    expect(prometheus).toMatch(/targets: \["squall:8088"\]/);
    const compose = repositoryFile('docker-compose.yml');
    expect(compose).toContain('./monitoring/prometheus.yml:/etc/prometheus/prometheus.yml');
    expect(compose).toContain('./monitoring/grafana/dashboards:/var/lib/grafana/dashboards');
    const provider = repositoryFile('monitoring/grafana/provisioning/dashboards/squall.yml');
    expect(provider).toContain('path: /var/lib/grafana/dashboards');
    const datasource = repositoryFile('monitoring/grafana/provisioning/datasources/prometheus.yml');
    expect(datasource).toContain('uid: squall-prometheus');
    expect(datasource).toContain('url: http://prometheus:9090');
  });
});
