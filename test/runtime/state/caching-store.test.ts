// Write caches: reads see unflushed writes, a flush writes each position once in last-write order,
// a discard forgets, and range reads lay the cache over the store.
import { describe, expect, it } from 'vitest';
import { CachingKeyValueStore, CachingSessionStore, CachingWindowStore } from '../../../src/runtime/state/caching-store.js';
import { encodeSessionKey, encodeWindowKey } from '../../../src/runtime/state/changelog-key.js';
import {
  ChangeloggingKeyValueStore,
  ChangeloggingSessionStore,
  ChangeloggingWindowStore,
} from '../../../src/runtime/state/changelogging-store.js';
import { SqliteKeyValueStore } from '../../../src/runtime/state/sqlite-key-value-store.js';
import { SqliteSessionStore } from '../../../src/runtime/state/sqlite-session-store.js';
import { SqliteWindowStore } from '../../../src/runtime/state/sqlite-window-store.js';
import { bytes, hex, recordingChangelog, text, useTaskDatabases } from './state-fixtures.js';

describe('CachingKeyValueStore', () => {
  const databases = useTaskDatabases();

  function openStack(maxEntries?: number) {
    const sqlite = new SqliteKeyValueStore(databases.open(), 'kv');
    const changelog = recordingChangelog();
    const store = new CachingKeyValueStore(new ChangeloggingKeyValueStore(sqlite, changelog.writer), maxEntries);
    return { sqlite, changelog, store };
  }

  it('serves reads from unflushed writes, including deletes that hide stored values', () => {
    const { sqlite, store } = openStack();
    sqlite.put(bytes('stored'), bytes('old'));
    store.put(bytes('a'), bytes('1'));
    store.delete(bytes('stored'));
    expect(text(store.get(bytes('a')))).toBe('1');
    expect(store.get(bytes('stored'))).toBeUndefined();
    expect(sqlite.get(bytes('a'))).toBeUndefined();
    expect(text(sqlite.get(bytes('stored')))).toBe('old');
  });

  it('flushes the last write of each key, in the order of last writes', () => {
    const { sqlite, changelog, store } = openStack();
    store.put(bytes('a'), bytes('1'));
    store.put(bytes('b'), bytes('1'));
    store.put(bytes('a'), bytes('2'));
    store.put(bytes('c'), bytes('1'));
    store.delete(bytes('c'));
    expect(changelog.records).toEqual([]);
    store.flush();
    expect(changelog.records).toEqual([
      [hex(bytes('b')), '1'],
      [hex(bytes('a')), '2'],
      [hex(bytes('c')), null],
    ]);
    expect(text(sqlite.get(bytes('a')))).toBe('2');
    expect(sqlite.approximateCount()).toBe(2);
    store.flush();
    expect(changelog.records).toHaveLength(3);
  });

  it('discards unflushed writes', () => {
    const { sqlite, changelog, store } = openStack();
    store.put(bytes('a'), bytes('1'));
    store.discard();
    store.flush();
    expect(store.get(bytes('a'))).toBeUndefined();
    expect(sqlite.approximateCount()).toBe(0);
    expect(changelog.records).toEqual([]);
  });

  it('writes the oldest write through once it holds more than its bound', () => {
    const { sqlite, changelog, store } = openStack(2);
    store.put(bytes('a'), bytes('1'));
    store.put(bytes('b'), bytes('1'));
    store.put(bytes('a'), bytes('2'));
    store.put(bytes('c'), bytes('1'));
    expect(changelog.records).toEqual([[hex(bytes('b')), '1']]);
    expect(text(sqlite.get(bytes('b')))).toBe('1');
    expect(sqlite.get(bytes('a'))).toBeUndefined();
  });

  it('ranges over the store with unflushed writes laid over it', () => {
    // stored: a=1 c=1 e=1      cached: b=2 c=2 e=deleted f=2      range [b, e]: b=2 c=2
    const { sqlite, store } = openStack();
    for (const key of ['a', 'c', 'e']) sqlite.put(bytes(key), bytes('1'));
    for (const key of ['f', 'c', 'b']) store.put(bytes(key), bytes('2'));
    store.delete(bytes('e'));
    const entries = (from?: string, to?: string): string[] =>
      [...store.range(from === undefined ? undefined : bytes(from), to === undefined ? undefined : bytes(to))].map(
        ([key, value]) => `${text(key)}=${text(value)}`,
      );
    expect(entries('b', 'e')).toEqual(['b=2', 'c=2']);
    expect(entries()).toEqual(['a=1', 'b=2', 'c=2', 'f=2']);
  });
});

describe('CachingWindowStore', () => {
  const databases = useTaskDatabases();

  function openStack() {
    const sqlite = new SqliteWindowStore(databases.open(), 'windows');
    const changelog = recordingChangelog();
    const store = new CachingWindowStore(new ChangeloggingWindowStore(sqlite, changelog.writer));
    return { sqlite, changelog, store };
  }

  it('fetches unflushed windows and coalesces them', () => {
    const { changelog, store } = openStack();
    store.put(bytes('a'), 0, bytes('1'));
    store.put(bytes('a'), 0, bytes('2'));
    store.put(bytes('a'), 1000, bytes('1'));
    expect(text(store.fetch(bytes('a'), 0))).toBe('2');
    store.flush();
    expect(changelog.records).toEqual([
      [hex(encodeWindowKey(bytes('a'), 0)), '2'],
      [hex(encodeWindowKey(bytes('a'), 1000)), '1'],
    ]);
  });

  it("lays one key's unflushed windows over its stored ones, by start", () => {
    const { sqlite, store } = openStack();
    sqlite.put(bytes('a'), 0, bytes('stored'));
    sqlite.put(bytes('a'), 2000, bytes('stored'));
    store.put(bytes('a'), 1000, bytes('cached'));
    store.put(bytes('b'), 1000, bytes('other key'));
    store.delete(bytes('a'), 2000);
    const windows = [...store.fetchRange(bytes('a'), 0, 5000)].map(([start, value]) => `${start}=${text(value)}`);
    expect(windows).toEqual(['0=stored', '1000=cached']);
  });

  it('lays all unflushed windows over the stored ones, by start then key', () => {
    const { sqlite, store } = openStack();
    sqlite.put(bytes('b'), 0, bytes('stored'));
    sqlite.put(bytes('a'), 1000, bytes('stored'));
    store.put(bytes('a'), 0, bytes('cached'));
    store.put(bytes('a'), 1000, bytes('cached'));
    store.put(bytes('c'), 9000, bytes('outside'));
    const windows = [...store.fetchAll(0, 1000)].map((entry) => `${text(entry.key)}@${entry.windowStart}=${text(entry.value)}`);
    expect(windows).toEqual(['a@0=cached', 'b@0=stored', 'a@1000=cached']);
  });

  it('drops expired unflushed windows instead of writing them', () => {
    const { sqlite, changelog, store } = openStack();
    sqlite.put(bytes('a'), 0, bytes('stored'));
    store.put(bytes('a'), 0, bytes('cached'));
    store.put(bytes('b'), 500, bytes('cached'));
    store.put(bytes('b'), 1000, bytes('kept'));
    expect(store.expireBefore(1000)).toBe(1);
    store.flush();
    expect(changelog.records).toEqual([[hex(encodeWindowKey(bytes('b'), 1000)), 'kept']]);
    expect(sqlite.approximateCount()).toBe(1);
  });

  it('expires an unflushed window written below the earliest one seen by an earlier expiry', () => {
    const { changelog, store } = openStack();
    store.put(bytes('a'), 5000, bytes('kept'));
    store.expireBefore(1000);
    store.put(bytes('b'), 200, bytes('late'));
    store.expireBefore(1000);
    expect(store.fetch(bytes('b'), 200)).toBeUndefined();
    store.flush();
    store.put(bytes('c'), 300, bytes('after flush'));
    store.expireBefore(1000);
    store.flush();
    expect(changelog.records).toEqual([[hex(encodeWindowKey(bytes('a'), 5000)), 'kept']]);
  });
});

describe('CachingSessionStore', () => {
  const databases = useTaskDatabases();

  it('finds unflushed and stored sessions together, hiding removed ones', () => {
    const sqlite = new SqliteSessionStore(databases.open(), 'sessions');
    const changelog = recordingChangelog();
    const store = new CachingSessionStore(new ChangeloggingSessionStore(sqlite, changelog.writer));
    // A record at 25 with gap 10 merges [0, 20] (stored) and [30, 40] (cached) into [0, 40].
    sqlite.put(bytes('a'), 0, 20, bytes('stored'));
    store.put(bytes('a'), 30, 40, bytes('cached'));
    expect([...store.findSessions(bytes('a'), 15, 35)].map((session) => text(session.value))).toEqual(['stored', 'cached']);
    store.remove(bytes('a'), 0, 20);
    store.remove(bytes('a'), 30, 40);
    store.put(bytes('a'), 0, 40, bytes('merged'));
    expect([...store.fetchAll()].map((session) => `${session.start}-${session.end}=${text(session.value)}`)).toEqual(['0-40=merged']);
    store.flush();
    expect([...sqlite.fetchAll()].map((session) => `${session.start}-${session.end}`)).toEqual(['0-40']);
    expect(changelog.records).toHaveLength(3);
  });

  function openSessionStack(maxEntries?: number) {
    const sqlite = new SqliteSessionStore(databases.open(), 'sessions');
    const changelog = recordingChangelog();
    const store = new CachingSessionStore(new ChangeloggingSessionStore(sqlite, changelog.writer), maxEntries);
    return { sqlite, changelog, store };
  }

  /** What a session aggregation does for a record at `time` with gap 10: merge what it finds into one session. */
  function aggregate(store: CachingSessionStore, key: string, time: number): void {
    const merged = [...store.findSessions(bytes(key), time - 10, time + 10)];
    for (const session of merged) store.remove(bytes(key), session.start, session.end);
    const start = Math.min(time, ...merged.map((session) => session.start));
    const end = Math.max(time, ...merged.map((session) => session.end));
    store.put(bytes(key), start, end, bytes(`${start}-${end}`));
  }

  const storedSessions = (sqlite: SqliteSessionStore): string[] => [...sqlite.fetchAll()].map((session) => `${text(session.key)}:${session.start}-${session.end}`);

  it('flushes the last write of each session, in the order of last writes', () => {
    const { sqlite, changelog, store } = openSessionStack();
    store.put(bytes('a'), 0, 10, bytes('1'));
    store.put(bytes('b'), 0, 10, bytes('1'));
    store.put(bytes('a'), 0, 10, bytes('2'));
    store.put(bytes('a'), 20, 30, bytes('1'));
    store.flush();
    expect(changelog.records).toEqual([
      [hex(encodeSessionKey(bytes('b'), 0, 10)), '1'],
      [hex(encodeSessionKey(bytes('a'), 0, 10)), '2'],
      [hex(encodeSessionKey(bytes('a'), 20, 30)), '1'],
    ]);
    expect(storedSessions(sqlite)).toEqual(['a:0-10', 'a:20-30', 'b:0-10']);
  });

  it('forgets a session that a find showed absent below once it is removed before the flush', () => {
    const { sqlite, changelog, store } = openSessionStack();
    // [0, 0] then [0, 5] are put and removed again while cached: only [0, 8] reaches SQLite and the changelog.
    for (const time of [0, 5, 8]) aggregate(store, 'a', time);
    store.flush();
    expect(changelog.records).toEqual([[hex(encodeSessionKey(bytes('a'), 0, 8)), '0-8']]);
    expect(storedSessions(sqlite)).toEqual(['a:0-8']);
  });

  it('deletes a removed session that the stores below hold, and one it knows nothing about', () => {
    const { sqlite, changelog, store } = openSessionStack();
    sqlite.put(bytes('a'), 0, 5, bytes('stored'));
    aggregate(store, 'a', 8);
    // No find covered [20, 20]: the cache cannot tell that SQLite lacks it.
    store.put(bytes('b'), 20, 20, bytes('unread'));
    store.remove(bytes('b'), 20, 20);
    store.flush();
    expect(changelog.records).toEqual([
      [hex(encodeSessionKey(bytes('a'), 0, 5)), null],
      [hex(encodeSessionKey(bytes('a'), 0, 8)), '0-8'],
      [hex(encodeSessionKey(bytes('b'), 20, 20)), null],
    ]);
    expect(storedSessions(sqlite)).toEqual(['a:0-8']);
  });

  it('stops trusting a find once a write went through below it', () => {
    const { sqlite, changelog, store } = openSessionStack(1);
    aggregate(store, 'a', 0);
    // Putting b evicts a's [0, 0] into SQLite; the find of a said it was absent, which is no longer true.
    store.put(bytes('b'), 50, 50, bytes('evicts'));
    store.remove(bytes('a'), 0, 0);
    store.flush();
    expect(changelog.records.map(([, value]) => value)).toEqual(['0-0', 'evicts', null]);
    expect(storedSessions(sqlite)).toEqual(['b:50-50']);
  });

  it('stops trusting a find once a discard rolled the stores below back', () => {
    const db = databases.open();
    const sqlite = new SqliteSessionStore(db, 'sessions');
    const store = new CachingSessionStore(sqlite, 1);
    sqlite.put(bytes('a'), 0, 0, bytes('committed'));
    db.begin();
    // Removing [0, 0] and putting b evicts the delete into SQLite; the find then sees nothing of a.
    store.remove(bytes('a'), 0, 0);
    store.put(bytes('b'), 50, 50, bytes('evicts'));
    expect([...store.findSessions(bytes('a'), -10, 10)]).toEqual([]);
    store.discard();
    db.rollback();
    db.begin();
    store.remove(bytes('a'), 0, 0);
    store.flush();
    db.commit();
    expect(storedSessions(sqlite)).toEqual([]);
  });

  it('drops expired unflushed sessions', () => {
    const sqlite = new SqliteSessionStore(databases.open(), 'sessions');
    const store = new CachingSessionStore(sqlite);
    store.put(bytes('a'), 0, 10, bytes('old'));
    store.put(bytes('a'), 50, 60, bytes('new'));
    store.expireBefore(20);
    store.flush();
    expect([...sqlite.fetchAll()].map((session) => text(session.value))).toEqual(['new']);
  });
});
