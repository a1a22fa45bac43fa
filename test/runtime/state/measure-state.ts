// Measures the state layer (not a test): puts/s through the full store stack in 10k-row commits,
// and restore time per 100k changelog records from a MemoryLog. Run: npx tsx test/runtime/state/measure-state.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLog } from '../../../src/runtime/log/memory-log.js';
import type { ChangelogWriter } from '../../../src/runtime/state/changelogging-store.js';
import { openSqliteStore, openStore } from '../../../src/runtime/state/open-stores.js';
import { restoreStore } from '../../../src/runtime/state/restore.js';
import type { StoreSpec } from '../../../src/runtime/state/store.js';
import { TaskDatabase } from '../../../src/runtime/state/task-database.js';

const PUTS = 500_000;
const ROWS_PER_COMMIT = 10_000;
const RESTORE_RECORDS = 500_000;
const VALUE = new Uint8Array(100).fill(7);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'squall-measure-'));
const spec: StoreSpec & { kind: 'keyValue' } = { name: 'counts', kind: 'keyValue', changelogTopic: 'counts-changelog' };
const keyOf = (index: number): Uint8Array => Buffer.from(`key-${String(index).padStart(10, '0')}`);

/** Puts `PUTS` records through metered(caching(changelogging(sqlite))), flushing and committing every 10k. */
function measurePuts(label: string, keyCount: number, changelog: ChangelogWriter): void {
  const db = TaskDatabase.open(path.join(dir, `${label}.sqlite`));
  const store = openStore(db, spec, changelog);
  const started = performance.now();
  db.begin();
  for (let index = 0; index < PUTS; index++) {
    store.put(keyOf(index % keyCount), VALUE);
    if ((index + 1) % ROWS_PER_COMMIT === 0) {
      store.flush();
      db.commit();
      db.begin();
    }
  }
  store.flush();
  db.commit();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${label}: ${Math.round(PUTS / seconds).toLocaleString('en')} puts/s (${PUTS.toLocaleString('en')} puts, ${keyCount.toLocaleString('en')} keys)`);
  db.destroy();
}

async function measureRestore(): Promise<void> {
  const log = new MemoryLog();
  await log.createTopic(spec.changelogTopic, { partitions: 1 });
  const producer = await log.producer();
  for (let batch = 0; batch < RESTORE_RECORDS; batch += ROWS_PER_COMMIT) {
    producer.send(Array.from({ length: ROWS_PER_COMMIT }, (_, offset) => ({ topic: spec.changelogTopic, partition: 0, key: keyOf(batch + offset), value: VALUE })));
  }
  const db = TaskDatabase.open(path.join(dir, 'restore.sqlite'));
  const started = performance.now();
  const result = await restoreStore({ log, db, spec, partition: 0, store: openSqliteStore(db, spec) });
  const milliseconds = performance.now() - started;
  console.log(
    `restore: ${Math.round((milliseconds * 100_000) / result.restored)} ms per 100k records `
      + `(${result.restored.toLocaleString('en')} records in ${Math.round(milliseconds)} ms)`,
  );
  db.destroy();
}

const log = new MemoryLog();
await log.createTopic(spec.changelogTopic, { partitions: 1 });
const producer = await log.producer();
const toMemoryLog: ChangelogWriter = (key, value) => producer.send([{ topic: spec.changelogTopic, partition: 0, key, value }]);
measurePuts('distinct keys, changelog to MemoryLog', PUTS, toMemoryLog);
measurePuts('distinct keys, changelog discarded', PUTS, () => {});
measurePuts('1,000 hot keys, changelog to MemoryLog', 1000, toMemoryLog);
await measureRestore();
fs.rmSync(dir, { recursive: true, force: true });
