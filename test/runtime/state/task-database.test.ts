// The task database: transactions spanning a commit interval, checkpoints that commit with the data.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SqliteKeyValueStore } from '../../../src/runtime/state/sqlite-key-value-store.js';
import { PAGE_CACHE_KIB, TaskDatabase } from '../../../src/runtime/state/task-database.js';
import { bytes, text, useTaskDatabases } from './state-fixtures.js';

describe('TaskDatabase', () => {
  const databases = useTaskDatabases();

  it('creates the file, and its directory, in WAL mode', () => {
    const file = path.join(databases.dir(), 'nested', 'task-1.sqlite');
    TaskDatabase.open(file).close();
    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it("holds a page cache of PAGE_CACHE_KIB, not better-sqlite3's 16 MB, per task", () => {
    const db = TaskDatabase.open(path.join(databases.dir(), 'task-1.sqlite'));
    expect(db.prepare('PRAGMA cache_size').pluck().get()).toBe(-PAGE_CACHE_KIB);
    db.close();
  });

  it('keeps committed writes and checkpoints across close and reopen', () => {
    const db = databases.open();
    const store = new SqliteKeyValueStore(db, 'counts');
    db.begin();
    store.put(bytes('a'), bytes('1'));
    db.setCheckpoint('counts-changelog', 3, 42);
    db.commit();
    db.close();

    const reopened = databases.open();
    expect(text(new SqliteKeyValueStore(reopened, 'counts').get(bytes('a')))).toBe('1');
    expect(reopened.checkpoint('counts-changelog', 3)).toBe(42);
    expect(reopened.checkpoint('counts-changelog', 0)).toBeUndefined();
  });

  it('loses uncommitted writes and their checkpoint on rollback', () => {
    const db = databases.open();
    const store = new SqliteKeyValueStore(db, 'counts');
    db.begin();
    store.put(bytes('a'), bytes('1'));
    db.setCheckpoint('counts-changelog', 0, 10);
    db.commit();
    db.begin();
    store.put(bytes('a'), bytes('2'));
    store.put(bytes('b'), bytes('1'));
    db.setCheckpoint('counts-changelog', 0, 20);
    expect(text(store.get(bytes('a')))).toBe('2');
    db.rollback();

    expect(db.inTransaction).toBe(false);
    expect(text(store.get(bytes('a')))).toBe('1');
    expect(store.get(bytes('b'))).toBeUndefined();
    expect(db.checkpoint('counts-changelog', 0)).toBe(10);
  });

  it('rolls back an open transaction on close, and closes twice safely', () => {
    const db = databases.open();
    const store = new SqliteKeyValueStore(db, 'counts');
    db.begin();
    store.put(bytes('a'), bytes('1'));
    db.close();
    db.close();
    expect(new SqliteKeyValueStore(databases.open(), 'counts').get(bytes('a'))).toBeUndefined();
  });

  it('refuses a checkpoint outside a transaction, which would commit apart from the data', () => {
    const db = databases.open();
    expect(() => db.setCheckpoint('changelog', 0, 1)).toThrow('setCheckpoint(changelog[0]) needs an open transaction');
  });

  it('refuses to create a store inside a transaction, whose rollback would drop the table', () => {
    const db = databases.open();
    new SqliteKeyValueStore(db, 'early');
    db.begin();
    expect(() => new SqliteKeyValueStore(db, 'late')).toThrow("Store 'late' created inside a transaction");
    expect(() => new SqliteKeyValueStore(db, 'early')).not.toThrow();
  });

  it('refuses store names that SQLite would confuse, differing only in case', () => {
    const db = databases.open();
    new SqliteKeyValueStore(db, 'Counts');
    expect(() => new SqliteKeyValueStore(db, 'counts')).toThrow("Stores 'Counts' and 'counts' differ only in case");
  });

  it('quotes store names with quotes, spaces and dashes', () => {
    const db = databases.open();
    const store = new SqliteKeyValueStore(db, 'a "quoted" store-name; DROP TABLE checkpoints');
    db.begin();
    store.put(bytes('k'), bytes('v'));
    db.setCheckpoint('t', 0, 1);
    db.commit();
    expect(text(store.get(bytes('k')))).toBe('v');
    expect(db.checkpoint('t', 0)).toBe(1);
  });

  it('deletes its files on destroy', () => {
    const db = databases.open('doomed');
    const store = new SqliteKeyValueStore(db, 'counts');
    db.begin();
    store.put(bytes('a'), bytes('1'));
    db.commit();
    expect(fs.existsSync(db.path)).toBe(true);
    db.destroy();
    expect(fs.readdirSync(databases.dir()).filter((file) => file.startsWith('doomed'))).toEqual([]);
  });
});
