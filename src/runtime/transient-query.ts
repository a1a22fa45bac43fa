// A transient push query: the same record processor as a persistent query, delivering rows to
// a client instead of a topic. Its consumer group is its own and it commits nothing.
import type { QueryPlan } from '../planner/index.js';
import type { Log, LogConsumer, OffsetReset } from './log/index.js';
import { buildRecordProcessor, type RecordProcessor } from './pipeline.js';
import type { ProcessingLog } from './processing-log.js';

/** Receives each result row; `tombstone` marks a table delete (only key values are set). */
export type RowListener = (row: readonly unknown[], tombstone: boolean) => void;

export interface TransientQueryOptions {
  readonly log: Log;
  readonly plan: QueryPlan;
  readonly groupId: string;
  readonly offsetReset: OffsetReset;
  readonly processingLog: ProcessingLog;
  readonly onRow: RowListener;
}

export class TransientQuery {
  readonly plan: QueryPlan;
  private readonly options: TransientQueryOptions;
  private consumer: LogConsumer | undefined;
  private processor: RecordProcessor | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(options: TransientQueryOptions) {
    this.options = options;
    this.plan = options.plan;
  }

  async start(background: boolean): Promise<void> {
    const { log, plan, groupId, offsetReset, onRow } = this.options;
    this.consumer = await log.consumer({ groupId, offsetReset, readCommitted: true });
    await this.consumer.subscribe([plan.source.topic]);
    this.processor = buildRecordProcessor(plan, (row, _timestamp, tombstone) => onRow(row, tombstone), this.options.processingLog);
    if (background) this.loop = this.runLoop();
  }

  /** Processes what is available; resolves to the number of records read. */
  async runOnce(timeoutMs: number): Promise<number> {
    if (this.consumer === undefined || this.processor === undefined || this.stopping) return 0;
    const records = await this.consumer.poll(500, timeoutMs);
    for (const record of records) {
      if (this.stopping) break;
      this.processor(record);
    }
    return records.length;
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce(100);
      } catch {
        return;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.close();
  }
}
