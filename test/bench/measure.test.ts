// Benchmark measurement math: nearest-rank percentiles, the median round, CPU seconds.
import { describe, expect, it } from 'vitest';
import { cpuSecondsBetween, median, percentile, summarizeLatencies } from '../../bench/measure.js';

describe('percentile', () => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);

  it('takes the nearest rank: p50 of 1..100 is 50, p99 is 99, p100 is 100', () => {
    expect(percentile(hundred, 0.5)).toBe(50);
    expect(percentile(hundred, 0.99)).toBe(99);
    expect(percentile(hundred, 1)).toBe(100);
  });

  it('returns the only value of a single sample for every percentile', () => {
    expect(percentile([7], 0.01)).toBe(7);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('rejects no values and fractions outside (0, 1]', () => {
    expect(() => percentile([], 0.5)).toThrow('percentile of no values');
    expect(() => percentile([1, 2], 0)).toThrow('must be in (0, 1]');
    expect(() => percentile([1, 2], 1.5)).toThrow('must be in (0, 1]');
  });
});

describe('summarizeLatencies', () => {
  it('sorts unsorted samples before taking p50 and p99', () => {
    // 1..200 shuffled by a fixed stride: p50 is the 100th smallest, p99 the 198th.
    const samples = Array.from({ length: 200 }, (_, index) => ((index * 77) % 200) + 1);
    expect(summarizeLatencies(samples)).toEqual({ samples: 200, p50Ms: 100, p99Ms: 198 });
  });

  it('has no summary without samples', () => {
    expect(summarizeLatencies([])).toBeUndefined();
  });
});

describe('median', () => {
  it('picks the middle item by score, the lower middle of an even count', () => {
    const rounds = [{ rate: 30 }, { rate: 10 }, { rate: 20 }];
    expect(median(rounds, (round) => round.rate)).toEqual({ rate: 20 });
    expect(median([...rounds, { rate: 40 }], (round) => round.rate)).toEqual({ rate: 20 });
  });

  it('rejects no items', () => {
    expect(() => median([], () => 0)).toThrow('median of no items');
  });
});

describe('cpuSecondsBetween', () => {
  it('adds user and system microseconds spent between the readings', () => {
    expect(cpuSecondsBetween({ user: 1_000_000, system: 500_000 }, { user: 3_500_000, system: 1_000_000 })).toBe(3);
  });
});
