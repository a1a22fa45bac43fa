// Benchmark output: ratios to raw-passthrough of the same guarantee, failed runs without numbers, the table.
import { describe, expect, it } from 'vitest';
import type { MachineInfo } from '../../bench/machine-info.js';
import { formatTable, toResultLines } from '../../bench/report.js';
import type { Measurement, RunResult } from '../../bench/run-result.js';

const machine: MachineInfo = { commit: 'abc1234', node: 'v20.0.0', cpuModel: 'Test CPU', cores: 2, memoryGb: 8 };
const time = new Date('2026-01-02T03:04:05.000Z');

function measured(eventsPerSecond: number, eventsPerCpuSecond: number, stateMb?: number): Measurement {
  return {
    kind: 'measured',
    eventsPerSecond,
    eventsPerCpuSecond,
    roundEventsPerSecond: [eventsPerSecond - 1, eventsPerSecond, eventsPerSecond + 1],
    durationSeconds: 2.5,
    clientCpuSeconds: 2.25,
    brokerCpuSeconds: 0.3,
    latency: { samples: 1000, p50Ms: 12, p99Ms: 40 },
    peakRssMb: 300.4,
    stateMb,
  };
}

const results: RunResult[] = [
  { shape: 'raw-passthrough', guarantee: 'exactly_once_v2', records: 1000, outcome: measured(80_000, 70_000) },
  { shape: 'raw-passthrough', guarantee: 'at_least_once', records: 1000, outcome: measured(100_000, 90_000) },
  { shape: 'filter-project', guarantee: 'exactly_once_v2', records: 1000, outcome: measured(60_000, 63_000) },
  { shape: 'filter-project', guarantee: 'at_least_once', records: 1000, outcome: { kind: 'failed', reason: 'lost data: 5 of 10 outputs arrived' } },
  { shape: 'count-by-key-10k', guarantee: 'exactly_once_v2', records: 1000, outcome: measured(40_000, 42_000, 12.34) },
];

describe('toResultLines', () => {
  const lines = toResultLines(results, machine, time);

  it('divides by raw-passthrough of the same guarantee', () => {
    expect(lines[2]).toMatchObject({ shape: 'filter-project', guarantee: 'exactly_once_v2', events_per_s: 60_000, ratio_to_raw: 0.75, cpu_ratio_to_raw: 0.9 });
    expect(lines[0]).toMatchObject({ ratio_to_raw: 1, cpu_ratio_to_raw: 1 });
  });

  it('carries the required fields, the machine and the commit on every line', () => {
    expect(lines[2]).toMatchObject({
      p50_ms: 12,
      p99_ms: 40,
      rss_mb: 300,
      state_mb: null,
      events_per_s_rounds: [59_999, 60_000, 60_001],
      commit: 'abc1234',
      node: 'v20.0.0',
      cpu_model: 'Test CPU',
      cores: 2,
      memory_gb: 8,
      time: '2026-01-02T03:04:05.000Z',
      error: null,
    });
  });

  it('reports the state size of a stateful shape, rounded to a tenth of a MB', () => {
    expect(lines[4]).toMatchObject({ shape: 'count-by-key-10k', state_mb: 12.3 });
  });

  it('keeps a failed run with its reason and no numbers', () => {
    expect(lines[3]).toMatchObject({ shape: 'filter-project', events_per_s: null, ratio_to_raw: null, p99_ms: null, error: 'lost data: 5 of 10 outputs arrived' });
  });

  it('has no ratio when the baseline of that guarantee failed', () => {
    const withoutBaseline = toResultLines(
      [{ shape: 'raw-passthrough', guarantee: 'at_least_once', records: 1, outcome: { kind: 'failed', reason: 'stalled' } }, { ...results[2]!, guarantee: 'at_least_once' }],
      machine,
      time,
    );
    expect(withoutBaseline[1]!.ratio_to_raw).toBeNull();
  });
});

describe('formatTable', () => {
  it('aligns the columns and lists failures', () => {
    const table = formatTable(toResultLines(results.slice(0, 4), machine, time)).split('\n');
    expect(table[0]).toMatch(/^shape +guarantee +events\/s/);
    expect(table[1]).toMatch(/^-+ +-+/);
    expect(table[4]).toMatch(/^filter-project +exactly_once_v2 +60000 +63000 +0\.75 +0\.9 +12 +40 +300 +- +0\.3$/);
    expect(table[5]).toMatch(/^filter-project +at_least_once +- +-/);
    expect(table.at(-1)).toBe('filter-project (at_least_once): FAILED, not timed: lost data: 5 of 10 outputs arrived');
  });
});
