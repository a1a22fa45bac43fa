// Parses `npm run conformance -- [DIR] [--backend memory|embedded] [--filter REGEX] [--sample N] [--report FILE] [--update-passing] [--verbose]`.
import type { Backend } from './driver-api.js';

export interface CliArguments {
  readonly directory: string;
  readonly backend: Backend;
  readonly filter?: RegExp;
  readonly sample?: number;
  readonly reportPath: string;
  readonly updatePassing: boolean;
  readonly verbose: boolean;
}

const usage = 'usage: npm run conformance -- [DIR] [--backend memory|embedded] [--filter REGEX] [--sample N] [--report FILE] [--update-passing] [--verbose]';

export class CliUsageError extends Error {
  constructor(message: string) {
    super(`${message}\n${usage}`);
    this.name = 'CliUsageError';
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function parseCliArguments(argv: readonly string[], defaults: { readonly directory: string; readonly reportPath: string }): CliArguments {
  const parsed: Mutable<CliArguments> = { directory: defaults.directory, backend: 'memory', reportPath: defaults.reportPath, updatePassing: false, verbose: false };
  let directoryGiven = false;
  for (let position = 0; position < argv.length; position += 1) {
    const argument = argv[position] ?? '';
    const valueOf = (): string => {
      position += 1;
      const value = argv[position];
      if (value === undefined) throw new CliUsageError(`${argument} needs a value`);
      return value;
    };
    switch (argument) {
      case '--backend':
        parsed.backend = parseBackend(valueOf());
        break;
      case '--filter':
        parsed.filter = parseFilter(valueOf());
        break;
      case '--sample':
        parsed.sample = parseSample(valueOf());
        break;
      case '--report':
        parsed.reportPath = valueOf();
        break;
      case '--update-passing':
        parsed.updatePassing = true;
        break;
      case '--verbose':
        parsed.verbose = true;
        break;
      default:
        if (argument.startsWith('--') || directoryGiven) throw new CliUsageError(`unexpected argument ${argument}`);
        parsed.directory = argument;
        directoryGiven = true;
    }
  }
  return parsed;
}

function parseBackend(value: string): Backend {
  if (value === 'memory' || value === 'embedded') return value;
  throw new CliUsageError(`--backend must be memory or embedded, got ${value}`);
}

function parseFilter(value: string): RegExp {
  try {
    return new RegExp(value);
  } catch (error) {
    throw new CliUsageError(`--filter is not a valid regex: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseSample(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new CliUsageError(`--sample needs a positive whole number, got ${value}`);
  return count;
}
