// Metered wrappers: counts of reads and writes, the time they took, and the entries stored.
import { describe, expect, it } from 'vitest';
import { MeteredKeyValueStore, MeteredSessionStore, MeteredWindowStore } from '../../../src/runtime/state/metered-store.js';
import { SqliteKeyValueStore } from '../../../src/runtime/state/sqlite-key-value-store.js';
import { SqliteSessionStore } from '../../../src/runtime/state/sqlite-session-store.js';
import { SqliteWindowStore } from '../../../src/runtime/state/sqlite-window-store.js';
import { bytes, useTaskDatabases } from './state-fixtures.js';

describe('metered stores', () => {
  const databases = useTaskDatabases();

  it('count key-value puts, gets (a range once) and deletes, and the entries stored', () => {
    const store = new MeteredKeyValueStore(new SqliteKeyValueStore(databases.open(), 'kv'));
    for (const key of ['a', 'b', 'c']) store.put(bytes(key), bytes('1'));
    store.get(bytes('a'));
    store.get(bytes('missing'));
    expect([...store.range(undefined, undefined)]).toHaveLength(3);
    store.delete(bytes('c'));
    const metrics = store.metrics();
    expect(metrics).toMatchObject({ puts: 3, gets: 3, deletes: 1, entries: 2 });
    expect(metrics.putMs).toBeGreaterThan(0);
    expect(metrics.getMs).toBeGreaterThan(0);
    expect(metrics.deleteMs).toBeGreaterThan(0);
  });

  it('count expired windows as deletes', () => {
    const store = new MeteredWindowStore(new SqliteWindowStore(databases.open(), 'windows'));
    for (const start of [0, 1000, 2000]) store.put(bytes('a'), start, bytes('1'));
    store.fetch(bytes('a'), 0);
    [...store.fetchRange(bytes('a'), 0, 2000)];
    [...store.fetchAll(0, 2000)];
    store.delete(bytes('a'), 2000);
    expect(store.expireBefore(1000)).toBe(1);
    expect(store.metrics()).toMatchObject({ puts: 3, gets: 3, deletes: 2, entries: 1 });
  });

  it('count session writes, lookups and expiry', () => {
    const store = new MeteredSessionStore(new SqliteSessionStore(databases.open(), 'sessions'));
    store.put(bytes('a'), 0, 10, bytes('1'));
    store.put(bytes('a'), 20, 30, bytes('1'));
    [...store.findSessions(bytes('a'), 0, 30)];
    [...store.fetchAll()];
    store.remove(bytes('a'), 20, 30);
    store.expireBefore(100);
    expect(store.metrics()).toMatchObject({ puts: 2, gets: 2, deletes: 2, entries: 0 });
  });
});
