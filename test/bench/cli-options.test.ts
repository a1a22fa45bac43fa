// `npm run bench` arguments: defaults, each option, and the errors a mistyped command gets.
import { describe, expect, it } from 'vitest';
import { BenchUsageError, parseBenchOptions } from '../../bench/cli-options.js';

const known = ['raw-passthrough', 'filter-project', 'rekey'];

describe('parseBenchOptions', () => {
  it('defaults to every shape, 200000 records, 3 rounds and 10 s of latency', () => {
    expect(parseBenchOptions([], known)).toEqual({ only: [], records: 200_000, rounds: 3, latencySeconds: 10, seed: 42 });
  });

  it('reads --only (comma lists and repeats) and the numeric options', () => {
    const options = parseBenchOptions(
      ['--only', 'filter-project', '--records', '50000', '--only', 'rekey,raw-passthrough', '--rounds', '1', '--latency-seconds', '5', '--seed', '7'],
      known,
    );
    expect(options).toEqual({ only: ['filter-project', 'rekey', 'raw-passthrough'], records: 50_000, rounds: 1, latencySeconds: 5, seed: 7 });
  });

  it('rejects unknown shapes, unknown flags, missing values and bad numbers', () => {
    expect(() => parseBenchOptions(['--only', 'nope'], known)).toThrow('Unknown shape nope; shapes: raw-passthrough, filter-project, rekey');
    expect(() => parseBenchOptions(['--fast', '1'], known)).toThrow(BenchUsageError);
    expect(() => parseBenchOptions(['--records'], known)).toThrow('--records needs a value');
    expect(() => parseBenchOptions(['--records', '0'], known)).toThrow("--records must be a positive integer, not '0'");
    expect(() => parseBenchOptions(['--rounds', '2.5'], known)).toThrow("--rounds must be a positive integer, not '2.5'");
  });
});
