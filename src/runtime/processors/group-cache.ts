// The decoded states of a GROUP BY's recently used groups, in front of its key-value store: a
// busy group is decoded once and then read here, and written to the store (encoded) once per
// commit, not once per update. Like Kafka Streams' record cache, it is bounded by size. It keeps
// two generations: groups used lately, and those used before; a group read from the older one
// moves to the newer. When the newer fills half the budget the older leaves, its changed groups
// written through first, and the newer becomes the older. That costs O(1) per group, where a map
// kept in least-recently-used order pays for the deleted entries it skips to find the oldest.
import type { KeyValueStore } from '../state/index.js';
import { decodeGroupState, encodeGroupState, type GroupState } from './aggregator.js';

/**
 * What a group is reckoned to cost on the heap beyond its encoded state: the map entry, the key
 * text, the state object and its arrays.
 */
const ENTRY_OVERHEAD_BYTES = 200;
/** A new group's encoded size before its first write: a key and a few small accumulators. */
const NEW_STATE_BYTES = 64;
/**
 * Per task, so a server holds this times its tasks: ~7,500 groups of a COUNT by a short key each,
 * ~10 MB of heap for four tasks.
 */
export const GROUP_CACHE_BUDGET_BYTES = 2 * 1024 * 1024;

interface CachedGroup {
  state: GroupState;
  /** The group's key bytes while its state has changed since it was last written; undefined once written. */
  dirtyKey: Uint8Array | undefined;
  /** Its encoded size as last known, plus the overhead. */
  bytes: number;
}

export class GroupCache {
  /** By the key's bytes as text. */
  private newer = new Map<string, CachedGroup>();
  private older = new Map<string, CachedGroup>();
  private newerBytes = 0;
  /** The groups changed since the last flush (some may have been written through since). */
  private dirty: CachedGroup[] = [];

  constructor(
    private readonly store: KeyValueStore,
    private readonly budgetBytes = GROUP_CACHE_BUDGET_BYTES,
  ) {}

  /** The group's state, from here or decoded from the store; undefined for a group never seen. */
  get(keyText: string, key: Uint8Array): GroupState | undefined {
    const cached = this.cached(keyText);
    if (cached !== undefined) return cached.state;
    const stored = this.store.get(key);
    if (stored === undefined) return undefined;
    const state = decodeGroupState(stored);
    this.add(keyText, { state, dirtyKey: undefined, bytes: stored.byteLength + ENTRY_OVERHEAD_BYTES });
    return state;
  }

  /** The group's new state, written to the store at the next `flush` (or when it leaves the cache). */
  put(keyText: string, key: Uint8Array, state: GroupState): void {
    const cached = this.cached(keyText);
    if (cached === undefined) {
      const group = { state, dirtyKey: key, bytes: NEW_STATE_BYTES + ENTRY_OVERHEAD_BYTES };
      this.dirty.push(group);
      this.add(keyText, group);
      return;
    }
    cached.state = state;
    if (cached.dirtyKey === undefined) this.dirty.push(cached);
    cached.dirtyKey = key;
  }

  /** Writes the groups changed since the last flush to the store; they stay cached. */
  flush(): void {
    for (const group of this.dirty) if (group.dirtyKey !== undefined) this.writeThrough(group);
    this.dirty = [];
  }

  /** Forgets every group: the store rolled back to its last commit. */
  discard(): void {
    this.newer.clear();
    this.older.clear();
    this.newerBytes = 0;
    this.dirty = [];
  }

  /** The cached group, moved to the newer generation if it was in the older. */
  private cached(keyText: string): CachedGroup | undefined {
    const newer = this.newer.get(keyText);
    if (newer !== undefined) return newer;
    const older = this.older.get(keyText);
    if (older !== undefined) {
      this.older.delete(keyText);
      this.add(keyText, older);
    }
    return older;
  }

  private add(keyText: string, group: CachedGroup): void {
    this.newer.set(keyText, group);
    this.newerBytes += group.bytes;
    if (this.newerBytes <= this.budgetBytes / 2) return;
    for (const leaving of this.older.values()) if (leaving.dirtyKey !== undefined) this.writeThrough(leaving);
    // Without them, so that a long commit interval does not keep the groups that left.
    this.dirty = this.dirty.filter((group) => group.dirtyKey !== undefined);
    this.older = this.newer;
    this.newer = new Map();
    this.newerBytes = 0;
  }

  private writeThrough(group: CachedGroup): void {
    const encoded = encodeGroupState(group.state);
    this.store.put(group.dirtyKey!, encoded);
    group.dirtyKey = undefined;
    group.bytes = encoded.byteLength + ENTRY_OVERHEAD_BYTES;
  }
}
