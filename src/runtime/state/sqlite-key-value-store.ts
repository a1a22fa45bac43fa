// The key-value store on SQLite: one WITHOUT ROWID table keyed by the key bytes.
import type { KeyValueStore } from './store.js';
import { nextKey, NO_BYTES, PAGE_SIZE, readPages, SqliteTable } from './sqlite-table.js';
import type { Statement, TaskDatabase } from './task-database.js';

type Entry = [Uint8Array, Uint8Array];

export class SqliteKeyValueStore extends SqliteTable implements KeyValueStore {
  readonly kind = 'keyValue';
  private readonly selectValue: Statement;
  private readonly upsert: Statement;
  private readonly deleteKey: Statement;
  private readonly selectFrom: Statement;
  private readonly selectBetween: Statement;

  constructor(db: TaskDatabase, name: string) {
    super(db, name, 'keyValue', 'key BLOB NOT NULL PRIMARY KEY, value BLOB NOT NULL');
    this.selectValue = db.prepare(`SELECT value FROM ${this.table} WHERE key = ?`).pluck();
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${this.table} (key, value) VALUES (?, ?)`);
    this.deleteKey = db.prepare(`DELETE FROM ${this.table} WHERE key = ?`);
    this.selectFrom = db.prepare(`SELECT key, value FROM ${this.table} WHERE key >= ? ORDER BY key LIMIT ${PAGE_SIZE}`).raw();
    this.selectBetween = db.prepare(`SELECT key, value FROM ${this.table} WHERE key >= ? AND key <= ? ORDER BY key LIMIT ${PAGE_SIZE}`).raw();
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.selectValue.get(key) as Uint8Array | undefined;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.upsert.run(key, value);
  }

  delete(key: Uint8Array): void {
    this.deleteKey.run(key);
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined): IterableIterator<Entry> {
    return readPages<Entry>((last) => {
      const start = last === undefined ? (from ?? NO_BYTES) : nextKey(last[0]);
      const rows = to === undefined ? this.selectFrom.all(start) : this.selectBetween.all(start, to);
      return rows as Entry[];
    });
  }
}
