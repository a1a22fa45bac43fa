// Write caches: reads see unflushed writes, a flush writes each position once in last-write order,
// a discard forgets, and range reads lay the cache over the store.
import { describe, expect, it } from 'vitest';
import { CachingKeyValueStore, CachingSessionStore, CachingWindowStore } from '../../../src/runtime/state/caching-store.js';
import { encodeWindowKey } from '../../../src/runtime/state/changelog-key.js';
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
