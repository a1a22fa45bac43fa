// What every join processor shares: which side a change arrived on, and the output row — the
// synthetic key (when the join has one), the left row or NULLs, the right row or NULLs, then
// ROWTIME, ROWPARTITION and ROWOFFSET of the result, and the join key's columns (what key columns read).
import type { JoinKind, JoinStep, RowFunction } from '../../planner/index.js';
import { encodeGroupKey } from '../serde/index.js';
import type { ProcessorContext, RecordCoordinates } from '../topology/processor.js';

export type JoinSide = 'left' | 'right';

export interface JoinRows {
  /** The side a change came from: the topic of the record being processed tells. */
  sideOf(record: RecordCoordinates): JoinSide;
  /**
   * The join key of a side's row; null (SQL NULL, or a key that failed to compute) never joins.
   * A key that fails to compute goes to the processing log with its reason.
   */
  keyOf(side: JoinSide, row: readonly unknown[], context: Pick<ProcessorContext, 'recordError'>): unknown;
  /** The store key rows meet under: the join key, with a windowed source's window bounds. */
  storeKeyOf(side: JoinSide, row: readonly unknown[], key: unknown): Uint8Array;
  /** The output row; at least one side is present. */
  combine(left: readonly unknown[] | null, right: readonly unknown[] | null, key: unknown, timestampMs: number, record: RecordCoordinates): unknown[];
}

/** A side's join key, null when it is NULL or fails to compute: a failure goes to the processing log, naming `what` was computed. */
export function joinKeyOf(key: RowFunction, row: readonly unknown[], context: Pick<ProcessorContext, 'recordError'>, what: string): unknown {
  try {
    const value = key(row);
    return value === undefined ? null : value;
  } catch (error) {
    context.recordError(`Error computing ${what}: ${(error as Error).message}`);
    return null;
  }
}

/** `rightTopics`: the topics whose records are the right side's (its source, or its repartition topic). */
export function joinRows(step: JoinStep, rightTopics: ReadonlySet<string>): JoinRows {
  const leftWidth = step.left.width;
  const rightWidth = step.right.width;
  const offset = step.syntheticKey ? 1 : 0;
  const leftKey = step.left.key;
  const rightKey = step.right.key;
  const keyCount = step.keyCount;
  return {
    sideOf: (record) => (rightTopics.has(record.topic) ? 'right' : 'left'),
    keyOf: (side, row, context) => joinKeyOf(side === 'left' ? leftKey : rightKey, row, context, `the ${side} join key of ${step.description}`),
    storeKeyOf(side, row, key) {
      const bounds = (side === 'left' ? step.left : step.right).windowBounds;
      return encodeGroupKey(bounds === undefined ? [key] : [key, ...bounds(row)]);
    },
    combine(left, right, key, timestampMs, record) {
      const row = new Array<unknown>(offset + leftWidth + rightWidth + 3 + keyCount);
      if (offset === 1) row[0] = key;
      for (let index = 0; index < leftWidth; index++) row[offset + index] = left === null ? null : (left[index] ?? null);
      for (let index = 0; index < rightWidth; index++) row[offset + leftWidth + index] = right === null ? null : (right[index] ?? null);
      const end = offset + leftWidth + rightWidth;
      row[end] = BigInt(timestampMs);
      row[end + 1] = record.partition;
      row[end + 2] = BigInt(Math.max(record.offset, 0));
      if (keyCount === 1) row[end + 3] = key;
      else for (let index = 0; index < keyCount; index++) row[end + 3 + index] = (key as readonly unknown[])[index];
      return row;
    },
  };
}

/** Whether a join of this kind has a result when only these sides are present. */
export function hasResult(kind: JoinKind, left: boolean, right: boolean): boolean {
  switch (kind) {
    case 'INNER':
      return left && right;
    case 'LEFT':
      return left;
    case 'RIGHT':
      return right;
    case 'OUTER':
      return left || right;
  }
}
