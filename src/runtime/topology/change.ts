// What flows between processors: a change to a row, so that table updates and retractions travel
// the same path as stream records.

/**
 * `row` is the new row. For a delete (a tombstone, or a table row that stopped matching) `isDelete`
 * is set and only `row`'s key columns are meaningful. `oldRow` is the row's previous value where
 * the producer of the change knows it (a materialised table), else null.
 */
export interface Change {
  readonly row: unknown[];
  readonly oldRow: unknown[] | null;
  readonly timestampMs: number;
  readonly isDelete: boolean;
}
