// The state stores' contracts: key-value, window and session stores over bytes (callers serialise).
//
// Every layer of a store stack (SQLite, changelogging, caching, metered) implements the same
// interface, so a layer can wrap any other. Stores keep the arrays they are given without
// copying them: a caller must not change a key or value after handing it over.

export type StoreKind = 'keyValue' | 'window' | 'session';

/** What the planner says about a store; names come from the query id. */
export interface StoreSpec {
  readonly name: string;
  readonly kind: StoreKind;
  readonly changelogTopic: string;
  readonly windowSizeMs?: number;
  readonly graceMs?: number;
  /** How long windows and sessions are kept; a restore drops the older ones (see `restoreStore`). */
  readonly retentionMs?: number;
}

/** The lifecycle every store shares. */
interface StoreLifecycle {
  readonly name: string;
  /** Writes buffered writes through; the task calls it before each Kafka commit. */
  flush(): void;
  /** Drops buffered writes; the task calls it when its Kafka transaction aborted (the database rolls back). */
  discard(): void;
  /** Rows in the database, ignoring writes not yet flushed: for metrics, O(rows). */
  approximateCount(): number;
}

export interface KeyValueStore extends StoreLifecycle {
  readonly kind: 'keyValue';
  get(key: Uint8Array): Uint8Array | undefined;
  put(key: Uint8Array, value: Uint8Array): void;
  delete(key: Uint8Array): void;
  /** Entries with `from <= key <= to` in byte order; an undefined bound is open. */
  range(from: Uint8Array | undefined, to: Uint8Array | undefined): IterableIterator<[Uint8Array, Uint8Array]>;
}

export interface WindowedEntry {
  readonly key: Uint8Array;
  readonly windowStart: number;
  readonly value: Uint8Array;
}

export interface WindowStore extends StoreLifecycle {
  readonly kind: 'window';
  put(key: Uint8Array, windowStart: number, value: Uint8Array): void;
  delete(key: Uint8Array, windowStart: number): void;
  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined;
  /**
   * The key's windows with `fromStart <= windowStart <= toStart`, by window start. Rows are keyed
   * (window start, key), so this reads every key's windows in the range: meant for pull queries,
   * while aggregations `fetch` the windows a record falls in.
   */
  fetchRange(key: Uint8Array, fromStart: number, toStart: number): IterableIterator<[number, Uint8Array]>;
  /** Every window with `fromStart <= windowStart <= toStart`, by window start then key bytes. */
  fetchAll(fromStart: number, toStart: number): IterableIterator<WindowedEntry>;
  /**
   * Deletes the windows starting before `windowStart` and returns how many the database held
   * (expired writes still in a cache are dropped uncounted). It writes no tombstones: a windowed
   * changelog expires through its topic's retention, as in Kafka Streams.
   */
  expireBefore(windowStart: number): number;
}

export interface Session {
  readonly start: number;
  readonly end: number;
  readonly value: Uint8Array;
}

export interface SessionEntry extends Session {
  readonly key: Uint8Array;
}

export interface SessionStore extends StoreLifecycle {
  readonly kind: 'session';
  put(key: Uint8Array, start: number, end: number, value: Uint8Array): void;
  remove(key: Uint8Array, start: number, end: number): void;
  /**
   * The key's sessions with `end >= earliestEnd` and `start <= latestStart`, by end then start:
   * for a record at `t` and gap `g`, (t - g, t + g) finds every session it merges with.
   */
  findSessions(key: Uint8Array, earliestEnd: number, latestStart: number): IterableIterator<Session>;
  /** Every session, by key bytes, then end, then start. */
  fetchAll(): IterableIterator<SessionEntry>;
  /** Deletes the sessions ending before `end`, like `WindowStore.expireBefore`. */
  expireBefore(end: number): number;
}

export type StateStore = KeyValueStore | WindowStore | SessionStore;
