// The state layer's public API: a task's SQLite database, its stores and their wrappers, and
// restoring a store from its changelog.
export type {
  KeyValueStore,
  Session,
  SessionEntry,
  SessionStore,
  StateStore,
  StoreKind,
  StoreSpec,
  WindowedEntry,
  WindowStore,
} from './store.js';
export { TaskDatabase } from './task-database.js';
export { openSqliteStore, openStore, type MeteredStores, type OpenStoreOptions } from './open-stores.js';
export type { ChangelogWriter } from './changelogging-store.js';
export type { StoreMetrics } from './metered-store.js';
export {
  decodeSessionKey,
  decodeWindowKey,
  encodeSessionKey,
  encodeWindowKey,
  type SessionChangelogKey,
  type WindowChangelogKey,
} from './changelog-key.js';
export {
  ChangelogTruncatedError,
  formatRestoreProgress,
  restoreStore,
  type RestoreInput,
  type RestoreResult,
} from './restore.js';
