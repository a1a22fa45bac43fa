// The `npm run bench:pull` command line: table sizes, load concurrency and length, profiling.

export interface PullBenchOptions {
  /** Keys of the USERS table. */
  readonly keys: number;
  /** Events counted into COUNTS; 0 skips the GROUP BY table. */
  readonly events: number;
  /** Distinct K values among the events. */
  readonly eventKeys: number;
  /** One load run per entry, in order. */
  readonly connections: readonly number[];
  readonly seconds: number;
  /**
   * Requests per second offered over all connections of each load run (autocannon's overallRate):
   * the latency of a server that is not saturated. Undefined: as fast as the server answers.
   */
  readonly rate: number | undefined;
  /** Where the server writes its CPU profile (`node --cpu-prof`); undefined: no profile. */
  readonly cpuProfileDir: string | undefined;
}

const usage = `Usage: npm run bench:pull -- [--keys N] [--events N] [--event-keys N] [--connections N[,N...]] [--seconds S] [--rate N] [--cpu-prof DIR]
  --keys          keys of the USERS table (default 1000000; the embedded Kafka keeps about 1.1M of its records)
  --events        events counted per key into COUNTS, 0 to skip it (default 200000)
  --event-keys    distinct keys among the events (default 100000)
  --connections   concurrent connections of each load run (default 10,50)
  --seconds       length of each load run (default 15)
  --rate          requests per second offered over all connections (default: as many as the server answers)
  --cpu-prof      run the server under node --cpu-prof, writing its profile into DIR when it stops`;

const defaults: PullBenchOptions = { keys: 1_000_000, events: 200_000, eventKeys: 100_000, connections: [10, 50], seconds: 15, rate: undefined, cpuProfileDir: undefined };

export class PullBenchUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${usage}`);
    this.name = 'PullBenchUsageError';
  }
}

export function parsePullBenchOptions(argv: readonly string[]): PullBenchOptions {
  let options = defaults;
  for (let index = 0; index < argv.length; index += 2) {
    const flag = argv[index]!;
    const value = argv[index + 1];
    if (value === undefined) throw new PullBenchUsageError(`${flag} needs a value`);
    switch (flag) {
      case '--keys':
        options = { ...options, keys: integerAtLeast(flag, value, 1) };
        break;
      case '--events':
        options = { ...options, events: integerAtLeast(flag, value, 0) };
        break;
      case '--event-keys':
        options = { ...options, eventKeys: integerAtLeast(flag, value, 1) };
        break;
      case '--connections':
        options = { ...options, connections: value.split(',').map((part) => integerAtLeast(flag, part.trim(), 1)) };
        break;
      case '--seconds':
        options = { ...options, seconds: integerAtLeast(flag, value, 1) };
        break;
      case '--rate':
        options = { ...options, rate: integerAtLeast(flag, value, 1) };
        break;
      case '--cpu-prof':
        options = { ...options, cpuProfileDir: value };
        break;
      default:
        throw new PullBenchUsageError(`Unknown option ${flag}`);
    }
  }
  return options;
}

function integerAtLeast(flag: string, value: string, minimum: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < minimum) throw new PullBenchUsageError(`${flag} must be an integer of at least ${minimum}, not '${value}'`);
  return parsed;
}
