// Runs one processor instance outside a task: records what it forwards, sends and reports.
import type { ProduceRecord } from '../../../src/runtime/log/index.js';
import type { StateStore } from '../../../src/runtime/state/index.js';
import type { Change } from '../../../src/runtime/topology/change.js';
import type { CommitBuffer, ProcessorContext, ProcessorDefinition } from '../../../src/runtime/topology/processor.js';

export interface Harness {
  readonly forwarded: Change[];
  readonly sent: ProduceRecord[];
  readonly errors: string[];
  /** Processes a change built from a row, a timestamp and a delete flag. */
  process(row: unknown[], timestampMs: number, isDelete: boolean, oldRow?: unknown[] | null): void;
  /** Flushes what the processor buffers until a commit. */
  commit(): void;
  /** Drops what the processor buffers until a commit: the commit aborted. */
  abort(): void;
}

export function harness(definition: ProcessorDefinition, stores: ReadonlyMap<string, StateStore> = new Map()): Harness {
  const forwarded: Change[] = [];
  const sent: ProduceRecord[] = [];
  const errors: string[] = [];
  const buffers: CommitBuffer[] = [];
  const context: ProcessorContext = {
    forward: (change) => forwarded.push(change),
    store: <S extends StateStore>(name: string): S => {
      const store = stores.get(name);
      if (store === undefined) throw new Error(`no store ${name} in the harness`);
      return store as S;
    },
    record: { topic: 'in', partition: 0, offset: 0, timestampMs: 0 },
    partition: 0,
    schedule: () => undefined,
    send: (record) => sent.push(record),
    recordError: (message) => errors.push(message),
    onCommit: (buffer) => buffers.push(buffer),
  };
  const processor = definition.create(context);
  return {
    forwarded,
    sent,
    errors,
    process: (row, timestampMs, isDelete, oldRow = null) => processor.process({ row, oldRow, timestampMs, isDelete }),
    commit: () => {
      for (const buffer of buffers) buffer.flush();
    },
    abort: () => {
      for (const buffer of buffers) buffer.discard();
    },
  };
}
