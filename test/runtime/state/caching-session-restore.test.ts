// A session store restored from its changelog equals the store that wrote it, although its write
// cache forgets sessions put and removed within one commit interval instead of logging them.
import { describe, expect, it } from 'vitest';
import { MemoryLog } from '../../../src/runtime/log/memory-log.js';
import { openSqliteStore, openStore } from '../../../src/runtime/state/open-stores.js';
import { restoreStore } from '../../../src/runtime/state/restore.js';
import type { SessionStore, StoreSpec } from '../../../src/runtime/state/store.js';
import { bytes, hex, useTaskDatabases } from './state-fixtures.js';

const PARTITION = 0;
const GAP_MS = 100;
const spec: StoreSpec & { kind: 'session' } = { name: 'sessions', kind: 'session', changelogTopic: 'q1-sessions-changelog' };

const sessionContents = (store: SessionStore): string[] =>
  [...store.fetchAll()].map((session) => `${hex(session.key)}:${session.start}-${session.end}=${hex(session.value)}`);

/** A session aggregation's writes for one record: the sessions it merges are removed, the merged one put. Returns the removes. */
function aggregate(store: SessionStore, key: Uint8Array, time: number): number {
  const merged = [...store.findSessions(key, time - GAP_MS, time + GAP_MS)];
  for (const session of merged) store.remove(key, session.start, session.end);
  const start = Math.min(time, ...merged.map((session) => session.start));
  const end = Math.max(time, ...merged.map((session) => session.end));
  store.put(key, start, end, bytes(`${start}-${end}+${merged.length}`));
  return merged.length;
}

describe('restoring a cached session store', () => {
  const databases = useTaskDatabases();

  it.each([undefined, 1, 2, 3])('rebuilds exactly what a cache of %s entries wrote', async (cacheMaxEntries) => {
    const log = new MemoryLog();
    await log.createTopic(spec.changelogTopic, { partitions: 1 });
    const producer = await log.producer({ transactionalId: 'task' });
    const source = databases.open('source');
    let logged = 0;
    const store = openStore(source, spec, (key, value) => {
      logged++;
      producer.send([{ topic: spec.changelogTopic, partition: PARTITION, key, value }]);
    }, { cacheMaxEntries });
    const uncached = openSqliteStore(databases.open('uncached'), spec);
    await producer.beginTransaction();
    source.begin();
    // Each round, per key (gap 100): 0 and 150 open two sessions, 75 bridges them, 90 lands inside,
    // 300 and 460 open two more, 380 bridges those. Keys interleave, and a commit every 4 records
    // leaves some merged sessions cached and others below (or evicted there).
    const offsets = [0, 150, 75, 90, 300, 460, 380];
    let records = 0;
    let removes = 0;
    for (let round = 0; round < 6; round++) {
      for (const offset of offsets) {
        for (let keyNumber = 0; keyNumber < 3; keyNumber++) {
          const key = bytes(`k${keyNumber}`);
          const time = round * 1000 + offset + keyNumber;
          removes += aggregate(store, key, time);
          aggregate(uncached, key, time);
          if (++records % 4 === 0) {
            store.flush();
            await producer.commitTransaction([], undefined);
            source.commit();
            await producer.beginTransaction();
            source.begin();
          }
        }
      }
    }
    store.flush();
    await producer.commitTransaction([], undefined);
    source.commit();

    const target = databases.open('target');
    const restored = openSqliteStore(target, spec);
    await restoreStore({ log, db: target, spec, partition: PARTITION, store: restored });

    expect(sessionContents(openSqliteStore(source, spec))).toEqual(sessionContents(uncached));
    expect(sessionContents(restored)).toEqual(sessionContents(uncached));
    // Logging every put and remove would write records + removes; the cache kept some off the changelog.
    expect(logged).toBeLessThan(records + removes);
  });
});
