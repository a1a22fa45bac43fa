// Builds a task's store as metered(caching(changelogging(sqlite))), Kafka Streams' store stack.
import { CachingKeyValueStore, CachingSessionStore, CachingWindowStore } from './caching-store.js';
import {
  ChangeloggingKeyValueStore,
  ChangeloggingSessionStore,
  ChangeloggingWindowStore,
  type ChangelogWriter,
} from './changelogging-store.js';
import { MeteredKeyValueStore, MeteredSessionStore, MeteredWindowStore } from './metered-store.js';
import { SqliteKeyValueStore } from './sqlite-key-value-store.js';
import { SqliteSessionStore } from './sqlite-session-store.js';
import { SqliteWindowStore } from './sqlite-window-store.js';
import type { StoreKind, StoreSpec } from './store.js';
import type { TaskDatabase } from './task-database.js';

export interface OpenStoreOptions {
  /** Unflushed writes the cache holds before writing the oldest through. Default `DEFAULT_CACHE_MAX_ENTRIES`. */
  readonly cacheMaxEntries?: number;
}

/**
 * Bounds what a store holds in memory over one commit interval (2 s by default, so ~70k writes
 * at full speed): past it the oldest write goes through to SQLite and the changelog early, still
 * inside the commit. A few MB of writes per store, like Kafka Streams' bounded record cache.
 */
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

export interface MeteredStores {
  keyValue: MeteredKeyValueStore;
  window: MeteredWindowStore;
  session: MeteredSessionStore;
}

type StoreBuilder<Kind extends StoreKind> = (
  db: TaskDatabase,
  name: string,
  changelog: ChangelogWriter,
  cacheMaxEntries: number,
) => MeteredStores[Kind];

const builders: { [Kind in StoreKind]: StoreBuilder<Kind> } = {
  keyValue: (db, name, changelog, cacheMaxEntries) =>
    new MeteredKeyValueStore(
      new CachingKeyValueStore(new ChangeloggingKeyValueStore(new SqliteKeyValueStore(db, name), changelog), cacheMaxEntries),
    ),
  window: (db, name, changelog, cacheMaxEntries) =>
    new MeteredWindowStore(
      new CachingWindowStore(new ChangeloggingWindowStore(new SqliteWindowStore(db, name), changelog), cacheMaxEntries),
    ),
  session: (db, name, changelog, cacheMaxEntries) =>
    new MeteredSessionStore(
      new CachingSessionStore(new ChangeloggingSessionStore(new SqliteSessionStore(db, name), changelog), cacheMaxEntries),
    ),
};

interface SqliteStores {
  keyValue: SqliteKeyValueStore;
  window: SqliteWindowStore;
  session: SqliteSessionStore;
}

const sqliteStores: { [Kind in StoreKind]: new (db: TaskDatabase, name: string) => SqliteStores[Kind] } = {
  keyValue: SqliteKeyValueStore,
  window: SqliteWindowStore,
  session: SqliteSessionStore,
};

/** The bare SQLite store, without cache or changelog: what `restoreStore` writes to. */
export function openSqliteStore<Kind extends StoreKind>(db: TaskDatabase, spec: StoreSpec & { readonly kind: Kind }): SqliteStores[Kind] {
  const SqliteStore: new (db: TaskDatabase, name: string) => SqliteStores[Kind] = sqliteStores[spec.kind];
  return new SqliteStore(db, spec.name);
}

/** Opens the store `spec` names in the task's database; `changelog` sends to `spec.changelogTopic`. */
export function openStore<Kind extends StoreKind>(
  db: TaskDatabase,
  spec: StoreSpec & { readonly kind: Kind },
  changelog: ChangelogWriter,
  options: OpenStoreOptions = {},
): MeteredStores[Kind] {
  const build: StoreBuilder<Kind> = builders[spec.kind];
  return build(db, spec.name, changelog, options.cacheMaxEntries ?? DEFAULT_CACHE_MAX_ENTRIES);
}
