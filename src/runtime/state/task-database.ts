// One SQLite database per task, holding all of the task's stores and its changelog checkpoints.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { StoreKind } from './store.js';

export type Statement = Database.Statement<unknown[], unknown>;

/** @internal The page cache of each task's database (and each materialized table's), in KiB. */
export const PAGE_CACHE_KIB = 2048;

/**
 * The engine keeps one transaction open for a whole commit interval: `begin()` after each commit,
 * `commit()` once the Kafka transaction committed, `rollback()` when it aborted. Checkpoints are
 * written inside that transaction, so they can never run ahead of the data; they may stay behind it
 * (a commit moves them only now and then), which costs a restore only a longer, idempotent replay.
 */
export class TaskDatabase {
  private readonly statements = new Map<string, Statement>();
  /** Store name of each table, by lower-cased table name: SQLite compares table names case-insensitively. */
  private readonly tableOwners = new Map<string, string>();
  private readonly beginStatement: Statement;
  private readonly commitStatement: Statement;
  private readonly rollbackStatement: Statement;
  private readonly selectCheckpoint: Statement;
  private readonly upsertCheckpoint: Statement;
  private readonly selectTable: Statement;
  private closed = false;

  private constructor(
    private readonly sqlite: Database.Database,
    readonly path: string,
  ) {
    sqlite.exec(
      'CREATE TABLE IF NOT EXISTS checkpoints (topic TEXT NOT NULL, partition INTEGER NOT NULL, '
        + 'next_offset INTEGER NOT NULL, PRIMARY KEY (topic, partition)) WITHOUT ROWID',
    );
    this.beginStatement = this.prepare('BEGIN');
    this.commitStatement = this.prepare('COMMIT');
    this.rollbackStatement = this.prepare('ROLLBACK');
    this.selectCheckpoint = this.prepare('SELECT next_offset FROM checkpoints WHERE topic = ? AND partition = ?').pluck();
    this.upsertCheckpoint = this.prepare('INSERT OR REPLACE INTO checkpoints (topic, partition, next_offset) VALUES (?, ?, ?)');
    this.selectTable = this.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck();
  }

  /** Opens (creating it and its directory if needed) the database at `<stateDir>/<taskId>.sqlite`, or `:memory:`. */
  static open(file: string): TaskDatabase {
    if (file === ':memory:') return new TaskDatabase(new Database(file), file);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const sqlite = new Database(file);
    // WAL with synchronous=NORMAL syncs only at checkpoints: a power cut can lose the last
    // commits, which the changelog restores, but never corrupts the file.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection, so every task whose
    // store outgrows it holds 16 MB more resident. 2 MB (SQLite's own default) still holds the
    // interior B-tree pages of a store of millions of keys; leaf pages come from the OS file cache.
    sqlite.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    return new TaskDatabase(sqlite, file);
  }

  get inTransaction(): boolean {
    return this.sqlite.inTransaction;
  }

  begin(): void {
    this.beginStatement.run();
  }

  commit(): void {
    this.commitStatement.run();
  }

  rollback(): void {
    this.rollbackStatement.run();
  }

  /** A changelog offset from which replaying brings the stores up to date (all before it applied), or undefined when never checkpointed. */
  checkpoint(topic: string, partition: number): number | undefined {
    return this.selectCheckpoint.get(topic, partition) as number | undefined;
  }

  setCheckpoint(topic: string, partition: number, offset: number): void {
    if (!this.inTransaction) throw new Error(`setCheckpoint(${topic}[${partition}]) needs an open transaction, to commit with the data`);
    this.upsertCheckpoint.run(topic, partition, offset);
  }

  /**
   * @internal For the SQLite stores.
   * Creates a store's table (and an index on each of `indexedColumns`) if missing and returns its
   * quoted name. A new store must be opened before `begin()`: a rollback would take its table with it.
   */
  createTable(storeName: string, kind: StoreKind, definitionSql: string, indexedColumns: readonly string[] = []): string {
    const tableName = `${kind}:${storeName}`;
    if (this.inTransaction && this.selectTable.get(tableName) === undefined) {
      throw new Error(`Store '${storeName}' created inside a transaction: open stores before begin()`);
    }
    const owner = this.tableOwners.get(tableName.toLowerCase());
    if (owner !== undefined && owner !== storeName) {
      throw new Error(`Stores '${owner}' and '${storeName}' differ only in case; SQLite would give them one table`);
    }
    this.tableOwners.set(tableName.toLowerCase(), storeName);
    const quoted = quoteIdentifier(tableName);
    this.sqlite.exec(`CREATE TABLE IF NOT EXISTS ${quoted} (${definitionSql}) WITHOUT ROWID`);
    for (const column of indexedColumns) {
      this.sqlite.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${tableName}:${column}`)} ON ${quoted} (${column})`);
    }
    return quoted;
  }

  /**
   * @internal For the SQLite stores: prepares `sql` once per database, so stores over one table
   * share statements. Every caller of one SQL text must use the same `raw`/`pluck` mode.
   */
  prepare(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Rolls back an open transaction (uncommitted means not yet committed to Kafka either). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.inTransaction) this.rollback();
    this.sqlite.close();
  }

  /** Closes the database and deletes its files, e.g. when a query is dropped. */
  destroy(): void {
    this.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${this.path}${suffix}`, { force: true });
  }
}

/** Any store name is a legal identifier once double-quoted, with its own quotes doubled. */
function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
