// The SQLite window store: windows by (start, key), range fetches and expiry.
import { describe, expect, it } from 'vitest';
import { SqliteWindowStore } from '../../../src/runtime/state/sqlite-window-store.js';
import { bytes, text, useTaskDatabases } from './state-fixtures.js';

describe('SqliteWindowStore', () => {
  const databases = useTaskDatabases();
  const openStore = (): SqliteWindowStore => new SqliteWindowStore(databases.open(), 'windows');

  /**
   *        start:  -1000   0    1000   2000
   *   key a:         x     x     x      x
   *   key b:               x            x
   */
  function fill(store: SqliteWindowStore): void {
    for (const start of [-1000, 0, 1000, 2000]) store.put(bytes('a'), start, bytes(`a@${start}`));
    for (const start of [2000, 0]) store.put(bytes('b'), start, bytes(`b@${start}`));
  }

  it('keeps a value per key and window start', () => {
    const store = openStore();
    fill(store);
    store.put(bytes('a'), 1000, bytes('a@1000 again'));
    store.delete(bytes('b'), 0);
    expect(text(store.fetch(bytes('a'), 1000))).toBe('a@1000 again');
    expect(text(store.fetch(bytes('a'), -1000))).toBe('a@-1000');
    expect(store.fetch(bytes('b'), 0)).toBeUndefined();
    expect(store.fetch(bytes('a'), 500)).toBeUndefined();
    expect(store.approximateCount()).toBe(5);
  });

  it("fetches one key's windows within inclusive starts, by start", () => {
    const store = openStore();
    fill(store);
    const windows = [...store.fetchRange(bytes('a'), 0, 2000)];
    expect(windows.map(([start, value]) => [start, text(value)])).toEqual([
      [0, 'a@0'],
      [1000, 'a@1000'],
      [2000, 'a@2000'],
    ]);
    expect([...store.fetchRange(bytes('b'), 1, 1999)]).toEqual([]);
  });

  it('fetches every window within inclusive starts, by start then key', () => {
    const store = openStore();
    fill(store);
    const windows = [...store.fetchAll(0, 2000)].map((entry) => `${text(entry.key)}@${entry.windowStart}=${text(entry.value)}`);
    expect(windows).toEqual(['a@0=a@0', 'b@0=b@0', 'a@1000=a@1000', 'a@2000=a@2000', 'b@2000=b@2000']);
  });

  it('fetches all windows over many pages, resuming inside a window start', () => {
    const store = openStore();
    for (let key = 0; key < 1500; key++) {
      for (const start of [0, 60_000]) store.put(bytes(`k${String(key).padStart(4, '0')}`), start, bytes('v'));
    }
    const windows = [...store.fetchAll(0, 60_000)];
    expect(windows).toHaveLength(3000);
    expect(windows[1499]).toMatchObject({ windowStart: 0 });
    expect(text(windows[1499]!.key)).toBe('k1499');
    expect(text(windows[1500]!.key)).toBe('k0000');
    expect(windows[1500]!.windowStart).toBe(60_000);
  });

  it('expires the windows starting before a time and counts them', () => {
    const store = openStore();
    fill(store);
    expect(store.expireBefore(1000)).toBe(3);
    expect([...store.fetchAll(-5000, 5000)].map((entry) => `${text(entry.key)}@${entry.windowStart}`)).toEqual([
      'a@1000',
      'a@2000',
      'b@2000',
    ]);
    expect(store.expireBefore(1000)).toBe(0);
  });
});
