// What the three SQLite stores share: their table, its row count, no buffering, page-by-page reads.
import type { StoreKind } from './store.js';
import type { Statement, TaskDatabase } from './task-database.js';

/** Rows per page: big enough to amortise a query, small enough to hold in memory. */
export const PAGE_SIZE = 1000;

/** The smallest BLOB, below every key. */
export const NO_BYTES = new Uint8Array(0);

/** Below every window start and session bound a store holds. */
export const MIN_TIME = Number.MIN_SAFE_INTEGER;

export abstract class SqliteTable {
  /** The quoted table name, for the subclass's statements. */
  protected readonly table: string;
  private readonly countRows: Statement;

  protected constructor(
    db: TaskDatabase,
    readonly name: string,
    kind: StoreKind,
    definitionSql: string,
    indexedColumns: readonly string[] = [],
  ) {
    this.table = db.createTable(name, kind, definitionSql, indexedColumns);
    this.countRows = db.prepare(`SELECT count(*) FROM ${this.table}`).pluck();
  }

  approximateCount(): number {
    return this.countRows.get() as number;
  }

  /** Nothing is buffered: writes go straight into the task's open transaction. */
  flush(): void {}

  /** Nothing is buffered: the task's rollback drops the writes. */
  discard(): void {}
}

/**
 * Yields the rows of a keyset-paginated query. Each page is read whole, so no statement stays
 * open between pages: better-sqlite3 refuses every other statement on a connection while an
 * iterator is open, and a processor writes to its stores while it reads a range.
 * `readPage(undefined)` reads the first page, `readPage(last)` the page after row `last`.
 */
export function* readPages<Row>(readPage: (last: Row | undefined) => Row[]): Generator<Row, void, undefined> {
  let page = readPage(undefined);
  for (;;) {
    yield* page;
    if (page.length < PAGE_SIZE) return;
    page = readPage(page[page.length - 1]);
  }
}

/** The smallest BLOB after `key` in SQLite's order (bytes, then length): `key` followed by a zero byte. */
export function nextKey(key: Uint8Array): Uint8Array {
  const next = new Uint8Array(key.length + 1);
  next.set(key);
  return next;
}
