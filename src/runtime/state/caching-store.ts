// Write caches in front of the changelogging stores: writes coalesce in memory until `flush()`,
// so a key updated many times in a commit interval costs one SQLite write and one changelog record.
import { Buffer } from 'node:buffer';
import { bytesText } from '../serde/byte-view.js';
import { StoreWrapper } from './store-wrapper.js';
import type { KeyValueStore, Session, SessionEntry, SessionStore, StateStore, WindowedEntry, WindowStore } from './store.js';

const NO_BYTES = new Uint8Array(0);

/** An unflushed write; a null value is a delete (a remove, for a session). */
interface CachedWrite {
  readonly key: Uint8Array;
  /** The key's bytes as a string (see `bytesText`): what the cache's index finds writes by. */
  readonly recordKey: string;
  readonly value: Uint8Array | null;
}

/**
 * Finds a store's cached writes by what they write: a key, a key's window, a key's session. One per
 * store kind; the cache keeps the order of the writes it holds.
 */
interface WriteIndex<Write extends CachedWrite> {
  /** Holds `write` at its position; returns the write it replaces there, if any. */
  replace(write: Write): Write | undefined;
  delete(write: Write): void;
  clear(): void;
}

/**
 * The unflushed writes of one store, one per position (the last write wins), in the order of each
 * position's last write, like Kafka Streams' dirty keys. Past `maxEntries` the oldest write is
 * written through early. The order is a set of the write objects, so no position is ever spelled
 * out as a string.
 */
class WriteCache<Write extends CachedWrite> {
  private readonly ordered = new Set<Write>();

  constructor(
    private readonly index: WriteIndex<Write>,
    private readonly writeThrough: (write: Write) => void,
    private readonly maxEntries: number,
  ) {}

  values(): IterableIterator<Write> {
    return this.ordered.values();
  }

  put(write: Write): void {
    const replaced = this.index.replace(write);
    if (replaced !== undefined) this.ordered.delete(replaced);
    this.ordered.add(write);
    if (this.ordered.size > this.maxEntries) this.evictOldest();
  }

  /** Forgets a write without writing it through (the stores below never need it). */
  forget(write: Write): void {
    this.ordered.delete(write);
    this.index.delete(write);
  }

  flush(): void {
    for (const write of this.ordered) this.writeThrough(write);
    this.discard();
  }

  discard(): void {
    this.ordered.clear();
    this.index.clear();
  }

  /** Forgets the writes `test` accepts without writing them through (they expired). */
  dropWhere(test: (write: Write) => boolean): void {
    for (const write of this.ordered) if (test(write)) this.forget(write);
  }

  private evictOldest(): void {
    const oldest = this.ordered.values().next().value!;
    this.forget(oldest);
    this.writeThrough(oldest);
  }
}

/** A key-value store's writes, by key. */
class KeyIndex<Write extends CachedWrite> implements WriteIndex<Write> {
  private readonly byRecordKey = new Map<string, Write>();

  get(recordKey: string): Write | undefined {
    return this.byRecordKey.get(recordKey);
  }

  replace(write: Write): Write | undefined {
    const replaced = this.byRecordKey.get(write.recordKey);
    this.byRecordKey.set(write.recordKey, write);
    return replaced;
  }

  delete(write: Write): void {
    this.byRecordKey.delete(write.recordKey);
  }

  clear(): void {
    this.byRecordKey.clear();
  }
}

/** A window store's writes, by key, then window start: a join's busy key has many windows in flight. */
class WindowIndex implements WriteIndex<WindowWrite> {
  private readonly byRecordKey = new Map<string, Map<number, WindowWrite>>();

  get(recordKey: string, windowStart: number): WindowWrite | undefined {
    return this.byRecordKey.get(recordKey)?.get(windowStart);
  }

  writesOf(recordKey: string): Iterable<WindowWrite> {
    return this.byRecordKey.get(recordKey)?.values() ?? [];
  }

  replace(write: WindowWrite): WindowWrite | undefined {
    let writes = this.byRecordKey.get(write.recordKey);
    if (writes === undefined) {
      writes = new Map();
      this.byRecordKey.set(write.recordKey, writes);
    }
    const replaced = writes.get(write.windowStart);
    writes.set(write.windowStart, write);
    return replaced;
  }

  delete(write: WindowWrite): void {
    const writes = this.byRecordKey.get(write.recordKey)!;
    writes.delete(write.windowStart);
    if (writes.size === 0) this.byRecordKey.delete(write.recordKey);
  }

  clear(): void {
    this.byRecordKey.clear();
  }
}

/**
 * A session store's writes, by key: a key has few sessions in flight (an aggregation merges them),
 * so a session is found by scanning its key's writes for its bounds.
 */
class SessionIndex implements WriteIndex<SessionWrite> {
  private readonly byRecordKey = new Map<string, SessionWrite[]>();

  get(recordKey: string, start: number, end: number): SessionWrite | undefined {
    return this.byRecordKey.get(recordKey)?.find((write) => write.start === start && write.end === end);
  }

  writesOf(recordKey: string): readonly SessionWrite[] {
    return this.byRecordKey.get(recordKey) ?? [];
  }

  replace(write: SessionWrite): SessionWrite | undefined {
    const writes = this.byRecordKey.get(write.recordKey);
    if (writes === undefined) {
      this.byRecordKey.set(write.recordKey, [write]);
      return undefined;
    }
    const index = writes.findIndex((cached) => cached.start === write.start && cached.end === write.end);
    if (index === -1) {
      writes.push(write);
      return undefined;
    }
    const replaced = writes[index];
    writes[index] = write;
    return replaced;
  }

  delete(write: SessionWrite): void {
    const writes = this.byRecordKey.get(write.recordKey)!;
    writes.splice(writes.indexOf(write), 1);
    if (writes.length === 0) this.byRecordKey.delete(write.recordKey);
  }

  clear(): void {
    this.byRecordKey.clear();
  }
}

/**
 * Converts keys to their `bytesText`, remembering the last: a processor hands the same key array
 * to the reads and writes of one record (stores keep the arrays they are given unchanged, see
 * store.ts), so the same array has the same string.
 */
class RecordKeys {
  private lastKey: Uint8Array | undefined;
  private lastRecordKey = '';

  of(key: Uint8Array): string {
    if (key !== this.lastKey) {
      this.lastKey = key;
      this.lastRecordKey = bytesText(key);
    }
    return this.lastRecordKey;
  }
}

/**
 * Lays the cached writes that `include` accepts over `stored` rows sorted by `compare`: at an
 * equal position the cached write wins, and a cached delete hides the stored row. The writes are
 * read now, so later writes do not show in a range already begun.
 */
function overlay<Write extends { readonly value: Uint8Array | null }, Row>(
  writes: Iterable<Write>,
  include: (write: Write) => boolean,
  toRow: (write: Write, value: Uint8Array) => Row,
  stored: Iterable<Row>,
  compare: (left: Row, right: Row) => number,
): IterableIterator<Row> {
  const cached: { row: Row; deleted: boolean }[] = [];
  for (const write of writes) {
    if (include(write)) cached.push({ row: toRow(write, write.value ?? NO_BYTES), deleted: write.value === null });
  }
  cached.sort((left, right) => compare(left.row, right.row));
  return mergeSorted(cached, stored[Symbol.iterator](), compare);
}

function* mergeSorted<Row>(
  cached: readonly { row: Row; deleted: boolean }[],
  stored: Iterator<Row>,
  compare: (left: Row, right: Row) => number,
): Generator<Row, void, undefined> {
  let next = stored.next();
  for (const { row, deleted } of cached) {
    while (!next.done && compare(next.value, row) < 0) {
      yield next.value;
      next = stored.next();
    }
    if (!next.done && compare(next.value, row) === 0) next = stored.next();
    if (!deleted) yield row;
  }
  while (!next.done) {
    yield next.value;
    next = stored.next();
  }
}

/** Flushing or discarding a store flushes or discards its cache, then the stores below. */
abstract class CachingWrapper<Inner extends StateStore> extends StoreWrapper<Inner> {
  protected abstract readonly cache: { flush(): void; discard(): void };

  override flush(): void {
    this.cache.flush();
    super.flush();
  }

  override discard(): void {
    this.cache.discard();
    super.discard();
  }
}

export class CachingKeyValueStore extends CachingWrapper<KeyValueStore> implements KeyValueStore {
  readonly kind = 'keyValue';
  private readonly index = new KeyIndex<CachedWrite>();
  protected readonly cache: WriteCache<CachedWrite>;

  constructor(inner: KeyValueStore, maxEntries = Infinity) {
    super(inner);
    this.cache = new WriteCache(this.index, (write) => {
      if (write.value === null) inner.delete(write.key);
      else inner.put(write.key, write.value);
    }, maxEntries);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const cached = this.index.get(bytesText(key));
    return cached === undefined ? this.inner.get(key) : (cached.value ?? undefined);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.cache.put({ key, recordKey: bytesText(key), value });
  }

  delete(key: Uint8Array): void {
    this.cache.put({ key, recordKey: bytesText(key), value: null });
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined): IterableIterator<[Uint8Array, Uint8Array]> {
    return overlay(
      this.cache.values(),
      (write) => (from === undefined || Buffer.compare(write.key, from) >= 0) && (to === undefined || Buffer.compare(write.key, to) <= 0),
      (write, value): [Uint8Array, Uint8Array] => [write.key, value],
      this.inner.range(from, to),
      (left, right) => Buffer.compare(left[0], right[0]),
    );
  }
}

interface WindowWrite extends CachedWrite {
  readonly windowStart: number;
}

/** Window start, then key bytes: the order of `fetchAll`. */
function compareWindows(left: WindowedEntry, right: WindowedEntry): number {
  return left.windowStart - right.windowStart || Buffer.compare(left.key, right.key);
}

export class CachingWindowStore extends CachingWrapper<WindowStore> implements WindowStore {
  readonly kind = 'window';
  private readonly index = new WindowIndex();
  protected readonly cache: WriteCache<WindowWrite>;
  private readonly recordKeys = new RecordKeys();
  /**
   * No cached write starts before this (a lower bound). A stream-stream join expires on every
   * record, far below its recent writes: below this bound there is nothing to scan the cache for.
   */
  private earliestCachedStart = Infinity;

  constructor(inner: WindowStore, maxEntries = Infinity) {
    super(inner);
    this.cache = new WriteCache(this.index, (write) => {
      if (write.value === null) inner.delete(write.key, write.windowStart);
      else inner.put(write.key, write.windowStart, write.value);
    }, maxEntries);
  }

  put(key: Uint8Array, windowStart: number, value: Uint8Array): void {
    this.cacheWrite({ key, recordKey: this.recordKeys.of(key), windowStart, value });
  }

  delete(key: Uint8Array, windowStart: number): void {
    this.cacheWrite({ key, recordKey: this.recordKeys.of(key), windowStart, value: null });
  }

  override flush(): void {
    super.flush();
    this.earliestCachedStart = Infinity;
  }

  override discard(): void {
    super.discard();
    this.earliestCachedStart = Infinity;
  }

  private cacheWrite(write: WindowWrite): void {
    this.earliestCachedStart = Math.min(this.earliestCachedStart, write.windowStart);
    this.cache.put(write);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    const cached = this.index.get(this.recordKeys.of(key), windowStart);
    return cached === undefined ? this.inner.fetch(key, windowStart) : (cached.value ?? undefined);
  }

  fetchRange(key: Uint8Array, fromStart: number, toStart: number): IterableIterator<[number, Uint8Array]> {
    return overlay(
      this.index.writesOf(this.recordKeys.of(key)),
      (write) => write.windowStart >= fromStart && write.windowStart <= toStart,
      (write, value): [number, Uint8Array] => [write.windowStart, value],
      this.inner.fetchRange(key, fromStart, toStart),
      (left, right) => left[0] - right[0],
    );
  }

  fetchAll(fromStart: number, toStart: number): IterableIterator<WindowedEntry> {
    return overlay(
      this.cache.values(),
      (write) => write.windowStart >= fromStart && write.windowStart <= toStart,
      (write, value): WindowedEntry => ({ key: write.key, windowStart: write.windowStart, value }),
      this.inner.fetchAll(fromStart, toStart),
      compareWindows,
    );
  }

  expireBefore(windowStart: number): number {
    if (windowStart > this.earliestCachedStart) {
      this.cache.dropWhere((write) => write.windowStart < windowStart);
      this.earliestCachedStart = Infinity;
      for (const write of this.cache.values()) this.earliestCachedStart = Math.min(this.earliestCachedStart, write.windowStart);
    }
    return this.inner.expireBefore(windowStart);
  }
}

interface SessionWrite extends CachedWrite {
  readonly start: number;
  readonly end: number;
  /**
   * The stores below hold no session at this position, so removing it needs no delete below and no
   * tombstone: the write is forgotten instead. A later write at the position inherits it; once this
   * write went through, the next one finds neither it nor a current read and assumes a session below.
   */
  readonly absentBelow: boolean;
}

/** One key's sessions as a complete `findSessions` read them from the stores below. */
interface SessionsBelow {
  readonly recordKey: string;
  readonly earliestEnd: number;
  readonly latestStart: number;
  readonly sessions: readonly Session[];
}

/** End, then start: the order of `findSessions`. */
function compareSessions(left: Session, right: Session): number {
  return left.end - right.end || left.start - right.start;
}

/**
 * A session aggregation finds a key's sessions, removes the ones it merges and puts the merged one:
 * a session extended twice in one commit interval is put and then removed before any flush. The
 * cache learns from the find which positions the stores below lack, so such a session costs no
 * SQLite delete and no changelog tombstone at the flush.
 */
export class CachingSessionStore extends CachingWrapper<SessionStore> implements SessionStore {
  readonly kind = 'session';
  private readonly index = new SessionIndex();
  protected readonly cache: WriteCache<SessionWrite>;
  private readonly recordKeys = new RecordKeys();
  /** The last complete read below, until a write below (an eviction, a flush) or a discard. */
  private sessionsBelow: SessionsBelow | undefined;
  /** Counts changes below, so that a read during which one happened is not remembered. */
  private writesBelow = 0;

  constructor(inner: SessionStore, maxEntries = Infinity) {
    super(inner);
    this.cache = new WriteCache(this.index, (write) => {
      this.forgetSessionsBelow();
      if (write.value === null) inner.remove(write.key, write.start, write.end);
      else inner.put(write.key, write.start, write.end, write.value);
    }, maxEntries);
  }

  put(key: Uint8Array, start: number, end: number, value: Uint8Array): void {
    this.cache.put(this.sessionWrite(key, start, end, value).write);
  }

  remove(key: Uint8Array, start: number, end: number): void {
    const { write, cached } = this.sessionWrite(key, start, end, null);
    if (!write.absentBelow) this.cache.put(write);
    else if (cached !== undefined) this.cache.forget(cached);
  }

  /** The write of a put or remove, knowing whether the stores below lack its position; and the cached write it replaces. */
  private sessionWrite(key: Uint8Array, start: number, end: number, value: Uint8Array | null): { write: SessionWrite; cached: SessionWrite | undefined } {
    const recordKey = this.recordKeys.of(key);
    const cached = this.index.get(recordKey, start, end);
    const absentBelow = cached === undefined ? this.readBelowLacks(recordKey, start, end) : cached.absentBelow;
    return { write: { key, recordKey, start, end, value, absentBelow }, cached };
  }

  /** The database rolls back after a discard, so what was read below may hold again. */
  override discard(): void {
    super.discard();
    this.forgetSessionsBelow();
  }

  findSessions(key: Uint8Array, earliestEnd: number, latestStart: number): IterableIterator<Session> {
    const recordKey = this.recordKeys.of(key);
    return overlay(
      this.index.writesOf(recordKey),
      (write) => write.end >= earliestEnd && write.start <= latestStart,
      (write, value): Session => ({ start: write.start, end: write.end, value }),
      this.readBelow(key, recordKey, earliestEnd, latestStart),
      compareSessions,
    );
  }

  fetchAll(): IterableIterator<SessionEntry> {
    return overlay(
      this.cache.values(),
      () => true,
      (write, value): SessionEntry => ({ key: write.key, start: write.start, end: write.end, value }),
      this.inner.fetchAll(),
      (left, right) => Buffer.compare(left.key, right.key) || compareSessions(left, right),
    );
  }

  /** Expiry only deletes below: a position absent there stays absent. */
  expireBefore(end: number): number {
    this.cache.dropWhere((write) => write.end < end);
    return this.inner.expireBefore(end);
  }

  /** The key's sessions below, remembered once read to the end if nothing was written below meanwhile. */
  private *readBelow(key: Uint8Array, recordKey: string, earliestEnd: number, latestStart: number): Generator<Session, void, undefined> {
    const writesBelow = this.writesBelow;
    const sessions: Session[] = [];
    for (const session of this.inner.findSessions(key, earliestEnd, latestStart)) {
      sessions.push(session);
      yield session;
    }
    if (this.writesBelow === writesBelow) this.sessionsBelow = { recordKey, earliestEnd, latestStart, sessions };
  }

  /** Makes the last read below stale, and any read still running: the stores below changed. */
  private forgetSessionsBelow(): void {
    this.writesBelow++;
    this.sessionsBelow = undefined;
  }

  /** Whether the last read below covered this position and found no session there. */
  private readBelowLacks(recordKey: string, start: number, end: number): boolean {
    const below = this.sessionsBelow;
    if (below === undefined || below.recordKey !== recordKey || end < below.earliestEnd || start > below.latestStart) return false;
    return !below.sessions.some((session) => session.start === start && session.end === end);
  }
}
