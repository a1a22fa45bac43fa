// Metered wrappers: count each store's reads and writes and the time they take, for the
// query's metrics (Kafka Streams' put/get/delete rates and latencies).
import { StoreWrapper } from './store-wrapper.js';
import type { KeyValueStore, Session, SessionEntry, SessionStore, StateStore, WindowedEntry, WindowStore } from './store.js';

export interface StoreMetrics {
  readonly puts: number;
  /** Point reads and range reads; a range counts once, its time is spent while it is iterated. */
  readonly gets: number;
  /** Deletes, plus each window or session removed by expiry. */
  readonly deletes: number;
  readonly entries: number;
  readonly putMs: number;
  readonly getMs: number;
  readonly deleteMs: number;
}

abstract class MeteredWrapper<Inner extends StateStore> extends StoreWrapper<Inner> {
  private puts = 0;
  private gets = 0;
  private deletes = 0;
  private putMs = 0;
  private getMs = 0;
  private deleteMs = 0;

  metrics(): StoreMetrics {
    const { puts, gets, deletes, putMs, getMs, deleteMs } = this;
    return { puts, gets, deletes, entries: this.approximateCount(), putMs, getMs, deleteMs };
  }

  protected countPut(startedMs: number): void {
    this.puts++;
    this.putMs += performance.now() - startedMs;
  }

  protected countGet(startedMs: number): void {
    this.gets++;
    this.getMs += performance.now() - startedMs;
  }

  protected countDeletes(count: number, startedMs: number): void {
    this.deletes += count;
    this.deleteMs += performance.now() - startedMs;
  }

  /** Counts a range read and times each step of it: the stores read lazily, page by page. */
  protected countRange<Row>(rows: Iterator<Row>): IterableIterator<Row> {
    this.gets++;
    return this.timeSteps(rows);
  }

  private *timeSteps<Row>(rows: Iterator<Row>): Generator<Row, void, undefined> {
    for (;;) {
      const started = performance.now();
      const next = rows.next();
      this.getMs += performance.now() - started;
      if (next.done) return;
      yield next.value;
    }
  }
}

export class MeteredKeyValueStore extends MeteredWrapper<KeyValueStore> implements KeyValueStore {
  readonly kind = 'keyValue';

  constructor(inner: KeyValueStore) {
    super(inner);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const started = performance.now();
    const value = this.inner.get(key);
    this.countGet(started);
    return value;
  }

  put(key: Uint8Array, value: Uint8Array): void {
    const started = performance.now();
    this.inner.put(key, value);
    this.countPut(started);
  }

  delete(key: Uint8Array): void {
    const started = performance.now();
    this.inner.delete(key);
    this.countDeletes(1, started);
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined): IterableIterator<[Uint8Array, Uint8Array]> {
    return this.countRange(this.inner.range(from, to));
  }
}

export class MeteredWindowStore extends MeteredWrapper<WindowStore> implements WindowStore {
  readonly kind = 'window';

  constructor(inner: WindowStore) {
    super(inner);
  }

  put(key: Uint8Array, windowStart: number, value: Uint8Array): void {
    const started = performance.now();
    this.inner.put(key, windowStart, value);
    this.countPut(started);
  }

  delete(key: Uint8Array, windowStart: number): void {
    const started = performance.now();
    this.inner.delete(key, windowStart);
    this.countDeletes(1, started);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    const started = performance.now();
    const value = this.inner.fetch(key, windowStart);
    this.countGet(started);
    return value;
  }

  fetchRange(key: Uint8Array, fromStart: number, toStart: number): IterableIterator<[number, Uint8Array]> {
    return this.countRange(this.inner.fetchRange(key, fromStart, toStart));
  }

  fetchAll(fromStart: number, toStart: number): IterableIterator<WindowedEntry> {
    return this.countRange(this.inner.fetchAll(fromStart, toStart));
  }

  expireBefore(windowStart: number): number {
    const started = performance.now();
    const expired = this.inner.expireBefore(windowStart);
    this.countDeletes(expired, started);
    return expired;
  }
}

export class MeteredSessionStore extends MeteredWrapper<SessionStore> implements SessionStore {
  readonly kind = 'session';

  constructor(inner: SessionStore) {
    super(inner);
  }

  put(key: Uint8Array, start: number, end: number, value: Uint8Array): void {
    const started = performance.now();
    this.inner.put(key, start, end, value);
    this.countPut(started);
  }

  remove(key: Uint8Array, start: number, end: number): void {
    const started = performance.now();
    this.inner.remove(key, start, end);
    this.countDeletes(1, started);
  }

  findSessions(key: Uint8Array, earliestEnd: number, latestStart: number): IterableIterator<Session> {
    return this.countRange(this.inner.findSessions(key, earliestEnd, latestStart));
  }

  fetchAll(): IterableIterator<SessionEntry> {
    return this.countRange(this.inner.fetchAll());
  }

  expireBefore(end: number): number {
    const started = performance.now();
    const expired = this.inner.expireBefore(end);
    this.countDeletes(expired, started);
    return expired;
  }
}
