// The aggregate processors over real SQLite stores: per-group state, undo for tables, windows
// (tumbling, hopping, late records) and sessions (merges emit tombstones for the merged ones).
import { describe, expect, it } from 'vitest';
import type { AggregateStep, WindowSpec } from '../../../src/planner/index.js';
import { SqlTypes } from '../../../src/planner/types.js';
import { aggregateProcessor } from '../../../src/runtime/processors/aggregate.js';
import { decodeGroupState } from '../../../src/runtime/processors/aggregator.js';
import { LateRecords } from '../../../src/runtime/processors/late-records.js';
import { sessionAggregateProcessor } from '../../../src/runtime/processors/session-aggregate.js';
import { MAX_UPDATED_WINDOWS, windowAggregateProcessor } from '../../../src/runtime/processors/window-aggregate.js';
import { createWindowAssigner, windowStartsFor } from '../../../src/runtime/processors/window-assigner.js';
import { encodeGroupKey } from '../../../src/runtime/serde/index.js';
import { openStore, TaskDatabase, type StateStore, type StoreKind, type WindowStore } from '../../../src/runtime/state/index.js';
import { harness, type Harness } from './processor-harness.js';

/** SUM over the prepared row's second column, with undo and merge: enough to see every path. */
function sumStep(window?: WindowSpec): AggregateStep {
  return {
    kind: 'Aggregate',
    prepare: [],
    keyColumns: [{ name: 'K', type: SqlTypes.STRING, namespace: 'KEY' }],
    functions: [
      {
        name: 'SUM',
        argumentIndexes: [1],
        create: () => ({
          initialize: () => 0,
          aggregate: (sum: unknown, value: unknown) => (sum as number) + (value as number),
          undo: (sum: unknown, value: unknown) => (sum as number) - (value as number),
          merge: (left: unknown, right: unknown) => (left as number) + (right as number),
          result: (sum: unknown) => sum,
        }),
      },
    ],
    window,
    emitFinal: false,
    coalesce: false,
    repartition: false,
    inputIsTable: false,
    description: 'K',
  };
}

function storeOf(kind: StoreKind, withFinal = false): Map<string, StateStore> {
  const db = TaskDatabase.open(':memory:');
  const stores = new Map<string, StateStore>([['agg', openStore(db, { name: 'agg', kind, changelogTopic: 'agg-changelog' }, () => undefined)]]);
  if (withFinal) stores.set('final', openStore(db, { name: 'final', kind: 'keyValue', changelogTopic: 'final-changelog' }, () => undefined));
  db.begin();
  return stores;
}

const rows = (changes: { row: unknown[]; isDelete: boolean; timestampMs: number }[]) =>
  changes.map((change) => [...change.row.map((value) => (typeof value === 'bigint' ? Number(value) : value)), change.isDelete ? 'DELETE' : change.timestampMs]);

/** What a task does once its Kafka commit succeeded: the processors' buffers, the store's cache, then SQLite. */
function commitTask(run: Harness, store: StateStore, db: TaskDatabase): void {
  run.commit();
  store.flush();
  db.commit();
  db.begin();
}

/** What a task does when its Kafka transaction aborted: everything since the last commit is dropped. */
function abortTask(run: Harness, store: StateStore, db: TaskDatabase): void {
  run.abort();
  store.discard();
  db.rollback();
  db.begin();
}

/** A tumbling SUM over a real window store whose puts are counted, inside an open transaction. */
function tumblingCountingPuts(): { db: TaskDatabase; store: WindowStore; puts: () => number; run: Harness } {
  const tumbling: WindowSpec = { kind: 'TUMBLING', sizeMs: 100, advanceMs: 100, graceMs: 0, retentionMs: 1000 };
  const db = TaskDatabase.open(':memory:');
  const store = openStore(db, { name: 'agg', kind: 'window', changelogTopic: 'agg-changelog' }, () => undefined) as WindowStore;
  let puts = 0;
  const counting = new Proxy(store, {
    get(target, property) {
      if (property === 'put') return (...args: Parameters<WindowStore['put']>) => (puts++, target.put(...args));
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const run = harness(windowAggregateProcessor('agg', 'agg', sumStep(tumbling), tumbling, new LateRecords(), false), new Map([['agg', counting]]));
  db.begin();
  return { db, store, puts: () => puts, run };
}

/** a = 1 committed, a = 2 in a commit that aborted (the database rolls back to a = 1), then a = 4. */
function processAcrossAnAbort(run: Harness, store: StateStore, db: TaskDatabase): void {
  db.begin();
  run.process(['a', 1], 10, false);
  commitTask(run, store, db);
  run.process(['a', 2], 20, false);
  abortTask(run, store, db);
  run.process(['a', 4], 30, false);
}

describe('aggregate processors', () => {
  it('keeps a running result per group, timestamped with the greatest record time, and undoes a table row', () => {
    const run = harness(aggregateProcessor('agg', 'agg', sumStep(), true), storeOf('keyValue'));
    run.process(['a', 5], 100, false);
    run.process(['b', 1], 50, false);
    run.process(['a', 2], 70, false);
    // A table row changed from 2 to 10 within group a.
    run.process(['a', 10], 80, false, ['a', 2]);
    // A table row left group b.
    run.process(['b', 1], 90, true, ['b', 1]);
    expect(rows(run.forwarded)).toEqual([
      ['a', 5, 100],
      ['b', 1, 50],
      ['a', 7, 100],
      ['a', 15, 100],
      ['b', 0, 90],
    ]);
  });

  it('with the record cache on, hands on the latest result per group at the commit, with the old row from before', () => {
    const run = harness(aggregateProcessor('agg', 'agg', { ...sumStep(), coalesce: true }, true), storeOf('keyValue'));
    run.process(['a', 1], 100, false);
    run.commit();
    run.process(['a', 2], 110, false);
    run.process(['b', 5], 120, false);
    run.process(['a', 3], 130, false);
    expect(run.forwarded).toHaveLength(1);
    run.commit();
    expect(run.forwarded.map((change) => [change.row, change.oldRow])).toEqual([
      [['a', 1], null],
      [['b', 5], null],
      [['a', 6], ['a', 1]],
    ]);
  });

  it('puts a record in every hopping window holding it, ascending, and drops records for closed windows', () => {
    const hopping: WindowSpec = { kind: 'HOPPING', sizeMs: 100, advanceMs: 50, graceMs: 0, retentionMs: 100 };
    expect(windowStartsFor(120, hopping)).toEqual([50, 100]);
    expect(windowStartsFor(20, hopping)).toEqual([0]);
    const late = new LateRecords();
    const run = harness(windowAggregateProcessor('agg', 'agg', sumStep(hopping), hopping, late, false), storeOf('window'));
    run.process(['a', 1], 120, false);
    run.process(['a', 2], 140, false);
    run.process(['a', 4], 260, false);
    // Stream time is 260: window [50, 150) closed at 150 and [100, 200) at 200.
    run.process(['a', 8], 130, false);
    expect(rows(run.forwarded)).toEqual([
      ['a', 1, 50, 150, 120],
      ['a', 1, 100, 200, 120],
      ['a', 3, 50, 150, 140],
      ['a', 3, 100, 200, 140],
      ['a', 4, 200, 300, 260],
      ['a', 4, 250, 350, 260],
    ]);
    expect(late.total).toBe(2);
  });

  it('resumes a group from its committed state after an aborted commit rolled the store back', () => {
    const db = TaskDatabase.open(':memory:');
    const store = openStore(db, { name: 'agg', kind: 'keyValue', changelogTopic: 'agg-changelog' }, () => undefined);
    const run = harness(aggregateProcessor('agg', 'agg', sumStep(), false), new Map([['agg', store]]));
    processAcrossAnAbort(run, store, db);
    // Across a commit that did not abort, the group's state carries on.
    run.commit();
    run.process(['a', 8], 40, false);
    expect(rows(run.forwarded)).toEqual([
      ['a', 1, 10],
      ['a', 3, 20],
      ['a', 5, 30],
      ['a', 13, 40],
    ]);
  });

  it('leaves a group as it was when an aggregate function fails half-way through an update', () => {
    const step = sumStep();
    const checked: AggregateStep = {
      ...step,
      functions: [
        {
          name: 'COLLECT_CHECKED',
          argumentIndexes: [1],
          create: () => ({
            initialize: () => [],
            // Makes its new accumulator, then fails on a negative value (as the user-function
            // contract asks, it never changes the one given: the processor keeps it cached).
            aggregate: (list: unknown, value: unknown) => {
              const next = [...(list as unknown[]), value];
              if ((value as number) < 0) throw new Error('negative');
              return next;
            },
            result: (list: unknown) => [...(list as unknown[])],
          }),
        },
      ],
    };
    const run = harness(aggregateProcessor('agg', 'agg', checked, false), storeOf('keyValue'));
    run.process(['a', 1], 10, false);
    expect(() => run.process(['a', -1], 20, false)).toThrow('negative');
    run.process(['a', 2], 30, false);
    expect(run.forwarded.map((change) => change.row)).toEqual([
      ['a', [1]],
      ['a', [1, 2]],
    ]);
  });

  it('reads a window from its store again after an aborted commit rolled the store back', () => {
    const tumbling: WindowSpec = { kind: 'TUMBLING', sizeMs: 100, advanceMs: 100, graceMs: 0, retentionMs: 100 };
    const db = TaskDatabase.open(':memory:');
    const store = openStore(db, { name: 'agg', kind: 'window', changelogTopic: 'agg-changelog' }, () => undefined);
    const run = harness(windowAggregateProcessor('agg', 'agg', sumStep(tumbling), tumbling, new LateRecords(), false), new Map([['agg', store]]));
    processAcrossAnAbort(run, store, db);
    expect(rows(run.forwarded)).toEqual([
      ['a', 1, 0, 100, 10],
      ['a', 3, 0, 100, 20],
      ['a', 5, 0, 100, 30],
    ]);
  });

  it('writes a window updated several times in a commit interval to its store once, when the task commits', () => {
    const { db, store, puts, run } = tumblingCountingPuts();
    run.process(['a', 1], 10, false);
    run.process(['a', 2], 20, false);
    run.process(['b', 5], 30, false);
    run.process(['a', 4], 40, false);
    expect(puts()).toBe(0);
    commitTask(run, store, db);
    expect(puts()).toBe(2);
    const stored = store.fetch(encodeGroupKey(['a']), 0);
    expect(stored === undefined ? undefined : decodeGroupState(stored).accumulators).toEqual([7]);
    // After the commit the window is read back from the store.
    run.process(['a', 8], 50, false);
    expect(rows(run.forwarded).at(-1)).toEqual(['a', 15, 0, 100, 50]);
  });

  it('writes its updated windows to the store before the commit once they are more than it holds', () => {
    const { db, store, puts, run } = tumblingCountingPuts();
    for (let key = 0; key < MAX_UPDATED_WINDOWS; key++) run.process([`k${key}`, 1], 10, false);
    expect(puts()).toBe(0);
    run.process(['one more', 1], 10, false);
    expect(puts()).toBe(MAX_UPDATED_WINDOWS + 1);
    // Written, they are read back from the store.
    run.process(['k0', 2], 20, false);
    expect(rows(run.forwarded).at(-1)).toEqual(['k0', 3, 0, 100, 20]);
    commitTask(run, store, db);
    expect(decodeGroupState(store.fetch(encodeGroupKey(['k0']), 0)!).accumulators).toEqual([3]);
  });

  it('writes the windows stream time has passed first when it holds too many updated windows', () => {
    const { db, store, puts, run } = tumblingCountingPuts();
    for (let key = 0; key < 6000; key++) run.process([`a${key}`, 1], 10, false);
    // Stream time 150: the a windows [0, 100) have ended, the b windows [100, 200) have not.
    for (let key = 0; key <= MAX_UPDATED_WINDOWS - 6000; key++) run.process([`b${key}`, 1], 150, false);
    expect(puts()).toBe(6000);
    commitTask(run, store, db);
    expect(puts()).toBe(MAX_UPDATED_WINDOWS + 1);
  });

  it('aligns windows with a TIME ZONE to local days, 23 hours long on the spring daylight-saving change', () => {
    const day: WindowSpec = { kind: 'TUMBLING', sizeMs: 86_400_000, advanceMs: 86_400_000, graceMs: 0, retentionMs: 86_400_000, timeZone: 'Europe/Paris' };
    const assigner = createWindowAssigner(day);
    // Paris moved from UTC+1 to UTC+2 at 01:00 UTC on 29 March 2026.
    expect(assigner.windowsFor(Date.UTC(2026, 2, 29, 12))).toEqual([{ start: Date.UTC(2026, 2, 28, 23), end: Date.UTC(2026, 2, 29, 22) }]);
    expect(assigner.windowsFor(Date.UTC(2026, 2, 28, 22, 59))).toEqual([{ start: Date.UTC(2026, 2, 27, 23), end: Date.UTC(2026, 2, 28, 23) }]);
    expect(assigner.endOf(Date.UTC(2026, 2, 28, 23))).toBe(Date.UTC(2026, 2, 29, 22));
    expect(createWindowAssigner({ ...day, timeZone: undefined }).windowsFor(Date.UTC(2026, 2, 29, 12))).toEqual([{ start: Date.UTC(2026, 2, 29), end: Date.UTC(2026, 2, 30) }]);
  });

  it('EMIT FINAL: emits each window once, when stream time passes its end plus grace', () => {
    const tumbling: WindowSpec = { kind: 'TUMBLING', sizeMs: 100, advanceMs: 100, graceMs: 10, retentionMs: 110 };
    const run = harness(windowAggregateProcessor('agg', 'agg', { ...sumStep(tumbling), emitFinal: true }, tumbling, new LateRecords(), false, 'final'), storeOf('window', true));
    run.process(['a', 1], 10, false);
    run.process(['b', 2], 50, false);
    run.process(['a', 4], 105, false);
    // Within the grace period [0, 100) still takes records.
    run.process(['a', 8], 99, false);
    expect(run.forwarded).toEqual([]);
    run.process(['b', 16], 110, false);
    run.process(['a', 32], 150, false);
    run.process(['a', 64], 320, false);
    expect(rows(run.forwarded)).toEqual([
      ['a', 9, 0, 100, 99],
      ['b', 2, 0, 100, 50],
      ['a', 36, 100, 200, 150],
      ['b', 16, 100, 200, 110],
    ]);
  });

  it('merges sessions within the gap, with a tombstone for each merged session', () => {
    const session: WindowSpec = { kind: 'SESSION', gapMs: 10, graceMs: 1000, retentionMs: 2000 };
    const run = harness(sessionAggregateProcessor('agg', 'agg', sumStep(session), session, new LateRecords()), storeOf('session'));
    run.process(['a', 1], 100, false);
    run.process(['a', 2], 130, false);
    // 120 is within 10 of 130: it joins that session.
    run.process(['a', 4], 120, false);
    // 110 bridges [100, 100] and [120, 130].
    run.process(['a', 8], 110, false);
    expect(rows(run.forwarded)).toEqual([
      ['a', 1, 100, 100, 100],
      ['a', 2, 130, 130, 130],
      ['a', null, 130, 130, 'DELETE'],
      ['a', 6, 120, 130, 130],
      ['a', null, 100, 100, 'DELETE'],
      ['a', null, 120, 130, 'DELETE'],
      ['a', 15, 100, 130, 130],
    ]);
  });
});
