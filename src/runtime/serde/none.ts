// The NONE format: a side of the record with no columns, whose bytes are never read or written.
import type { RowSerde } from './format.js';

/** Writes no bytes; reads any bytes as a row with no columns (null bytes stay null). */
export function createNoneSerde(): RowSerde {
  return {
    serialize: () => null,
    deserialize: (bytes) => (bytes === null ? null : []),
  };
}
