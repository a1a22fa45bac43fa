// The terminal of a transient query: hands each result row to the client's listener.
import type { ProcessorDefinition } from '../topology/processor.js';

/** Receives each result row; `tombstone` marks a table delete (only key values are set). */
export type RowListener = (row: readonly unknown[], tombstone: boolean) => void;

export function rowListenerProcessor(name: string, onRow: RowListener): ProcessorDefinition {
  return {
    name,
    stores: [],
    create: () => ({
      process(change) {
        onRow(change.row, change.isDelete);
      },
    }),
  };
}
