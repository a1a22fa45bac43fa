// The SQLite session store: sessions by (key, end, start), the lookups that merge sessions, expiry.
import { describe, expect, it } from 'vitest';
import { SqliteSessionStore } from '../../../src/runtime/state/sqlite-session-store.js';
import type { Session } from '../../../src/runtime/state/store.js';
import { bytes, text, useTaskDatabases } from './state-fixtures.js';

const bounds = (sessions: Iterable<Session>): string[] => [...sessions].map((session) => `${session.start}-${session.end}`);

describe('SqliteSessionStore', () => {
  const databases = useTaskDatabases();
  const openStore = (): SqliteSessionStore => new SqliteSessionStore(databases.open(), 'sessions');

  /**
   *   time:   0    10   20   30   40   50   60
   *   key a:  [----]    [----]         [----]
   *   key b:            [-------------------]
   */
  function fill(store: SqliteSessionStore): void {
    store.put(bytes('a'), 50, 60, bytes('a3'));
    store.put(bytes('a'), 0, 10, bytes('a1'));
    store.put(bytes('a'), 20, 30, bytes('a2'));
    store.put(bytes('b'), 20, 60, bytes('b1'));
  }

  it('finds the sessions a record merges with: end >= earliest end, start <= latest start', () => {
    const store = openStore();
    fill(store);
    // A record of key a at 35 with a gap of 10 reaches [25, 45]: only [20, 30].
    expect(bounds(store.findSessions(bytes('a'), 25, 45))).toEqual(['20-30']);
    // At 40 it reaches [30, 50] and bridges [20, 30] and [50, 60].
    expect(bounds(store.findSessions(bytes('a'), 30, 50))).toEqual(['20-30', '50-60']);
    // At 15 with a gap of 4 it touches nothing.
    expect(bounds(store.findSessions(bytes('a'), 11, 19))).toEqual([]);
    expect(bounds(store.findSessions(bytes('b'), 0, 100))).toEqual(['20-60']);
  });

  it('overwrites a session with the same bounds and removes one', () => {
    const store = openStore();
    fill(store);
    store.put(bytes('a'), 20, 30, bytes('a2 again'));
    store.remove(bytes('a'), 0, 10);
    const sessions = [...store.findSessions(bytes('a'), 0, 100)];
    expect(sessions.map((session) => text(session.value))).toEqual(['a2 again', 'a3']);
  });

  it('fetches every session by key, end, then start', () => {
    const store = openStore();
    fill(store);
    store.put(bytes('a'), 5, 10, bytes('a0'));
    const all = [...store.fetchAll()].map((session) => `${text(session.key)}:${session.start}-${session.end}`);
    expect(all).toEqual(['a:0-10', 'a:5-10', 'a:20-30', 'a:50-60', 'b:20-60']);
  });

  it("finds a key's sessions over many pages", () => {
    const store = openStore();
    for (let start = 0; start < 2500; start++) store.put(bytes('a'), start, 5000, bytes('v'));
    store.put(bytes('b'), 0, 5000, bytes('other key'));
    const sessions = [...store.findSessions(bytes('a'), 5000, 2499)];
    expect(sessions).toHaveLength(2500);
    expect(sessions.map((session) => session.start)).toEqual(Array.from({ length: 2500 }, (_, start) => start));
    expect([...store.fetchAll()]).toHaveLength(2501);
  });

  it('expires the sessions ending before a time and counts them', () => {
    const store = openStore();
    fill(store);
    expect(store.expireBefore(31)).toBe(2);
    expect(bounds(store.fetchAll())).toEqual(['50-60', '20-60']);
    expect(store.approximateCount()).toBe(2);
  });
});
