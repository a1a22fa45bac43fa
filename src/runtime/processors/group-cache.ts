// The decoded states of a GROUP BY's recently used groups, in front of its key-value store: a
// busy group is decoded once and then read here, and written to the store (encoded) once per
// commit, not once per update. Like Kafka Streams' record cache, it is bounded by size: past its
// budget the least recently used group leaves, written through first if it changed since the
// last commit.
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
  /** The group's key bytes while its state has changed since the last commit; undefined once written. */
  dirtyKey: Uint8Array | undefined;
  bytes: number;
}

export class GroupCache {
  /** By the key's bytes as text, least recently used first. */
  private readonly groups = new Map<string, CachedGroup>();
  private bytes = 0;

  constructor(
    private readonly store: KeyValueStore,
    private readonly budgetBytes = GROUP_CACHE_BUDGET_BYTES,
  ) {}

  /** The group's state, from here or decoded from the store; undefined for a group never seen. */
  get(keyText: string, key: Uint8Array): GroupState | undefined {
    const cached = this.groups.get(keyText);
    if (cached !== undefined) {
      this.groups.delete(keyText);
      this.groups.set(keyText, cached);
      return cached.state;
    }
    const stored = this.store.get(key);
    if (stored === undefined) return undefined;
    const state = decodeGroupState(stored);
    this.add(keyText, { state, dirtyKey: undefined, bytes: stored.byteLength + ENTRY_OVERHEAD_BYTES });
    return state;
  }

  /** The group's new state, written to the store at the next `flush`. */
  put(keyText: string, key: Uint8Array, state: GroupState): void {
    const cached = this.groups.get(keyText);
    if (cached === undefined) {
      this.add(keyText, { state, dirtyKey: key, bytes: NEW_STATE_BYTES + ENTRY_OVERHEAD_BYTES });
      return;
    }
    // `get` just made it the most recently used.
    cached.state = state;
    cached.dirtyKey = key;
  }

  /** Writes the groups changed since the last commit to the store; they stay cached. */
  flush(): void {
    for (const group of this.groups.values()) {
      if (group.dirtyKey !== undefined) this.writeThrough(group);
    }
  }

  /** Forgets every group: the store rolled back to its last commit. */
  discard(): void {
    this.groups.clear();
    this.bytes = 0;
  }

  private add(keyText: string, group: CachedGroup): void {
    this.groups.set(keyText, group);
    this.bytes += group.bytes;
    while (this.bytes > this.budgetBytes && this.groups.size > 1) {
      const [oldestText, oldest] = this.groups.entries().next().value!;
      if (oldest.dirtyKey !== undefined) this.writeThrough(oldest);
      this.groups.delete(oldestText);
      this.bytes -= oldest.bytes;
    }
  }

  private writeThrough(group: CachedGroup): void {
    const encoded = encodeGroupState(group.state);
    this.store.put(group.dirtyKey!, encoded);
    group.dirtyKey = undefined;
    const bytes = encoded.byteLength + ENTRY_OVERHEAD_BYTES;
    this.bytes += bytes - group.bytes;
    group.bytes = bytes;
  }
}
