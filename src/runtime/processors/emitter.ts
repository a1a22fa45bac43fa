// How an aggregate hands on its updates: each one at once (EMIT CHANGES as ksqlDB's tests run it,
// the default), or coalesced per key until the task commits, when `cache.max.bytes.buffering`
// is set above 0 — the latest result of each key, with the old row from before the first update.
import type { Change } from '../topology/change.js';
import type { ProcessorContext } from '../topology/processor.js';

export type Emit = (key: string, change: Change) => void;

export function createEmitter(context: ProcessorContext, coalesce: boolean): Emit {
  if (!coalesce) return (_key, change) => context.forward(change);
  const pending = new Map<string, Change>();
  context.onCommit({
    flush() {
      for (const change of pending.values()) context.forward(change);
      pending.clear();
    },
    discard() {
      pending.clear();
    },
  });
  return (key, change) => {
    const earlier = pending.get(key);
    if (earlier !== undefined) pending.delete(key);
    pending.set(key, earlier === undefined ? change : { ...change, oldRow: earlier.oldRow });
  };
}
