// The aggregate calls of one GROUP BY, applied together to a group's state: accumulators in,
// accumulators out. A group's stored value is [result timestamp, key values, accumulators].
import type { AggregateFunctionStep, AggregateImplementation } from '../../planner/index.js';
import { decodeInternal, encodeInternal } from '../serde/index.js';

export interface GroupState {
  /** The greatest timestamp of the records aggregated: the timestamp of the group's output. */
  readonly timestampMs: number;
  readonly keyValues: readonly unknown[];
  readonly accumulators: unknown[];
}

export class Aggregator {
  private readonly implementations: readonly AggregateImplementation[];
  private readonly argumentIndexes: readonly (readonly number[])[];

  constructor(functions: readonly AggregateFunctionStep[]) {
    this.implementations = functions.map((step) => step.create());
    this.argumentIndexes = functions.map((step) => step.argumentIndexes);
  }

  initial(keyValues: readonly unknown[]): GroupState {
    return { timestampMs: Number.NEGATIVE_INFINITY, keyValues, accumulators: this.implementations.map((implementation) => implementation.initialize()) };
  }

  /** Adds a prepared row's arguments; returns the new accumulators. */
  add(accumulators: unknown[], row: readonly unknown[]): unknown[] {
    return this.implementations.map((implementation, index) =>
      implementation.aggregate(accumulators[index], ...this.argumentIndexes[index]!.map((position) => row[position])),
    );
  }

  /** Takes a prepared row's arguments back out (table aggregation); the planner only allows functions that can. */
  undo(accumulators: unknown[], row: readonly unknown[]): unknown[] {
    return this.implementations.map((implementation, index) =>
      implementation.undo!(accumulators[index], ...this.argumentIndexes[index]!.map((position) => row[position])),
    );
  }

  /** Merges two sessions' accumulators; the planner only allows functions that can. */
  merge(left: unknown[], right: unknown[]): unknown[] {
    return this.implementations.map((implementation, index) => implementation.merge!(left[index], right[index]));
  }

  results(accumulators: readonly unknown[]): unknown[] {
    return this.implementations.map((implementation, index) => {
      const result = implementation.result(accumulators[index]);
      return result === undefined ? null : result;
    });
  }
}

export function encodeGroupState(state: GroupState): Uint8Array {
  return encodeInternal([state.timestampMs, state.keyValues, state.accumulators]);
}

export function decodeGroupState(bytes: Uint8Array): GroupState {
  const [timestampMs, keyValues, accumulators] = decodeInternal(bytes) as [number, unknown[], unknown[]];
  return { timestampMs, keyValues, accumulators };
}
