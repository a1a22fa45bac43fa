// The commit protocol, through the in-memory Log's fault injection: whatever fails, a
// read-committed reader of the output sees every count exactly once, and the store agrees.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLog, type LogRecord } from '../../src/runtime/log/index.js';
import { PersistentQuery, type ProcessingGuarantee } from '../../src/runtime/persistent-query.js';
import { countingTopology } from './task/counting-topology.js';

const INPUT = 'input';
const OUTPUT = 'output';
const KEYS = ['a', 'b', 'c', 'd', 'e', 'f'];

interface Setup {
  readonly log: MemoryLog;
  readonly stateDir: string;
}

const queries: PersistentQuery[] = [];

afterEach(async () => {
  for (const query of queries.splice(0)) await query.stop().catch(() => undefined);
});

async function setup(): Promise<Setup> {
  const log = new MemoryLog();
  await log.createTopic(INPUT, { partitions: 2 });
  await log.createTopic(OUTPUT, { partitions: 2 });
  await log.createTopic('app-counts-changelog', { partitions: 2 });
  return { log, stateDir: mkdtempSync(join(tmpdir(), 'squall-query-')) };
}

async function produce(log: MemoryLog, count: number, from = 0): Promise<void> {
  const producer = await log.producer();
  producer.send(
    Array.from({ length: count }, (_, index) => ({
      topic: INPUT,
      key: Buffer.from(KEYS[(from + index) % KEYS.length]!),
      value: Buffer.from('x'),
      timestamp: 1000 + from + index,
    })),
  );
  await producer.flush();
  await producer.close();
}

async function startQuery(
  { log, stateDir }: Setup,
  options: { instanceId?: string; guarantee?: ProcessingGuarantee; stateDir?: string; commitIntervalMs?: number; commitMinPauseMs?: number; maxBatchRecords?: number } = {},
): Promise<PersistentQuery> {
  const query = new PersistentQuery({
    log,
    topology: countingTopology(INPUT, OUTPUT),
    applicationId: 'app',
    instanceId: options.instanceId ?? 'instance-1',
    guarantee: options.guarantee ?? 'exactly_once_v2',
    processingLog: { write: () => undefined },
    offsetReset: 'earliest',
    stateDir: options.stateDir ?? stateDir,
    commitIntervalMs: options.commitIntervalMs ?? 0,
    commitMinPauseMs: options.commitMinPauseMs,
    maxBatchRecords: options.maxBatchRecords,
  });
  queries.push(query);
  await query.start(false);
  return query;
}

/** Runs until a poll finds nothing (the open commit then closes). */
async function drain(...running: PersistentQuery[]): Promise<void> {
  for (let round = 0; round < 100; round++) {
    let processed = 0;
    for (const query of running) processed += await query.runOnce(0);
    if (processed === 0) {
      for (const query of running) await query.runOnce(0);
      return;
    }
  }
  throw new Error('queries did not drain');
}

/** Every committed output record, per key, as the sequence of counts written. */
async function committedCounts(log: MemoryLog): Promise<Map<string, number[]>> {
  const consumer = await log.consumer({ groupId: `reader-${Math.random()}`, offsetReset: 'earliest', readCommitted: true });
  await consumer.assign([0, 1].map((partition) => ({ topic: OUTPUT, partition, offset: 0 })));
  const records: LogRecord[] = [];
  for (let batch = await consumer.poll(10_000, 0); batch.length > 0; batch = await consumer.poll(10_000, 0)) records.push(...batch);
  await consumer.close();
  const counts = new Map<string, number[]>();
  for (const record of records) {
    const key = Buffer.from(record.key!).toString();
    counts.set(key, [...(counts.get(key) ?? []), Number(Buffer.from(record.value!).toString())]);
  }
  return counts;
}

/** Each key's counts must be exactly 1..n where n is how many records it had. */
function expectExactlyOnce(counts: Map<string, number[]>, total: number): void {
  for (const [index, key] of KEYS.entries()) {
    const expected = Math.floor(total / KEYS.length) + (index < total % KEYS.length ? 1 : 0);
    expect(counts.get(key) ?? [], `counts of ${key}`).toEqual(Array.from({ length: expected }, (_, position) => position + 1));
  }
}

describe('PersistentQuery commit protocol', () => {
  it('counts every record once per key across partitions', async () => {
    const env = await setup();
    await produce(env.log, 60);
    const query = await startQuery(env);
    await drain(query);
    expectExactlyOnce(await committedCounts(env.log), 60);
    expect(query.runningTasks.map((task) => task.id).sort()).toEqual(['0_0', '0_1']);
  });

  it('survives a crash between produce and commit: the successor fences it and restores the store', async () => {
    const env = await setup();
    await produce(env.log, 30);
    const first = await startQuery(env);
    await drain(first);
    await produce(env.log, 30, 30);
    env.log.faults.crashOnCommit();
    await expect(first.runOnce(0).then(() => first.runOnce(0))).rejects.toThrow(/crash/i);
    // The process is gone: its SQLite transaction dies with it (the crash ended its group membership).
    for (const task of first.runningTasks) task.close();
    queries.splice(queries.indexOf(first), 1);

    const second = await startQuery(env);
    await drain(second);
    expectExactlyOnce(await committedCounts(env.log), 60);
  });

  it('restores the store from the changelog on a machine with an empty state dir', async () => {
    const env = await setup();
    await produce(env.log, 24);
    const first = await startQuery(env);
    await drain(first);
    await first.stop();
    await produce(env.log, 24, 24);
    const moved = await startQuery(env, { stateDir: mkdtempSync(join(tmpdir(), 'squall-other-')) });
    await drain(moved);
    expectExactlyOnce(await committedCounts(env.log), 48);
  });

  it('aborts and rewinds after a failed commit, and the retry writes each output once', async () => {
    const env = await setup();
    await produce(env.log, 36);
    const query = await startQuery(env);
    env.log.faults.failNext('commitTransaction');
    await expect(drain(query)).rejects.toThrow();
    await drain(query);
    expectExactlyOnce(await committedCounts(env.log), 36);
  });

  it('rewinds after Kafka was unavailable and resumes exactly where the last commit stood', async () => {
    const env = await setup();
    await produce(env.log, 12);
    const query = await startQuery(env);
    await drain(query);
    await produce(env.log, 12, 12);
    env.log.faults.setUnavailable(true);
    await expect(query.runOnce(0)).rejects.toThrow();
    env.log.faults.setUnavailable(false);
    await drain(query);
    expectExactlyOnce(await committedCounts(env.log), 24);
  });

  it('stops writing once fenced, and nothing of the fenced transaction becomes visible', async () => {
    const env = await setup();
    await produce(env.log, 12);
    const query = await startQuery(env);
    env.log.faults.fence('app-instance-1');
    await expect(drain(query)).rejects.toThrow(/fenced/i);
    expect(await committedCounts(env.log)).toEqual(new Map());
  });

  it('commits before partitions move to a second instance, so the two together write each output once', async () => {
    const env = await setup();
    await produce(env.log, 30);
    const first = await startQuery(env, { instanceId: 'one' });
    await first.runOnce(0);
    const second = await startQuery(env, { instanceId: 'two', stateDir: mkdtempSync(join(tmpdir(), 'squall-two-')) });
    await produce(env.log, 30, 30);
    await drain(first, second);
    expect(first.runningTasks.length + second.runningTasks.length).toBe(2);
    expect(second.runningTasks.length).toBe(1);
    expectExactlyOnce(await committedCounts(env.log), 60);
  });

  it('at-least-once: a restart after a clean stop continues from the committed offsets', async () => {
    const env = await setup();
    await produce(env.log, 18);
    const first = await startQuery(env, { guarantee: 'at_least_once' });
    await drain(first);
    await first.stop();
    await produce(env.log, 18, 18);
    const second = await startQuery(env, { guarantee: 'at_least_once' });
    await drain(second);
    expectExactlyOnce(await committedCounts(env.log), 36);
  });

  it('keeps its commit open over full batches until the interval is due, and closes it on a batch that did not fill once the minimum pause passed', async () => {
    const env = await setup();
    await produce(env.log, 10);
    const query = await startQuery(env, { commitIntervalMs: 60_000, commitMinPauseMs: 30, maxBatchRecords: 4 });
    expect(await query.runOnce(0)).toBe(4);
    expect(await query.runOnce(0)).toBe(4);
    expect((await committedCounts(env.log)).size).toBe(0);
    await produce(env.log, 1, 10);
    // Caught up, but the commit opened less than the pause ago.
    expect(await query.runOnce(0)).toBe(3);
    expect((await committedCounts(env.log)).size).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    // Caught up and past the pause: the output should not wait for the interval.
    await produce(env.log, 1, 11);
    expect(await query.runOnce(0)).toBe(1);
    expectExactlyOnce(await committedCounts(env.log), 12);
  });

  it('closes its commit on an empty poll whatever the pause', async () => {
    const env = await setup();
    await produce(env.log, 3);
    const query = await startQuery(env, { commitIntervalMs: 60_000, commitMinPauseMs: 60_000, maxBatchRecords: 4 });
    expect(await query.runOnce(0)).toBe(3);
    expect((await committedCounts(env.log)).size).toBe(0);
    expect(await query.runOnce(0)).toBe(0);
    expectExactlyOnce(await committedCounts(env.log), 3);
  });

  it('commits what a wall-clock punctuation emits when no input arrived in that poll', async () => {
    const env = await setup();
    await produce(env.log, 6);
    const topology = countingTopology(INPUT, OUTPUT);
    const count = topology.subTopologies[0]!.nodes[0]!.definition;
    let armed = false;
    const ticking: typeof count = {
      ...count,
      create: (context) => {
        context.schedule('WALL_CLOCK_TIME', 1, () => {
          if (!armed || context.partition !== 0) return;
          armed = false;
          context.send({ topic: OUTPUT, partition: 0, key: Buffer.from('tick'), value: Buffer.from('0'), timestamp: 0 });
        });
        return count.create(context);
      },
    };
    const query = new PersistentQuery({
      log: env.log,
      topology: { ...topology, subTopologies: [{ ...topology.subTopologies[0]!, nodes: [{ definition: ticking, children: [] }] }] },
      applicationId: 'app',
      instanceId: 'instance-1',
      guarantee: 'exactly_once_v2',
      processingLog: { write: () => undefined },
      offsetReset: 'earliest',
      stateDir: env.stateDir,
      commitIntervalMs: 0,
    });
    queries.push(query);
    await query.start(false);
    // The input commits; a later poll finds no input, but the punctuation emits and must be committed.
    await drain(query);
    armed = true;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await query.runOnce(0)).toBe(0);
    expect(query.state).toBe('RUNNING');
    expect((await committedCounts(env.log)).get('tick')).toEqual([0]);
    expectExactlyOnce(await committedCounts(env.log), 6);
  });
});

describe('PersistentQuery changelog checkpoints', () => {
  /** The Log, with every endOffsets round recorded: on which consumer, for how many partitions. */
  function recordingRounds(log: MemoryLog): { log: MemoryLog; rounds: { onSubscribed: boolean; partitions: number }[] } {
    const subscribed = new Set<object>();
    const rounds: { onSubscribed: boolean; partitions: number }[] = [];
    const recording: MemoryLog = Object.assign(Object.create(log) as MemoryLog, {
      consumer: async (options: Parameters<MemoryLog['consumer']>[0]) => {
        const consumer = await log.consumer(options);
        // Every other call goes to the consumer itself: the group knows it, not this proxy.
        return new Proxy(consumer, {
          get: (target, property) => {
            if (property === 'subscribe') {
              return (...args: Parameters<typeof consumer.subscribe>) => {
                subscribed.add(consumer);
                return consumer.subscribe(...args);
              };
            }
            if (property === 'endOffsets') {
              return (partitions: Parameters<typeof consumer.endOffsets>[0]) => {
                rounds.push({ onSubscribed: subscribed.has(consumer), partitions: partitions.length });
                return consumer.endOffsets(partitions);
              };
            }
            const value: unknown = Reflect.get(target, property, target);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
      },
    });
    return { log: recording, rounds };
  }

  it('moves checkpoints when the query stops, asking every task in one round on a consumer that never subscribes', async () => {
    const env = await setup();
    await produce(env.log, 60);
    const { log, rounds } = recordingRounds(env.log);
    const query = await startQuery({ ...env, log });
    await drain(query);
    expectExactlyOnce(await committedCounts(env.log), 60);
    // Restoring asks each task's own partition; 60 changelog records are too few for a commit to ask.
    expect(rounds).toEqual([
      { onSubscribed: false, partitions: 1 },
      { onSubscribed: false, partitions: 1 },
    ]);
    await query.stop();
    expect(rounds.at(-1)).toEqual({ onSubscribed: false, partitions: 2 });

    // The checkpoints are where the stores stand: a restart restores nothing and counts on.
    await produce(env.log, 6, 60);
    const restarted = await startQuery(env);
    await drain(restarted);
    expect((await restarted.metricsSnapshot()).restores.every((restore) => restore.restored === 0)).toBe(true);
    expectExactlyOnce(await committedCounts(env.log), 66);
  });

  it("moves a running task's checkpoints once 10,000 changelog records were written since the last", async () => {
    const env = await setup();
    const total = 30_000;
    const producer = await env.log.producer();
    // A key per record, so that each one is a changelog record (the store's cache coalesces a key's writes).
    producer.send(Array.from({ length: total }, (_, index) => ({ topic: INPUT, key: Buffer.from(`k${index}`), value: Buffer.from('x'), timestamp: 1000 + index })));
    await producer.flush();
    await producer.close();
    const { log, rounds } = recordingRounds(env.log);
    const query = await startQuery({ ...env, log });
    await query.runOnce(0);
    const restoreRounds = rounds.length;
    await drain(query);
    const commitRounds = rounds.slice(restoreRounds);
    // About 15,000 changelog records per task, committed 1,000 input records at a time: each task's
    // checkpoint moves once, in a round of its own or shared.
    expect(commitRounds.length).toBeGreaterThanOrEqual(1);
    expect(commitRounds.length).toBeLessThanOrEqual(2);
    expect(commitRounds.reduce((sum, round) => sum + round.partitions, 0)).toBe(2);
    expect(commitRounds.every((round) => !round.onSubscribed)).toBe(true);
    const counts = await committedCounts(env.log);
    expect(counts.size).toBe(total);
    expect([...counts.values()].every((written) => written.length === 1 && written[0] === 1)).toBe(true);
  });
});
