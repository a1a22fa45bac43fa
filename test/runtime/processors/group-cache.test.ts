// The decoded-group cache in front of a GROUP BY's key-value store: reads decode once, writes
// reach the store at the commit or when the budget evicts a changed group, an abort forgets.
import { describe, expect, it } from 'vitest';
import { decodeGroupState, encodeGroupState, type GroupState } from '../../../src/runtime/processors/aggregator.js';
import { GroupCache } from '../../../src/runtime/processors/group-cache.js';
import { encodeGroupKey } from '../../../src/runtime/serde/index.js';
import { openStore, TaskDatabase, type KeyValueStore } from '../../../src/runtime/state/index.js';

/** A real store stack over in-memory SQLite, counting what reaches it. */
function countingStore(): { store: KeyValueStore; gets: () => number; puts: () => number } {
  const db = TaskDatabase.open(':memory:');
  const inner = openStore(db, { name: 'agg', kind: 'keyValue', changelogTopic: 'agg-changelog' }, () => undefined) as KeyValueStore;
  db.begin();
  let gets = 0;
  let puts = 0;
  const store: KeyValueStore = {
    kind: 'keyValue',
    get: (key) => (gets++, inner.get(key)),
    put: (key, value) => (puts++, inner.put(key, value)),
    delete: (key) => inner.delete(key),
    range: (from, to) => inner.range(from, to),
    flush: () => inner.flush(),
    discard: () => inner.discard(),
  } as KeyValueStore;
  return { store, gets: () => gets, puts: () => puts };
}

const group = (name: string) => {
  const key = encodeGroupKey([name]);
  return { key, text: Buffer.from(key).toString('latin1') };
};
const state = (name: string, count: number): GroupState => ({ timestampMs: count, keyValues: [name], accumulators: [count] });
const storedCount = (store: KeyValueStore, name: string) => {
  const stored = store.get(group(name).key);
  return stored === undefined ? undefined : decodeGroupState(stored).accumulators[0];
};

describe('GroupCache', () => {
  it('writes a group updated many times to its store once, at the flush, and reads it from memory after', () => {
    const { store, gets, puts } = countingStore();
    const cache = new GroupCache(store);
    const a = group('a');
    expect(cache.get(a.text, a.key)).toBeUndefined();
    for (let count = 1; count <= 5; count++) {
      cache.get(a.text, a.key);
      cache.put(a.text, a.key, state('a', count));
    }
    expect(puts()).toBe(0);
    cache.flush();
    expect(puts()).toBe(1);
    expect(storedCount(store, 'a')).toBe(5);
    const readsBefore = gets();
    expect(cache.get(a.text, a.key)?.accumulators).toEqual([5]);
    expect(gets()).toBe(readsBefore);
    // Unchanged since, so the next flush writes nothing.
    cache.flush();
    expect(puts()).toBe(1);
  });

  it('decodes a group it does not hold from the store', () => {
    const { store } = countingStore();
    const b = group('b');
    store.put(b.key, encodeGroupState(state('b', 7)));
    expect(new GroupCache(store).get(b.text, b.key)?.accumulators).toEqual([7]);
  });

  it('past half its budget starts a new generation; the groups of the one before that were not used since leave, written through if they changed', () => {
    const { store, puts } = countingStore();
    // Half the budget holds two new groups (264 reckoned bytes each), not three.
    const cache = new GroupCache(store, 1100);
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(group);
    cache.put(a!.text, a!.key, state('a', 1));
    cache.put(b!.text, b!.key, state('b', 2));
    // The third fills the generation: a, b and c become the older one.
    cache.put(c!.text, c!.key, state('c', 3));
    cache.put(d!.text, d!.key, state('d', 4));
    // a is used again, so it moves to the newer generation.
    cache.get(a!.text, a!.key);
    cache.put(a!.text, a!.key, state('a', 5));
    expect(puts()).toBe(0);
    // The newer fills again: b and c leave, written through; a, d and e become the older.
    cache.put(e!.text, e!.key, state('e', 6));
    expect(puts()).toBe(2);
    expect([storedCount(store, 'b'), storedCount(store, 'c'), storedCount(store, 'a')]).toEqual([2, 3, undefined]);
    cache.flush();
    expect(puts()).toBe(5);
    expect([storedCount(store, 'a'), storedCount(store, 'd'), storedCount(store, 'e')]).toEqual([5, 4, 6]);
    // b left the cache: it is read back from the store.
    expect(cache.get(b!.text, b!.key)?.accumulators).toEqual([2]);
  });

  it('forgets every group on discard, so the next read is the store as it was rolled back to', () => {
    const { store } = countingStore();
    const cache = new GroupCache(store);
    const a = group('a');
    cache.put(a.text, a.key, state('a', 1));
    cache.flush();
    cache.get(a.text, a.key);
    cache.put(a.text, a.key, state('a', 2));
    cache.discard();
    expect(cache.get(a.text, a.key)?.accumulators).toEqual([1]);
  });
});
