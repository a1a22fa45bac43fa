// `npm run bench`: runs each query shape under both guarantees against an embedded Kafka in its own process.
import { fileURLToPath } from 'node:url';
import type { ProcessingGuarantee } from '../src/runtime/index.js';
import { startBrokerProcess } from './broker.js';
import { BenchUsageError, parseBenchOptions, type BenchOptions } from './cli-options.js';
import { machineInfo } from './machine-info.js';
import { appendResultLines, formatTable, toResultLines } from './report.js';
import type { RunResult } from './run-result.js';
import { runShape } from './shape-run.js';
import type { Shape } from './shape.js';
import { availableShapes, baselineShape } from './shapes/index.js';

const guarantees: readonly ProcessingGuarantee[] = ['exactly_once_v2', 'at_least_once'];
const latencyRatePerSecond = 1000;
/** The embedded Kafka's default, as `squall kafka` runs it. */
const brokerCount = 3;
const resultsPath = fileURLToPath(new URL('./results.jsonl', import.meta.url));

/** The baseline first, then the selected shapes in their listed order. */
function selectShapes(options: BenchOptions): Shape[] {
  if (options.only.length === 0) return [...availableShapes];
  return availableShapes.filter((shape) => shape === baselineShape || options.only.includes(shape.name));
}

async function runAll(options: BenchOptions): Promise<RunResult[]> {
  const broker = await startBrokerProcess(brokerCount);
  const invocationId = Date.now().toString(36);
  const results: RunResult[] = [];
  try {
    for (const shape of selectShapes(options)) {
      for (const guarantee of guarantees) {
        process.stderr.write(`bench: ${shape.name} (${guarantee}), ${options.records} records...\n`);
        const result = await runShape(shape, guarantee, broker, {
          records: options.records,
          rounds: options.rounds,
          latencyRatePerSecond,
          latencySeconds: options.latencySeconds,
          seed: options.seed,
          invocationId,
        });
        if (result.outcome.kind === 'failed') process.stderr.write(`bench: ${shape.name} (${guarantee}) failed: ${result.outcome.reason}\n`);
        results.push(result);
      }
    }
  } finally {
    await broker.stop();
  }
  return results;
}

async function main(): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(
      process.argv.slice(2),
      availableShapes.map((shape) => shape.name),
    );
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const machine = machineInfo();
  const results = await runAll(options);
  const lines = toResultLines(results, machine, new Date());
  process.stdout.write(`\nSquall benchmark at ${machine.commit}, Node ${machine.node}, ${machine.cores} × ${machine.cpuModel}, ${machine.memoryGb} GB\n`);
  process.stdout.write(`${options.records} records per round, median of ${options.rounds} rounds; latency at ${latencyRatePerSecond} events/s for ${options.latencySeconds} s\n\n`);
  process.stdout.write(`${formatTable(lines)}\n`);
  await appendResultLines(resultsPath, lines);
  process.stdout.write(`\nAppended ${lines.length} lines to ${resultsPath}\n`);
  return results.some((result) => result.outcome.kind === 'failed') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
