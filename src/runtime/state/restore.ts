// Restores a store from its changelog partition before the task runs: from the task's checkpoint
// (or the beginning) to the partition's end, into the bare SQLite store.
import { randomUUID } from 'node:crypto';
import type { Log, LogConsumer, LogRecord } from '../log/index.js';
import { decodeSessionKey, decodeWindowKey } from './changelog-key.js';
import type { StateStore, StoreSpec } from './store.js';
import type { TaskDatabase } from './task-database.js';

const POLL_RECORDS = 5000;
/** Rows per SQLite transaction: large enough to amortise the commit, small enough to resume from. */
const ROWS_PER_TRANSACTION = 10_000;
/** How long a poll waits before the rest of the partition counts as unreadable (see `applyChangelog`). */
const IDLE_POLL_MS = 1000;

export interface RestoreInput {
  readonly log: Log;
  readonly db: TaskDatabase;
  readonly spec: StoreSpec;
  readonly partition: number;
  /** The bare SQLite store (`openSqliteStore`): restored records must not be logged again. */
  readonly store: StateStore;
  /** Called after each polled batch; `total` counts offsets, so it may exceed the records restored. */
  readonly onProgress?: (restored: number, total: number) => void;
}

export interface RestoreResult {
  readonly restored: number;
  readonly fromOffset: number;
  readonly toOffset: number;
}

/** The changelog no longer holds records the store needs, so the store cannot be rebuilt. */
export class ChangelogTruncatedError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly firstAvailableOffset: number,
    readonly expectedOffset: number,
  ) {
    super(
      `Changelog ${topic}[${partition}] starts at offset ${firstAvailableOffset}, but the store needs it from offset `
        + `${expectedOffset}: offsets ${expectedOffset}-${firstAvailableOffset - 1} were dropped (by retention, or by the embedded `
        + "Kafka's limit of 100,000 message sets or 5 MB per partition), so the state cannot be restored in full",
    );
    this.name = 'ChangelogTruncatedError';
  }
}

/** A progress line for logs: "restoring <store> [<partition>]: 120000/500000 records". */
export function formatRestoreProgress(storeName: string, partition: number, restored: number, total: number): string {
  return `restoring ${storeName} [${partition}]: ${restored}/${total} records`;
}

/**
 * Replays `spec.changelogTopic[partition]` into `store` and checkpoints its end offset. Each
 * SQLite transaction commits with the checkpoint of what it applied, so an interrupted restore
 * resumes where it stopped. A missing changelog topic means there is nothing to restore.
 */
export async function restoreStore(input: RestoreInput): Promise<RestoreResult> {
  const { log, db, spec, partition, store } = input;
  if (spec.kind !== store.kind || spec.name !== store.name) {
    throw new Error(`restoreStore: spec ${spec.kind} '${spec.name}' does not match store ${store.kind} '${store.name}'`);
  }
  if (db.inTransaction) throw new Error(`restoreStore('${spec.name}') must run before the task opens its transaction`);
  const topic = spec.changelogTopic;
  const fromOffset = db.checkpoint(topic, partition) ?? 0;
  if ((await log.describeTopic(topic)) === undefined) return { restored: 0, fromOffset, toOffset: fromOffset };

  const consumer = await log.consumer({ groupId: `squall-restore-${randomUUID()}`, offsetReset: 'earliest', readCommitted: true });
  try {
    const partitions = [{ topic, partition }];
    const [firstOffsets, endOffsets] = await Promise.all([consumer.beginningOffsets(partitions), consumer.endOffsets(partitions)]);
    const firstOffset = firstOffsets[0]!;
    const endOffset = endOffsets[0]!;
    if (firstOffset > fromOffset) throw new ChangelogTruncatedError(topic, partition, firstOffset, fromOffset);
    if (fromOffset >= endOffset) return { restored: 0, fromOffset, toOffset: endOffset };
    await consumer.assign([{ topic, partition, offset: fromOffset }]);
    const restored = await applyChangelog(consumer, input, fromOffset, endOffset);
    return { restored, fromOffset, toOffset: endOffset };
  } finally {
    await consumer.close();
  }
}

async function applyChangelog(consumer: LogConsumer, input: RestoreInput, fromOffset: number, endOffset: number): Promise<number> {
  const { db, spec, partition } = input;
  const applier = changelogApplier(input.store);
  let position = fromOffset;
  let restored = 0;
  let rowsInTransaction = 0;
  db.begin();
  try {
    while (position < endOffset) {
      const records = await consumer.poll(POLL_RECORDS, IDLE_POLL_MS);
      // A read-committed consumer never sees transaction markers or aborted records, and the Log
      // has no consumer position to step past them: a poll that finds nothing means only those
      // are left before the end offset.
      if (records.length === 0) break;
      for (const record of records) {
        position = Math.max(position, record.offset + 1);
        if (record.offset >= endOffset) continue;
        applyRecord(applier, record, spec.name);
        restored++;
        rowsInTransaction++;
      }
      if (rowsInTransaction >= ROWS_PER_TRANSACTION) {
        db.setCheckpoint(spec.changelogTopic, partition, Math.min(position, endOffset));
        db.commit();
        db.begin();
        rowsInTransaction = 0;
      }
      input.onProgress?.(restored, endOffset - fromOffset);
    }
    if (spec.retentionMs !== undefined) applier.expire(spec.retentionMs);
    db.setCheckpoint(spec.changelogTopic, partition, endOffset);
    db.commit();
  } catch (error) {
    if (db.inTransaction) db.rollback();
    throw error;
  }
  return restored;
}

function applyRecord(applier: ChangelogApplier, record: LogRecord, storeName: string): void {
  const problem = record.key === null ? 'a null key' : applier.apply(record.key, record.value);
  if (problem !== undefined) {
    throw new Error(`Cannot restore store '${storeName}': changelog record ${record.topic}[${record.partition}]@${record.offset} has ${problem}`);
  }
}

interface ChangelogApplier {
  /** Applies a put (or, for a null value, a delete); returns what is wrong with a malformed key. */
  apply(key: Uint8Array, value: Uint8Array | null): string | undefined;
  /**
   * Drops what retention had expired, taking the newest restored window start or session end as
   * stream time, as Kafka Streams' segmented stores do on restore: expiry logs no tombstones.
   */
  expire(retentionMs: number): void;
}

function changelogApplier(store: StateStore): ChangelogApplier {
  switch (store.kind) {
    case 'keyValue':
      return {
        apply(key, value) {
          if (value === null) store.delete(key);
          else store.put(key, value);
          return undefined;
        },
        expire() {},
      };
    case 'window': {
      let latestStart = Number.NEGATIVE_INFINITY;
      return {
        apply(bytes, value) {
          const decoded = decodeWindowKey(bytes);
          if (decoded === undefined) return `a ${bytes.length}-byte key, too short for a window key`;
          latestStart = Math.max(latestStart, decoded.windowStart);
          if (value === null) store.delete(decoded.key, decoded.windowStart);
          else store.put(decoded.key, decoded.windowStart, value);
          return undefined;
        },
        expire(retentionMs) {
          if (latestStart > Number.NEGATIVE_INFINITY) store.expireBefore(latestStart - retentionMs);
        },
      };
    }
    case 'session': {
      let latestEnd = Number.NEGATIVE_INFINITY;
      return {
        apply(bytes, value) {
          const decoded = decodeSessionKey(bytes);
          if (decoded === undefined) return `a ${bytes.length}-byte key, too short for a session key`;
          latestEnd = Math.max(latestEnd, decoded.end);
          if (value === null) store.remove(decoded.key, decoded.start, decoded.end);
          else store.put(decoded.key, decoded.start, decoded.end, value);
          return undefined;
        },
        expire(retentionMs) {
          if (latestEnd > Number.NEGATIVE_INFINITY) store.expireBefore(latestEnd - retentionMs);
        },
      };
    }
  }
}
