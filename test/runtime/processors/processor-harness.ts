// Runs one processor instance outside a task: records what it forwards, sends and reports.
import type { ProduceRecord } from '../../../src/runtime/log/index.js';
import type { Change } from '../../../src/runtime/topology/change.js';
import type { ProcessorContext, ProcessorDefinition } from '../../../src/runtime/topology/processor.js';

export interface Harness {
  readonly forwarded: Change[];
  readonly sent: ProduceRecord[];
  readonly errors: string[];
  /** Processes a change built from a row, a timestamp and a delete flag. */
  process(row: unknown[], timestampMs: number, isDelete: boolean): void;
}

export function harness(definition: ProcessorDefinition): Harness {
  const forwarded: Change[] = [];
  const sent: ProduceRecord[] = [];
  const errors: string[] = [];
  const context: ProcessorContext = {
    forward: (change) => forwarded.push(change),
    store: (name) => {
      throw new Error(`no store ${name} in the harness`);
    },
    record: { topic: 'in', partition: 0, offset: 0, timestampMs: 0 },
    partition: 0,
    schedule: () => undefined,
    send: (record) => sent.push(record),
    recordError: (message) => errors.push(message),
  };
  const processor = definition.create(context);
  return {
    forwarded,
    sent,
    errors,
    process: (row, timestampMs, isDelete) => processor.process({ row, oldRow: null, timestampMs, isDelete }),
  };
}
