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

/** Folds one prepared row's arguments into one function's accumulator. */
type Fold = (accumulator: unknown, row: readonly unknown[]) => unknown;

export class Aggregator {
  private readonly implementations: readonly AggregateImplementation[];
  private readonly adds: readonly Fold[];
  private readonly undos: readonly Fold[];

  constructor(functions: readonly AggregateFunctionStep[]) {
    this.implementations = functions.map((step) => step.create());
    this.adds = this.implementations.map((implementation, index) => compileFold(implementation.aggregate.bind(implementation), functions[index]!.argumentIndexes));
    this.undos = this.implementations.map((implementation, index) => {
      const step = functions[index]!;
      if (implementation.undo === undefined) {
        return () => {
          throw new Error(`${step.name} cannot undo: the planner allows table aggregation only with functions that can`);
        };
      }
      return compileFold(implementation.undo.bind(implementation), step.argumentIndexes);
    });
  }

  initial(keyValues: readonly unknown[]): GroupState {
    return { timestampMs: Number.NEGATIVE_INFINITY, keyValues, accumulators: this.implementations.map((implementation) => implementation.initialize()) };
  }

  /** Adds a prepared row's arguments; returns the new accumulators. */
  add(accumulators: unknown[], row: readonly unknown[]): unknown[] {
    return applyFolds(this.adds, accumulators, row);
  }

  /** Takes a prepared row's arguments back out (table aggregation). */
  undo(accumulators: unknown[], row: readonly unknown[]): unknown[] {
    return applyFolds(this.undos, accumulators, row);
  }

  /** Merges two sessions' accumulators; the planner only allows functions that can. */
  merge(left: unknown[], right: unknown[]): unknown[] {
    return this.implementations.map((implementation, index) => implementation.merge!(left[index], right[index]));
  }

  results(accumulators: readonly unknown[]): unknown[] {
    const results = new Array<unknown>(this.implementations.length);
    for (let index = 0; index < results.length; index++) {
      const result = this.implementations[index]!.result(accumulators[index]);
      results[index] = result === undefined ? null : result;
    }
    return results;
  }
}

function applyFolds(folds: readonly Fold[], accumulators: readonly unknown[], row: readonly unknown[]): unknown[] {
  const folded = new Array<unknown>(folds.length);
  for (let index = 0; index < folds.length; index++) folded[index] = folds[index]!(accumulators[index], row);
  return folded;
}

/** Reads the function's arguments from their row positions, without an array per row for the usual zero or one. */
function compileFold(apply: (accumulator: unknown, ...values: unknown[]) => unknown, positions: readonly number[]): Fold {
  if (positions.length === 0) return (accumulator) => apply(accumulator);
  if (positions.length === 1) {
    const position = positions[0]!;
    return (accumulator, row) => apply(accumulator, row[position]);
  }
  return (accumulator, row) => apply(accumulator, ...positions.map((position) => row[position]));
}

export function encodeGroupState(state: GroupState): Uint8Array {
  return encodeInternal([state.timestampMs, state.keyValues, state.accumulators]);
}

export function decodeGroupState(bytes: Uint8Array): GroupState {
  const [timestampMs, keyValues, accumulators] = decodeInternal(bytes) as [number, unknown[], unknown[]];
  return { timestampMs, keyValues, accumulators };
}
