// One shape under one guarantee: feed the input once, time several fresh queries over it, then measure latency.
import type { ProcessingGuarantee } from '../src/runtime/index.js';
import type { BrokerProcess } from './broker.js';
import type { BenchRecord } from './generators/bench-record.js';
import { bulkFeedLog, pacedFeedLog, produceAll, producePaced, verifyRetained, type InputTopics } from './input-feeder.js';
import { cpuSecondsBetween, median, PeakRssSampler, summarizeLatencies, type LatencySummary } from './measure.js';
import type { Measurement, RunResult } from './run-result.js';
import type { ExpectedOutputs, RunningShape, Shape, ShapeContext } from './shape.js';
import { SinkCounter } from './sink-counter.js';

export interface RunSettings {
  readonly records: number;
  /** Fresh queries timed over the same input; the median round is reported (2 cores make single rounds noisy). */
  readonly rounds: number;
  readonly latencyRatePerSecond: number;
  readonly latencySeconds: number;
  readonly seed: number;
  /** Distinguishes this benchmark invocation's topics and groups from earlier ones on the same broker. */
  readonly invocationId: string;
}

interface Round {
  readonly eventsPerSecond: number;
  readonly eventsPerCpuSecond: number;
  readonly durationSeconds: number;
  readonly clientCpuSeconds: number;
  readonly brokerCpuSeconds: number;
  /** The query's on-disk state once caught up; undefined for a query that keeps none. */
  readonly stateMb: number | undefined;
}

/** A query that has written every expected output and is still running, with the counter watching its sink. */
interface CaughtUpQuery {
  readonly round: Round;
  readonly running: RunningShape;
  readonly counter: SinkCounter;
}

const rssSampleIntervalMs = 100;
/** A duplicate shows up soon after the last expected output, if at all; this long is waited for one. */
const duplicateGraceMs = 1000;
const latencyDrainTimeoutMs = 30_000;

/** What every round of a run shares: the input topic; each round adds its own id and output topic. */
type RunContext = Omit<ShapeContext, 'outputTopic'>;

export async function runShape(shape: Shape, guarantee: ProcessingGuarantee, broker: BrokerProcess, settings: RunSettings): Promise<RunResult> {
  const runId = `bench_${settings.invocationId}_${shape.name.replaceAll('-', '_')}_${guarantee}`;
  const context: RunContext = {
    bootstrapServers: broker.bootstrapServers,
    guarantee,
    inputTopic: `${runId}_input`,
    sideInputTopic: `${runId}_side_input`,
    runId,
  };
  const result = (outcome: RunResult['outcome']): RunResult => ({ shape: shape.name, guarantee, records: settings.records, outcome });
  const rss = new PeakRssSampler(rssSampleIntervalMs);
  try {
    const measured = await measure(shape, context, broker, settings);
    return result({ ...measured, peakRssMb: rss.stop() });
  } catch (error) {
    rss.stop();
    return result({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }
}

async function measure(shape: Shape, context: RunContext, broker: BrokerProcess, settings: RunSettings): Promise<Omit<Measurement, 'peakRssMb'>> {
  const records = shape.input(settings.records, settings.seed, Date.now());
  const expected = shape.expectedOutputs(records);
  await feedAll(context, records);
  const rounds: Round[] = [];
  for (let roundNumber = 1; roundNumber < settings.rounds; roundNumber++) {
    const query = await timeRound(shape, roundContext(context, roundNumber), broker, records.length, expected);
    await stopChecked(query, expected);
    rounds.push(query.round);
  }
  const last = await timeRound(shape, roundContext(context, settings.rounds), broker, records.length, expected);
  rounds.push(last.round);
  let latency: { expected: ExpectedOutputs; summary: LatencySummary };
  try {
    latency = await measureLatency(shape, context, last.counter, expected, settings);
    await new Promise((resolve) => setTimeout(resolve, duplicateGraceMs));
  } catch (error) {
    await last.running.stop();
    await last.counter.close();
    throw error;
  }
  await stopChecked(last, latency.expected, 'at-least');
  return summarize(rounds, latency.summary);
}

function roundContext(context: RunContext, roundNumber: number): ShapeContext {
  const runId = `${context.runId}_r${roundNumber}`;
  return { ...context, runId, outputTopic: `${runId}_output` };
}

function inputTopics(context: RunContext): InputTopics {
  return { input: context.inputTopic, side: context.sideInputTopic };
}

async function feedAll(context: RunContext, records: readonly BenchRecord[]): Promise<void> {
  const log = bulkFeedLog(context.bootstrapServers);
  try {
    await produceAll(log, inputTopics(context), records);
    const sideRecords = records.filter((record) => record.side).length;
    await verifyRetained(log, context.inputTopic, records.length - sideRecords);
    await verifyRetained(log, context.sideInputTopic, sideRecords);
  } finally {
    await log.close();
  }
}

/** Starts a fresh query over the whole input and times it from its first output observed to its last. */
async function timeRound(shape: Shape, context: ShapeContext, broker: BrokerProcess, inputs: number, expected: ExpectedOutputs): Promise<CaughtUpQuery> {
  const counter = await SinkCounter.open(context.bootstrapServers, context.outputTopic);
  let running: RunningShape | undefined;
  try {
    const brokerCpuAtStart = await broker.cpuSeconds();
    running = await shape.start(context);
    const last = await counter.reach(expected, throughputTimeoutMs(inputs));
    const first = counter.first;
    if (last === undefined || first === undefined) throw new Error(`lost data: ${describeCounts(counter)} of ${describeExpected(expected)} arrived`);
    const durationSeconds = (last.atMs - first.atMs) / 1000;
    const clientCpuSeconds = cpuSecondsBetween(first.cpu, last.cpu);
    const round = {
      eventsPerSecond: inputs / durationSeconds,
      eventsPerCpuSecond: inputs / clientCpuSeconds,
      durationSeconds,
      clientCpuSeconds,
      brokerCpuSeconds: (await broker.cpuSeconds()) - brokerCpuAtStart,
      stateMb: await running.stateMb?.(),
    };
    return { round, running, counter };
  } catch (error) {
    await running?.stop();
    await counter.close();
    throw error;
  }
}

/**
 * Stops the query, then checks that no output arrived twice (the counter reads on while the query stops).
 * After the latency phase only updates are exact: its send-time stamps decide which sessions merge.
 */
async function stopChecked(query: CaughtUpQuery, expected: ExpectedOutputs, tombstones: 'exact' | 'at-least' = 'exact'): Promise<void> {
  await query.running.stop();
  await query.counter.close();
  const { updates, tombstones: counted } = query.counter;
  const tombstonesMatch = tombstones === 'exact' ? counted === expected.tombstones : counted >= expected.tombstones;
  if (updates !== expected.updates || !tombstonesMatch) {
    throw new Error(`duplicated data: ${describeCounts(query.counter)} where ${describeExpected(expected)} were expected`);
  }
}

function describeCounts(counter: SinkCounter): string {
  return `${counter.updates} updates and ${counter.tombstones} tombstones`;
}

function describeExpected(expected: ExpectedOutputs): string {
  return `${expected.updates} updates and ${expected.tombstones} tombstones`;
}

/**
 * Produces at a fixed low rate into the running, caught-up query, stamping each record with its send time.
 * Resolves with every output expected by then: the updates exactly, tombstones at least those of the rounds.
 */
async function measureLatency(
  shape: Shape,
  context: RunContext,
  counter: SinkCounter,
  alreadyCounted: ExpectedOutputs,
  settings: RunSettings,
): Promise<{ expected: ExpectedOutputs; summary: LatencySummary }> {
  const records = shape.input(settings.latencyRatePerSecond * settings.latencySeconds, settings.seed + 1, Date.now());
  const expected = { updates: alreadyCounted.updates + shape.expectedOutputs(records).updates, tombstones: alreadyCounted.tombstones };
  const samplesMs = counter.trackLatencies();
  const log = pacedFeedLog(context.bootstrapServers);
  try {
    await producePaced(log, inputTopics(context), records, settings.latencyRatePerSecond);
  } finally {
    await log.close();
  }
  const last = await counter.reach(expected, latencyDrainTimeoutMs);
  const summary = summarizeLatencies(samplesMs);
  if (last === undefined || summary === undefined) {
    throw new Error(`lost data at the fixed rate: ${counter.updates - alreadyCounted.updates} of ${expected.updates - alreadyCounted.updates} updates arrived`);
  }
  return { expected, summary };
}

/** The median round by throughput stands for the run; its CPU figures go with it. */
function summarize(rounds: readonly Round[], latency: LatencySummary): Omit<Measurement, 'peakRssMb'> {
  const chosen = median(rounds, (round) => round.eventsPerSecond);
  return {
    kind: 'measured',
    ...chosen,
    roundEventsPerSecond: rounds.map((round) => round.eventsPerSecond),
    latency,
  };
}

/** Generous: a query slower than 2,000 records/s (plus start-up) is reported as stalled rather than waited for. */
function throughputTimeoutMs(records: number): number {
  return 30_000 + records / 2;
}
