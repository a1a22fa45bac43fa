// Changelogging wrappers: each write goes to the inner store and, as a record, to the store's
// changelog topic, from which a lost or moved task rebuilds the store (see restore.ts).
import { encodeSessionKey, encodeWindowKey } from './changelog-key.js';
import { StoreWrapper } from './store-wrapper.js';
import type { KeyValueStore, Session, SessionEntry, SessionStore, WindowedEntry, WindowStore } from './store.js';

/** Hands a changelog record to the task's producer; a null value is a tombstone (a delete). */
export type ChangelogWriter = (key: Uint8Array, value: Uint8Array | null) => void;

export class ChangeloggingKeyValueStore extends StoreWrapper<KeyValueStore> implements KeyValueStore {
  readonly kind = 'keyValue';

  constructor(
    inner: KeyValueStore,
    private readonly changelog: ChangelogWriter,
  ) {
    super(inner);
  }

  get(key: Uint8Array): Uint8Array | undefined {
    return this.inner.get(key);
  }

  put(key: Uint8Array, value: Uint8Array): void {
    this.inner.put(key, value);
    this.changelog(key, value);
  }

  delete(key: Uint8Array): void {
    this.inner.delete(key);
    this.changelog(key, null);
  }

  range(from: Uint8Array | undefined, to: Uint8Array | undefined): IterableIterator<[Uint8Array, Uint8Array]> {
    return this.inner.range(from, to);
  }
}

export class ChangeloggingWindowStore extends StoreWrapper<WindowStore> implements WindowStore {
  readonly kind = 'window';

  constructor(
    inner: WindowStore,
    private readonly changelog: ChangelogWriter,
  ) {
    super(inner);
  }

  put(key: Uint8Array, windowStart: number, value: Uint8Array): void {
    this.inner.put(key, windowStart, value);
    this.changelog(encodeWindowKey(key, windowStart), value);
  }

  delete(key: Uint8Array, windowStart: number): void {
    this.inner.delete(key, windowStart);
    this.changelog(encodeWindowKey(key, windowStart), null);
  }

  fetch(key: Uint8Array, windowStart: number): Uint8Array | undefined {
    return this.inner.fetch(key, windowStart);
  }

  fetchRange(key: Uint8Array, fromStart: number, toStart: number): IterableIterator<[number, Uint8Array]> {
    return this.inner.fetchRange(key, fromStart, toStart);
  }

  fetchAll(fromStart: number, toStart: number): IterableIterator<WindowedEntry> {
    return this.inner.fetchAll(fromStart, toStart);
  }

  /** Logs nothing: the changelog topic's retention expires old windows (cleanup.policy compact,delete). */
  expireBefore(windowStart: number): number {
    return this.inner.expireBefore(windowStart);
  }
}

export class ChangeloggingSessionStore extends StoreWrapper<SessionStore> implements SessionStore {
  readonly kind = 'session';

  constructor(
    inner: SessionStore,
    private readonly changelog: ChangelogWriter,
  ) {
    super(inner);
  }

  put(key: Uint8Array, start: number, end: number, value: Uint8Array): void {
    this.inner.put(key, start, end, value);
    this.changelog(encodeSessionKey(key, start, end), value);
  }

  remove(key: Uint8Array, start: number, end: number): void {
    this.inner.remove(key, start, end);
    this.changelog(encodeSessionKey(key, start, end), null);
  }

  findSessions(key: Uint8Array, earliestEnd: number, latestStart: number): IterableIterator<Session> {
    return this.inner.findSessions(key, earliestEnd, latestStart);
  }

  fetchAll(): IterableIterator<SessionEntry> {
    return this.inner.fetchAll();
  }

  /** Logs nothing, like `ChangeloggingWindowStore.expireBefore`. */
  expireBefore(end: number): number {
    return this.inner.expireBefore(end);
  }
}
