// The window store on SQLite, keyed (window start, key): DESIGN.md measured that order 4-5x faster
// to write than (key, window start), since new windows append, and 20x faster to expire. An index
// on the key (which SQLite extends with the primary key, so (key, window start)) serves
// `fetchRange`: without it a key's windows over a join's range scan every key's rows in the range.
import type { WindowStore, WindowedEntry } from './store.js';
import { nextKey, NO_BYTES, PAGE_SIZE, readPages, SqliteTable } from './sqlite-table.js';
import type { Statement, TaskDatabase } from './task-database.js';

type Window = [number, Uint8Array];

export class SqliteWindowStore extends SqliteTable implements WindowStore {
  readonly kind = 'window';
  private readonly selectValue: Statement;
  private readonly upsert: Statement;
  private readonly deleteWindow: Statement;
  private readonly selectKeyWindows: Statement;
  private readonly selectWindows: Statement;
  private readonly deleteBefore: Statement;

  constructor(db: TaskDatabase, name: string) {
    super(db, name, 'window', 'window_start INTEGER NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL, PRIMARY KEY (window_start, key)', ['key']);
    this.selectValue = db.prepare(`SELECT value FROM ${this.table} WHERE window_start = ? AND key = ?`).pluck();
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${this.table} (window_start, key, value) VALUES (?, ?, ?)`);
    this.deleteWindow = db.prepare(`DELETE FROM ${this.table} WHERE window_start = ? AND key = ?`);
    this.selectKeyWindows = db.prepare(
      `SELECT window_start, value FROM ${this.table} WHERE key = ? AND window_start >= ? AND window_start <= ? `
        + `ORDER BY window_start LIMIT ${PAGE_SIZE}`,
    ).raw();
    this.selectWindows = db.prepare(
      `SELECT key, window_start AS windowStart, value FROM ${this.table} WHERE (window_start, key) >= (?, ?) AND window_start <= ? `
        + `ORDER BY window_start, key LIMIT ${PAGE_SIZE}`,
    );
    this.deleteBefore = db.prepare(`DELETE FROM ${this.table} WHERE window_start < ?`);
  }

  put(key: Uint8Array, windowStart: number, value: Uint8Array): void {
    this.upsert.run(windowStart, key, value);
  }

  delete(key: Uint8Array, windowStart: number): void {
    this.deleteWindow.run(windowStart, key);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    return this.selectValue.get(windowStart, key) as Uint8Array | undefined;
  }

  fetchRange(key: Uint8Array, fromStart: number, toStart: number): IterableIterator<Window> {
    return readPages<Window>((last) => {
      const start = last === undefined ? fromStart : last[0] + 1;
      return this.selectKeyWindows.all(key, start, toStart) as Window[];
    });
  }

  fetchAll(fromStart: number, toStart: number): IterableIterator<WindowedEntry> {
    return readPages<WindowedEntry>((last) => {
      const rows = last === undefined
        ? this.selectWindows.all(fromStart, NO_BYTES, toStart)
        : this.selectWindows.all(last.windowStart, nextKey(last.key), toStart);
      return rows as WindowedEntry[];
    });
  }

  expireBefore(windowStart: number): number {
    return this.deleteBefore.run(windowStart).changes;
  }
}
