// The physical plan the runtime executes: a source, a chain of steps over array rows, and a
// sink. Everything here is immutable and free of I/O; expressions are already compiled closures.
import type { AggregateImplementation } from './functions/registry-types.js';
import type { JoinKind, JoinShape, JoinWindow } from './logical/join.js';
import type { WindowSpec } from './logical/window-spec.js';
import type { Column, DataSource, FormatInfo, SourceType, WindowInfo } from './metastore.js';

/** A compiled expression over a row. Throws EvaluationError for a record it cannot evaluate. */
export type RowFunction = (row: readonly unknown[]) => unknown;

export interface SourceStep {
  readonly kind: 'Source';
  readonly sourceName: string;
  readonly sourceType: SourceType;
  readonly topic: string;
  readonly keyColumns: readonly Column[];
  readonly valueColumns: readonly Column[];
  readonly headerColumns: readonly Column[];
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  readonly window: WindowInfo | undefined;
  /** Row index of the column that supplies ROWTIME instead of the record timestamp. */
  readonly timestampColumnIndex: number | undefined;
  readonly timestampFormat: string | undefined;
  /** `ksql.timestamp.throw.on.invalid`: an invalid event time stops the query instead of skipping the record. */
  readonly failOnInvalidTimestamp: boolean;
  /** Total row width: key + value + header columns + pseudo-columns. */
  readonly rowWidth: number;
}

/** Keeps rows for which the predicate is TRUE (NULL and FALSE drop the row). */
export interface FilterStep {
  readonly kind: 'Filter';
  readonly predicate: RowFunction;
  readonly description: string;
}

/**
 * Computes a new row from expressions. The first `keyCount` outputs are key columns. `label`
 * names the logical operator (Project, PartitionBy).
 */
export interface ProjectStep {
  readonly kind: 'Project';
  readonly label: 'Project' | 'PartitionBy';
  readonly expressions: readonly RowFunction[];
  readonly keyCount: number;
  /**
   * Which outputs a tombstone (a record without a value) still computes; the others are NULL.
   * A SELECT keeps its keys and a windowed row's window bounds; PARTITION BY keeps everything,
   * since the old key columns it carries feed keys computed later.
   */
  readonly keptOnTombstone: readonly boolean[];
  readonly description: string;
}

/**
 * Table functions: each input row gives as many rows as the longest function result, each the
 * input row followed by one value per function (NULL where a shorter result ran out).
 */
export interface TableFunctionStep {
  readonly kind: 'TableFunctions';
  readonly functions: readonly ((row: readonly unknown[]) => readonly unknown[] | null)[];
  readonly description: string;
}

export type Step = FilterStep | ProjectStep | TableFunctionStep;

/** One aggregate call: its implementation (each task makes its own) and where its arguments are in the prepared row. */
export interface AggregateFunctionStep {
  readonly name: string;
  readonly create: () => AggregateImplementation;
  readonly argumentIndexes: readonly number[];
}

/**
 * GROUP BY: each input row is first prepared (its group key values, then every call's arguments),
 * then moved to its group's partition when `repartition` is set, then aggregated per group (and
 * window). The rows it emits are the key values, one result per function, then the window start
 * and end for a windowed aggregate.
 */
export interface AggregateStep {
  readonly kind: 'Aggregate';
  readonly prepare: readonly RowFunction[];
  readonly keyColumns: readonly Column[];
  readonly functions: readonly AggregateFunctionStep[];
  readonly window: WindowSpec | undefined;
  /** EMIT FINAL: each window is emitted once, when stream time passes its end plus grace. */
  readonly emitFinal: boolean;
  /** `cache.max.bytes.buffering` above 0: updates coalesce per key until the commit. */
  readonly coalesce: boolean;
  readonly repartition: boolean;
  /** A table's changed row leaves its old group (undo) before it joins its new one. */
  readonly inputIsTable: boolean;
  readonly description: string;
}

/** One input of a join: a source or an earlier join, and how its rows find their partners. */
export interface JoinSideStep {
  readonly input: SourceStep | JoinStep;
  /**
   * The join key over the side's rows (for a foreign-key join's left side, the foreign key): one
   * value, or for a join on several columns their tuple (an array), NULL when any part is NULL.
   */
  readonly key: RowFunction;
  /** A windowed source's window bounds, which rows must also share to meet. */
  readonly windowBounds: ((row: readonly unknown[]) => readonly unknown[]) | undefined;
  /** The side's rows move to their join key's partition first, through an internal topic. */
  readonly repartition: boolean;
  readonly width: number;
}

/**
 * A join: rows of both sides meet in one task per partition. The output row is the synthetic key
 * (when there is one), the left row (NULLs when missing), the right row, then ROWTIME,
 * ROWPARTITION, ROWOFFSET and the join key's columns.
 */
export interface JoinStep {
  readonly kind: 'Join';
  readonly joinType: JoinKind;
  readonly shape: JoinShape;
  readonly foreignKey: boolean;
  readonly window: JoinWindow | undefined;
  readonly left: JoinSideStep;
  readonly right: JoinSideStep;
  readonly syntheticKey: boolean;
  /** How many key columns the join's rows end with (a join on several columns has one per equality). */
  readonly keyCount: number;
  readonly description: string;
}

/** The sources a join reads, left to right. */
export function joinSourceSteps(step: JoinStep): SourceStep[] {
  const sources = (side: JoinSideStep): SourceStep[] => (side.input.kind === 'Join' ? joinSourceSteps(side.input) : [side.input]);
  return [...sources(step.left), ...sources(step.right)];
}

export interface SinkStep {
  readonly kind: 'Sink';
  readonly sinkName: string;
  readonly sourceType: SourceType;
  readonly topic: string;
  readonly keyColumns: readonly Column[];
  readonly valueColumns: readonly Column[];
  readonly keyFormat: FormatInfo;
  readonly valueFormat: FormatInfo;
  /** The rows keep the source record's key (no PARTITION BY, GROUP BY or join re-keys them). */
  readonly keyPassesThrough: boolean;
  /** A windowed sink: each row ends with the window start and end (BIGINT) after its value columns. */
  readonly window: WindowInfo | undefined;
  /** Index (into key + value columns) of the TIMESTAMP column that sets output record timestamps. */
  readonly timestampColumnIndex: number | undefined;
  readonly timestampFormat: string | undefined;
  readonly partitions: number | undefined;
}

export interface QueryPlan {
  readonly queryId: string;
  /** The source (a join's leftmost source). */
  readonly source: SourceStep;
  /** A join of the query's sources: `steps` then run over its rows. */
  readonly join?: JoinStep;
  /** The steps over the source's (or join's) rows (up to the aggregation, when there is one). */
  readonly steps: readonly Step[];
  readonly aggregate?: AggregateStep;
  /** The steps over the aggregate's rows (HAVING, the projection). */
  readonly afterAggregate?: readonly Step[];
  readonly sink: SinkStep;
  /** The source the sink becomes in the catalog (C*AS), or the existing target (INSERT INTO). */
  readonly sinkSource: DataSource;
  /** LIMIT of a transient query. */
  readonly limit: number | undefined;
  /** The logical plan as EXPLAIN prints it, kept so EXPLAIN <query id> can show it after planning. */
  readonly logicalPlan?: string;
}
