// One timed run of a shape under one guarantee: feed, start, count to the last output, then measure latency.
import type { ProcessingGuarantee } from '../src/runtime/index.js';
import type { BrokerProcess } from './broker.js';
import { bulkFeedLog, pacedFeedLog, produceAll, producePaced, verifyRetained } from './input-feeder.js';
import { cpuSecondsBetween, PeakRssSampler, summarizeLatencies } from './measure.js';
import type { Measurement, RunResult } from './run-result.js';
import type { RunningShape, Shape, ShapeContext } from './shape.js';
import { SinkCounter, type OutputMark } from './sink-counter.js';

export interface RunSettings {
  readonly records: number;
  readonly latencyRatePerSecond: number;
  readonly latencySeconds: number;
  readonly seed: number;
  /** Distinguishes this benchmark invocation's topics and groups from earlier ones on the same broker. */
  readonly invocationId: string;
}

const rssSampleIntervalMs = 100;
/** A duplicate shows up soon after the last expected output, if at all; this long is waited for one. */
const duplicateGraceMs = 1000;

export async function runShape(shape: Shape, guarantee: ProcessingGuarantee, broker: BrokerProcess, settings: RunSettings): Promise<RunResult> {
  const runId = `bench_${settings.invocationId}_${shape.name.replaceAll('-', '_')}_${guarantee}`;
  const context: ShapeContext = {
    bootstrapServers: broker.bootstrapServers,
    guarantee,
    inputTopic: `${runId}_input`,
    outputTopic: `${runId}_output`,
    runId,
  };
  const result = (outcome: RunResult['outcome']): RunResult => ({ shape: shape.name, guarantee, records: settings.records, outcome });
  try {
    return result(await measure(shape, context, broker, settings));
  } catch (error) {
    return result({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }
}

async function measure(shape: Shape, context: ShapeContext, broker: BrokerProcess, settings: RunSettings): Promise<Measurement> {
  const records = shape.input(settings.records, settings.seed, Date.now());
  const expected = shape.expectedOutputs(records);
  await feedAll(context, records);
  const counter = await SinkCounter.open(context.bootstrapServers, context.outputTopic);
  let running: RunningShape | undefined;
  const rss = new PeakRssSampler(rssSampleIntervalMs);
  try {
    const brokerCpuAtStart = await broker.cpuSeconds();
    running = await shape.start(context);
    const last = await counter.reach(expected, throughputTimeoutMs(settings.records));
    const first = counter.first;
    if (last === undefined || first === undefined) throw new Error(`lost data: ${counter.count} of ${expected} outputs arrived`);
    const brokerCpuSeconds = (await broker.cpuSeconds()) - brokerCpuAtStart;
    const latency = await measureLatency(shape, context, counter, expected, settings);
    await assertNoDuplicates(counter, expected + latency.expected);
    return throughput(settings.records, first, last, brokerCpuSeconds, latency.samplesMs, rss.stop());
  } finally {
    rss.stop();
    await running?.stop();
    await counter.close();
  }
}

async function feedAll(context: ShapeContext, records: Parameters<typeof produceAll>[2]): Promise<void> {
  const log = bulkFeedLog(context.bootstrapServers);
  try {
    await produceAll(log, context.inputTopic, records);
    await verifyRetained(log, context.inputTopic, records.length);
  } finally {
    await log.close();
  }
}

/** Produces at a fixed low rate into the running query, stamping each record with its send time. */
async function measureLatency(
  shape: Shape,
  context: ShapeContext,
  counter: SinkCounter,
  alreadyCounted: number,
  settings: RunSettings,
): Promise<{ expected: number; samplesMs: readonly number[] }> {
  const records = shape.input(settings.latencyRatePerSecond * settings.latencySeconds, settings.seed + 1, Date.now());
  const expected = shape.expectedOutputs(records);
  const samplesMs = counter.trackLatencies();
  const log = pacedFeedLog(context.bootstrapServers);
  try {
    await producePaced(log, context.inputTopic, records, settings.latencyRatePerSecond);
  } finally {
    await log.close();
  }
  const last = await counter.reach(alreadyCounted + expected, 30_000);
  if (last === undefined) throw new Error(`lost data at the fixed rate: ${counter.count - alreadyCounted} of ${expected} outputs arrived`);
  return { expected, samplesMs };
}

async function assertNoDuplicates(counter: SinkCounter, expected: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, duplicateGraceMs));
  if (counter.count !== expected) throw new Error(`duplicated data: ${counter.count} outputs where ${expected} were expected`);
}

function throughput(
  records: number,
  first: OutputMark,
  last: OutputMark,
  brokerCpuSeconds: number,
  latencySamplesMs: readonly number[],
  peakRssMb: number,
): Measurement {
  const durationSeconds = (last.atMs - first.atMs) / 1000;
  const clientCpuSeconds = cpuSecondsBetween(first.cpu, last.cpu);
  const latency = summarizeLatencies(latencySamplesMs);
  if (latency === undefined) throw new Error('no output arrived at the fixed rate');
  return {
    kind: 'measured',
    eventsPerSecond: records / durationSeconds,
    eventsPerCpuSecond: records / clientCpuSeconds,
    durationSeconds,
    clientCpuSeconds,
    brokerCpuSeconds,
    latency,
    peakRssMb,
  };
}

/** Generous: a query slower than 2,000 records/s (plus start-up) is reported as stalled rather than waited for. */
function throughputTimeoutMs(records: number): number {
  return 30_000 + records / 2;
}
