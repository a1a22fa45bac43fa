// Counts a query's output records (rows and tombstones) as they appear on its sink topic, marking when the first and the n-th arrive.
import { KafkaLog, type LogConsumer } from '../src/runtime/index.js';
import { topicPartitions } from './input-feeder.js';
import type { ExpectedOutputs } from './shape.js';

/** A moment of the run: wall clock and this process's CPU usage. */
export interface OutputMark {
  readonly atMs: number;
  readonly cpu: NodeJS.CpuUsage;
}

interface Waiter {
  readonly target: ExpectedOutputs;
  readonly resolve: (mark: OutputMark | undefined) => void;
  readonly timer: NodeJS.Timeout;
}

/** The counter fetches with a short wait, so that it adds little to the latency it observes. */
const counterProperties = { 'fetch.wait.max.ms': 5 } as const;
const pollRecords = 10_000;
const pollTimeoutMs = 50;

export class SinkCounter {
  private counted = 0;
  private tombstonesCounted = 0;
  private firstMark: OutputMark | undefined;
  private latenciesMs: number[] | undefined;
  private waiter: Waiter | undefined;
  private stopping = false;
  private failure: Error | undefined;
  private readonly loop: Promise<void>;

  private constructor(
    private readonly log: KafkaLog,
    private readonly consumer: LogConsumer,
  ) {
    this.loop = this.run();
  }

  /** Creates the topic and reads it from offset 0, committed records only (what a downstream reader sees). */
  static async open(bootstrapServers: string, topic: string): Promise<SinkCounter> {
    const log = new KafkaLog({ bootstrapServers, mockCluster: true, properties: counterProperties });
    await log.createTopic(topic, { partitions: topicPartitions });
    const consumer = await log.consumer({ groupId: `${topic}_counter`, offsetReset: 'earliest', readCommitted: true });
    await consumer.assign(Array.from({ length: topicPartitions }, (_, partition) => ({ topic, partition, offset: 0 })));
    return new SinkCounter(log, consumer);
  }

  /** Every output record, tombstones included. */
  get count(): number {
    return this.counted;
  }

  /** Output records with a null value. */
  get tombstones(): number {
    return this.tombstonesCounted;
  }

  get updates(): number {
    return this.counted - this.tombstonesCounted;
  }

  /** When the first output arrived. */
  get first(): OutputMark | undefined {
    return this.firstMark;
  }

  /** Resolves when at least `target`'s updates and tombstones have arrived, or undefined after `timeoutMs` without them. */
  reach(target: ExpectedOutputs, timeoutMs: number): Promise<OutputMark | undefined> {
    if (this.waiter !== undefined) throw new Error('SinkCounter.reach is already waiting');
    if (this.holds(target)) return Promise.resolve(mark());
    if (this.failure !== undefined) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(undefined), timeoutMs);
      this.waiter = { target, resolve, timer };
    });
  }

  /**
   * From now on, records the latency (arrival − record timestamp) of every update; returns the growing
   * samples. Tombstones are left out: a deleted session carries its own end time, not the new record's.
   */
  trackLatencies(): readonly number[] {
    this.latenciesMs = [];
    return this.latenciesMs;
  }

  async close(): Promise<void> {
    this.stopping = true;
    await this.loop;
    await this.log.close();
    if (this.failure !== undefined) throw this.failure;
  }

  /** A failed consumer ends the count: whoever waits learns of it as a timeout-like undefined, and close rethrows. */
  private async run(): Promise<void> {
    try {
      await this.countUntilStopped();
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.settle(undefined);
    }
  }

  private async countUntilStopped(): Promise<void> {
    while (!this.stopping) {
      const records = await this.consumer.poll(pollRecords, pollTimeoutMs);
      if (records.length === 0) continue;
      const arrivedMs = Date.now();
      for (const record of records) {
        if (record.value === null) this.tombstonesCounted++;
        else this.latenciesMs?.push(arrivedMs - record.timestamp);
      }
      this.firstMark ??= mark();
      this.counted += records.length;
      if (this.waiter !== undefined && this.holds(this.waiter.target)) this.settle(mark());
    }
  }

  private holds(target: ExpectedOutputs): boolean {
    return this.updates >= target.updates && this.tombstonesCounted >= target.tombstones;
  }

  private settle(result: OutputMark | undefined): void {
    const waiter = this.waiter;
    if (waiter === undefined) return;
    this.waiter = undefined;
    clearTimeout(waiter.timer);
    waiter.resolve(result);
  }
}

function mark(): OutputMark {
  return { atMs: performance.now(), cpu: process.cpuUsage() };
}
