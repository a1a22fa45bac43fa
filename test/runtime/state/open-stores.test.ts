// The full store stack, metered(caching(changelogging(sqlite))), through a task's commit cycle.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CACHE_MAX_ENTRIES, openSqliteStore, openStore } from '../../../src/runtime/state/open-stores.js';
import type { StoreSpec } from '../../../src/runtime/state/store.js';
import { bytes, hex, recordingChangelog, text, useTaskDatabases } from './state-fixtures.js';

const counts: StoreSpec & { kind: 'keyValue' } = { name: 'counts', kind: 'keyValue', changelogTopic: 'q1-counts-changelog' };

describe('openStore', () => {
  const databases = useTaskDatabases();

  it('changelogs on flush, not on put, once per key', () => {
    const db = databases.open();
    const changelog = recordingChangelog();
    const store = openStore(db, counts, changelog.writer);
    db.begin();
    for (let count = 1; count <= 5; count++) store.put(bytes('a'), bytes(String(count)));
    store.put(bytes('b'), bytes('1'));
    expect(changelog.records).toEqual([]);
    store.flush();
    db.commit();
    expect(changelog.records).toEqual([
      [hex(bytes('a')), '5'],
      [hex(bytes('b')), '1'],
    ]);
    expect(text(openSqliteStore(db, counts).get(bytes('a')))).toBe('5');
    expect(store.metrics()).toMatchObject({ puts: 6, entries: 2 });
  });

  it('holds at most DEFAULT_CACHE_MAX_ENTRIES unflushed writes: past them the oldest goes through early', () => {
    const db = databases.open();
    const changelog = recordingChangelog();
    const store = openStore(db, counts, changelog.writer);
    db.begin();
    for (let key = 0; key < DEFAULT_CACHE_MAX_ENTRIES; key++) store.put(bytes(`k${key}`), bytes('1'));
    expect(changelog.records).toEqual([]);
    store.put(bytes('one more'), bytes('1'));
    expect(changelog.records).toEqual([[hex(bytes('k0')), '1']]);
    expect(text(openSqliteStore(db, counts).get(bytes('k0')))).toBe('1');
  });

  it('loses a commit interval that is discarded and rolled back', () => {
    const db = databases.open();
    const changelog = recordingChangelog();
    const store = openStore(db, counts, changelog.writer);
    db.begin();
    store.put(bytes('a'), bytes('1'));
    store.flush();
    db.commit();
    db.begin();
    store.put(bytes('a'), bytes('2'));
    store.put(bytes('b'), bytes('2'));
    store.flush();
    store.put(bytes('c'), bytes('2'));
    store.discard();
    db.rollback();
    expect(text(store.get(bytes('a')))).toBe('1');
    expect(store.get(bytes('b'))).toBeUndefined();
    expect(store.get(bytes('c'))).toBeUndefined();
  });

  it('opens window and session stacks by kind', () => {
    const db = databases.open();
    const changelog = recordingChangelog();
    const windows = openStore(db, { name: 'w', kind: 'window', changelogTopic: 'w-changelog', windowSizeMs: 1000 }, changelog.writer);
    const sessions = openStore(db, { name: 's', kind: 'session', changelogTopic: 's-changelog' }, changelog.writer);
    windows.put(bytes('a'), 0, bytes('1'));
    sessions.put(bytes('a'), 0, 10, bytes('1'));
    expect(changelog.records).toEqual([]);
    windows.flush();
    sessions.flush();
    expect(changelog.records).toHaveLength(2);
    expect(windows.metrics().entries).toBe(1);
    expect(sessions.metrics().entries).toBe(1);
  });

  it('bounds the cache when asked', () => {
    const db = databases.open();
    const changelog = recordingChangelog();
    const store = openStore(db, counts, changelog.writer, { cacheMaxEntries: 1 });
    store.put(bytes('a'), bytes('1'));
    store.put(bytes('b'), bytes('1'));
    expect(changelog.records).toEqual([[hex(bytes('a')), '1']]);
  });
});
