// Benchmark output: the printed table and the JSON lines appended to bench/results.jsonl.
import { appendFile } from 'node:fs/promises';
import type { MachineInfo } from './machine-info.js';
import type { Measurement, RunResult } from './run-result.js';

export interface ResultLine {
  readonly shape: string;
  readonly guarantee: string;
  readonly records: number;
  readonly events_per_s: number | null;
  /** Each timed round's events/s; events_per_s is their median. */
  readonly events_per_s_rounds: readonly number[] | null;
  readonly events_per_cpu_s: number | null;
  readonly ratio_to_raw: number | null;
  readonly cpu_ratio_to_raw: number | null;
  readonly p50_ms: number | null;
  readonly p99_ms: number | null;
  readonly rss_mb: number | null;
  /** Stateful shapes only: the query's state directory once caught up. */
  readonly state_mb: number | null;
  readonly duration_s: number | null;
  readonly client_cpu_s: number | null;
  readonly broker_cpu_s: number | null;
  readonly error: string | null;
  readonly commit: string;
  readonly node: string;
  readonly cpu_model: string;
  readonly cores: number;
  readonly memory_gb: number;
  readonly time: string;
}

const baselineShapeName = 'raw-passthrough';

/** The raw-passthrough measurement of the same guarantee in the same run, if it succeeded. */
function baselineFor(result: RunResult, results: readonly RunResult[]): Measurement | undefined {
  const baseline = results.find((candidate) => candidate.shape === baselineShapeName && candidate.guarantee === result.guarantee);
  return baseline?.outcome.kind === 'measured' ? baseline.outcome : undefined;
}

function ratio(value: number, baseline: number | undefined): number | null {
  return baseline === undefined ? null : round(value / baseline, 3);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** One JSON object per shape and guarantee; a failed run keeps its error and no numbers. */
export function toResultLines(results: readonly RunResult[], machine: MachineInfo, time: Date): ResultLine[] {
  return results.map((result) => {
    const common = {
      shape: result.shape,
      guarantee: result.guarantee,
      records: result.records,
      commit: machine.commit,
      node: machine.node,
      cpu_model: machine.cpuModel,
      cores: machine.cores,
      memory_gb: machine.memoryGb,
      time: time.toISOString(),
    };
    const outcome = result.outcome;
    if (outcome.kind === 'failed') {
      return {
        ...common,
        events_per_s: null,
        events_per_s_rounds: null,
        events_per_cpu_s: null,
        ratio_to_raw: null,
        cpu_ratio_to_raw: null,
        p50_ms: null,
        p99_ms: null,
        rss_mb: null,
        state_mb: null,
        duration_s: null,
        client_cpu_s: null,
        broker_cpu_s: null,
        error: outcome.reason,
      };
    }
    const baseline = baselineFor(result, results);
    return {
      ...common,
      events_per_s: Math.round(outcome.eventsPerSecond),
      events_per_s_rounds: outcome.roundEventsPerSecond.map(Math.round),
      events_per_cpu_s: Math.round(outcome.eventsPerCpuSecond),
      ratio_to_raw: ratio(outcome.eventsPerSecond, baseline?.eventsPerSecond),
      cpu_ratio_to_raw: ratio(outcome.eventsPerCpuSecond, baseline?.eventsPerCpuSecond),
      p50_ms: outcome.latency.p50Ms,
      p99_ms: outcome.latency.p99Ms,
      rss_mb: Math.round(outcome.peakRssMb),
      state_mb: outcome.stateMb === undefined ? null : round(outcome.stateMb, 1),
      duration_s: round(outcome.durationSeconds, 2),
      client_cpu_s: round(outcome.clientCpuSeconds, 2),
      broker_cpu_s: round(outcome.brokerCpuSeconds, 2),
      error: null,
    };
  });
}

const columns: readonly { readonly title: string; readonly cell: (line: ResultLine) => string }[] = [
  { title: 'shape', cell: (line) => line.shape },
  { title: 'guarantee', cell: (line) => line.guarantee },
  { title: 'events/s', cell: (line) => show(line.events_per_s) },
  { title: 'events/cpu-s', cell: (line) => show(line.events_per_cpu_s) },
  { title: 'x raw', cell: (line) => show(line.ratio_to_raw) },
  { title: 'cpu x raw', cell: (line) => show(line.cpu_ratio_to_raw) },
  { title: 'p50 ms', cell: (line) => show(line.p50_ms) },
  { title: 'p99 ms', cell: (line) => show(line.p99_ms) },
  { title: 'rss MB', cell: (line) => show(line.rss_mb) },
  { title: 'state MB', cell: (line) => show(line.state_mb) },
  { title: 'broker cpu-s', cell: (line) => show(line.broker_cpu_s) },
];

function show(value: number | null): string {
  return value === null ? '-' : String(value);
}

/** An aligned text table, then failed runs with their reasons. */
export function formatTable(lines: readonly ResultLine[]): string {
  const rows = [columns.map((column) => column.title), ...lines.map((line) => columns.map((column) => column.cell(line)))];
  const widths = columns.map((_, index) => Math.max(...rows.map((row) => row[index]!.length)));
  const text = rows.map((row) => row.map((cell, index) => cell.padEnd(widths[index]!)).join('  ').trimEnd());
  text.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
  for (const line of lines) {
    if (line.error !== null) text.push(`${line.shape} (${line.guarantee}): FAILED, not timed: ${line.error}`);
  }
  return text.join('\n');
}

export async function appendResultLines(path: string, lines: readonly ResultLine[]): Promise<void> {
  await appendFile(path, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
}
