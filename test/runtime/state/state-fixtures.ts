// Shared by the state tests: task databases in a temporary directory, bytes written as text, a changelog that records.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { ChangelogWriter } from '../../../src/runtime/state/changelogging-store.js';
import { TaskDatabase } from '../../../src/runtime/state/task-database.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export const bytes = (value: string): Uint8Array => encoder.encode(value);

export const text = (value: Uint8Array | null | undefined): string | null | undefined =>
  value === null || value === undefined ? value : decoder.decode(value);

export const hex = (value: Uint8Array): string => Buffer.from(value).toString('hex');

/** A changelog writer that keeps each record as [key in hex, value as text or null]. */
export function recordingChangelog(): { writer: ChangelogWriter; records: [string, string | null][] } {
  const records: [string, string | null][] = [];
  const writer: ChangelogWriter = (key, value) => records.push([hex(key), value === null ? null : decoder.decode(value)]);
  return { writer, records };
}

/** Opens databases in a fresh temporary directory; after each test, closes them and deletes the directory. */
export function useTaskDatabases(): { dir: () => string; open: (taskId?: string) => TaskDatabase } {
  let dir: string | undefined;
  const opened: TaskDatabase[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
    if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  const currentDir = (): string => (dir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'squall-state-')));
  return {
    dir: currentDir,
    open(taskId = 'task-0') {
      const db = TaskDatabase.open(path.join(currentDir(), `${taskId}.sqlite`));
      opened.push(db);
      return db;
    },
  };
}
