// Measurements shared by every benchmark run: percentiles, client CPU over a window, peak RSS.

export interface LatencySummary {
  readonly samples: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** The nearest-rank percentile (`fraction` in (0, 1]) of values sorted ascending. */
export function percentile(sortedValues: readonly number[], fraction: number): number {
  if (sortedValues.length === 0) throw new Error('percentile of no values');
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`percentile fraction must be in (0, 1], not ${fraction}`);
  const rank = Math.ceil(fraction * sortedValues.length);
  return sortedValues[rank - 1]!;
}

/** The item with the median score (the lower middle one of an even count). */
export function median<T>(items: readonly T[], score: (item: T) => number): T {
  if (items.length === 0) throw new Error('median of no items');
  const sorted = [...items].sort((left, right) => score(left) - score(right));
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** p50 and p99 of latency samples in milliseconds; undefined when there are none. */
export function summarizeLatencies(samplesMs: readonly number[]): LatencySummary | undefined {
  if (samplesMs.length === 0) return undefined;
  const sorted = [...samplesMs].sort((left, right) => left - right);
  return { samples: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
}

/** User + system CPU seconds this process spent between two `process.cpuUsage()` readings. */
export function cpuSecondsBetween(start: NodeJS.CpuUsage, end: NodeJS.CpuUsage): number {
  return (end.user - start.user + end.system - start.system) / 1e6;
}

/** Samples this process's resident set size until stopped, keeping the peak. */
export class PeakRssSampler {
  private peakBytes = process.memoryUsage.rss();
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs: number) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling; the peak in MiB, counting one last sample. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peakBytes / (1024 * 1024);
  }

  private sample(): void {
    this.peakBytes = Math.max(this.peakBytes, process.memoryUsage.rss());
  }
}
