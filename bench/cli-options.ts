// The `npm run bench` command line: which shapes, how many records, how long the latency phase runs.

export interface BenchOptions {
  /** Shape names to run; empty runs every available shape. */
  readonly only: readonly string[];
  readonly records: number;
  /** Fresh queries timed per shape and guarantee; the median is reported. */
  readonly rounds: number;
  readonly latencySeconds: number;
  readonly seed: number;
}

const usage = `Usage: npm run bench -- [--only NAME[,NAME...]] [--records N] [--rounds N] [--latency-seconds S] [--seed N]
  --only              run these shapes (raw-passthrough always runs too: every ratio is to it)
  --records           input records per run (default 200000)
  --rounds            timed rounds per shape and guarantee, median reported (default 3)
  --latency-seconds   length of the 1,000 events/s latency phase (default 10)
  --seed              generator seed (default 42)`;

const defaults: BenchOptions = { only: [], records: 200_000, rounds: 3, latencySeconds: 10, seed: 42 };

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${usage}`);
    this.name = 'BenchUsageError';
  }
}

/** Parses the arguments after `--`; `knownShapes` are those that can run. */
export function parseBenchOptions(argv: readonly string[], knownShapes: readonly string[]): BenchOptions {
  let options = defaults;
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    if (value === undefined) throw new BenchUsageError(`${flag} needs a value`);
    switch (flag) {
      case '--only':
        options = { ...options, only: [...options.only, ...shapeNames(value, knownShapes)] };
        break;
      case '--records':
        options = { ...options, records: positiveInteger(flag, value) };
        break;
      case '--rounds':
        options = { ...options, rounds: positiveInteger(flag, value) };
        break;
      case '--latency-seconds':
        options = { ...options, latencySeconds: positiveInteger(flag, value) };
        break;
      case '--seed':
        options = { ...options, seed: positiveInteger(flag, value) };
        break;
      default:
        throw new BenchUsageError(`Unknown option ${flag}`);
    }
  }
  return options;
}

function shapeNames(value: string, knownShapes: readonly string[]): string[] {
  const names = value.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!knownShapes.includes(name)) throw new BenchUsageError(`Unknown shape ${name}; shapes: ${knownShapes.join(', ')}`);
  }
  return names;
}

function positiveInteger(flag: string, value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < 1) throw new BenchUsageError(`${flag} must be a positive integer, not '${value}'`);
  return parsed;
}
