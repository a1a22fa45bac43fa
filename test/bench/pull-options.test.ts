// The `npm run bench:pull` command line: defaults, each flag, and refused values.
import { describe, expect, it } from 'vitest';
import { parsePullBenchOptions, PullBenchUsageError } from '../../bench/pull-options.js';

describe('parsePullBenchOptions', () => {
  it('defaults to 1M keys, 200k events over 100k keys, 10 and 50 connections for 15 s', () => {
    expect(parsePullBenchOptions([])).toEqual({ keys: 1_000_000, events: 200_000, eventKeys: 100_000, connections: [10, 50], seconds: 15, rate: undefined, cpuProfileDir: undefined });
  });

  it('reads every flag, a list of connection counts and --events 0 (no GROUP BY table)', () => {
    const options = parsePullBenchOptions(['--keys', '5000', '--events', '0', '--event-keys', '7', '--connections', '1, 20,100', '--seconds', '3', '--rate', '2000', '--cpu-prof', '/tmp/p']);
    expect(options).toEqual({ keys: 5000, events: 0, eventKeys: 7, connections: [1, 20, 100], seconds: 3, rate: 2000, cpuProfileDir: '/tmp/p' });
  });

  it('refuses unknown flags, missing values and numbers out of range', () => {
    expect(() => parsePullBenchOptions(['--rounds', '3'])).toThrow(PullBenchUsageError);
    expect(() => parsePullBenchOptions(['--keys'])).toThrow(/--keys needs a value/);
    expect(() => parsePullBenchOptions(['--keys', '0'])).toThrow(/at least 1/);
    expect(() => parsePullBenchOptions(['--rate', '0'])).toThrow(/--rate must be an integer of at least 1/);
    expect(() => parsePullBenchOptions(['--connections', '10,x'])).toThrow(/not 'x'/);
  });
});
