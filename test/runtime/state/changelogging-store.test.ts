// Changelogging wrappers: every write reaches the inner store and the changelog, expiry only the store.
import { describe, expect, it } from 'vitest';
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


describe('changelogging stores', () => {
  const databases = useTaskDatabases();

  it('log a key-value put as the key and value, a delete as a tombstone', () => {
    const inner = new SqliteKeyValueStore(databases.open(), 'kv');
    const changelog = recordingChangelog();
    const store = new ChangeloggingKeyValueStore(inner, changelog.writer);
    store.put(bytes('a'), bytes('1'));
    store.delete(bytes('b'));
    expect(changelog.records).toEqual([
      [hex(bytes('a')), '1'],
      [hex(bytes('b')), null],
    ]);
    expect(text(inner.get(bytes('a')))).toBe('1');
    expect(store.name).toBe('kv');
  });

  it('log window writes under the windowed store key, and expiry not at all', () => {
    const inner = new SqliteWindowStore(databases.open(), 'windows');
    const changelog = recordingChangelog();
    const store = new ChangeloggingWindowStore(inner, changelog.writer);
    store.put(bytes('a'), 1000, bytes('1'));
    store.delete(bytes('a'), 0);
    expect(store.expireBefore(2000)).toBe(1);
    expect(changelog.records).toEqual([
      [hex(encodeWindowKey(bytes('a'), 1000)), '1'],
      [hex(encodeWindowKey(bytes('a'), 0)), null],
    ]);
    expect(inner.approximateCount()).toBe(0);
  });

  it('log session writes under the session store key, and expiry not at all', () => {
    const inner = new SqliteSessionStore(databases.open(), 'sessions');
    const changelog = recordingChangelog();
    const store = new ChangeloggingSessionStore(inner, changelog.writer);
    store.put(bytes('a'), 0, 10, bytes('1'));
    store.remove(bytes('a'), 20, 30);
    expect(store.expireBefore(100)).toBe(1);
    expect(changelog.records).toEqual([
      [hex(encodeSessionKey(bytes('a'), 0, 10)), '1'],
      [hex(encodeSessionKey(bytes('a'), 20, 30)), null],
    ]);
  });
});
