// The session store on SQLite, keyed (key, end, start) like Kafka Streams' session key schema, so
// that finding a key's sessions is one index range; an index on the end makes expiry a range too.
import type { Session, SessionEntry, SessionStore } from './store.js';
import { MIN_TIME, NO_BYTES, PAGE_SIZE, readPages, SqliteTable } from './sqlite-table.js';
import type { Statement, TaskDatabase } from './task-database.js';

export class SqliteSessionStore extends SqliteTable implements SessionStore {
  readonly kind = 'session';
  private readonly upsert: Statement;
  private readonly deleteSession: Statement;
  private readonly selectKeySessions: Statement;
  private readonly selectSessions: Statement;
  private readonly deleteBefore: Statement;

  constructor(db: TaskDatabase, name: string) {
    super(
      db,
      name,
      'session',
      'key BLOB NOT NULL, session_end INTEGER NOT NULL, session_start INTEGER NOT NULL, value BLOB NOT NULL, '
        + 'PRIMARY KEY (key, session_end, session_start)',
      ['session_end'],
    );
    const columns = 'session_start AS "start", session_end AS "end", value';
    this.upsert = db.prepare(`INSERT OR REPLACE INTO ${this.table} (key, session_end, session_start, value) VALUES (?, ?, ?, ?)`);
    this.deleteSession = db.prepare(`DELETE FROM ${this.table} WHERE key = ? AND session_end = ? AND session_start = ?`);
    this.selectKeySessions = db.prepare(
      `SELECT ${columns} FROM ${this.table} WHERE key = ? AND (session_end, session_start) >= (?, ?) AND session_start <= ? `
        + `ORDER BY session_end, session_start LIMIT ${PAGE_SIZE}`,
    );
    this.selectSessions = db.prepare(
      `SELECT key, ${columns} FROM ${this.table} WHERE (key, session_end, session_start) >= (?, ?, ?) `
        + `ORDER BY key, session_end, session_start LIMIT ${PAGE_SIZE}`,
    );
    this.deleteBefore = db.prepare(`DELETE FROM ${this.table} WHERE session_end < ?`);
  }

  put(key: Uint8Array, start: number, end: number, value: Uint8Array): void {
    this.upsert.run(key, end, start, value);
  }

  remove(key: Uint8Array, start: number, end: number): void {
    this.deleteSession.run(key, end, start);
  }

  findSessions(key: Uint8Array, earliestEnd: number, latestStart: number): IterableIterator<Session> {
    return readPages<Session>((last) => {
      const rows = last === undefined
        ? this.selectKeySessions.all(key, earliestEnd, MIN_TIME, latestStart)
        : this.selectKeySessions.all(key, last.end, last.start + 1, latestStart);
      return rows as Session[];
    });
  }

  fetchAll(): IterableIterator<SessionEntry> {
    return readPages<SessionEntry>((last) => {
      const rows = last === undefined
        ? this.selectSessions.all(NO_BYTES, MIN_TIME, MIN_TIME)
        : this.selectSessions.all(last.key, last.end, last.start + 1);
      return rows as SessionEntry[];
    });
  }

  expireBefore(end: number): number {
    return this.deleteBefore.run(end).changes;
  }
}
