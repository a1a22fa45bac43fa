// Query ids of persistent queries. A statement's query takes the next number only once it has
// started, so a failing statement consumes none, and its command records the id it got: a replay
// gives every query the id it had, and with it the same consumer group and state.
import type { Statement } from '../parser/index.js';
import type { Command } from './command-log.js';
import type { EngineState } from './engine-state.js';

/** Where the id of the query a statement starts comes from. */
export type QueryIdSource =
  /** A statement run now: the next number. */
  | { readonly kind: 'next' }
  /** A replayed command: the id it recorded, null when it started no query. */
  | { readonly kind: 'recorded'; readonly queryId: string | null }
  /** A replayed command from before ids were recorded: the number it was given then, taken before it ran. */
  | { readonly kind: 'derived'; readonly queryNumber: number };

/** The generated id ends with its number: `CSAS_TOTALS_3`, `INSERTQUERY_4`. */
const QUERY_NUMBER = /_(\d+)$/;

/** The id of the query a statement starts: `<prefix><number>`, or the one its command recorded. */
export function queryIdFor(source: QueryIdSource, state: EngineState, prefix: string): string {
  switch (source.kind) {
    case 'next':
      return `${prefix}${state.nextQueryNumber}`;
    case 'recorded':
      return source.queryId ?? `${prefix}${state.nextQueryNumber}`;
    case 'derived':
      return `${prefix}${source.queryNumber}`;
  }
}

/** The query with this generated id has started: later generated ids take later numbers. */
export function claimQueryNumber(state: EngineState, queryId: string): void {
  const number = QUERY_NUMBER.exec(queryId)?.[1];
  if (number !== undefined) state.nextQueryNumber = Math.max(state.nextQueryNumber, Number(number) + 1);
}

/**
 * Where a replayed command's query id comes from. A command written before ids were recorded
 * gets the number it got then: every query-creating statement took one before it ran.
 */
export function replayedQueryIds(command: Command, statement: Statement, state: EngineState): QueryIdSource {
  if (command.queryId !== undefined) return { kind: 'recorded', queryId: command.queryId };
  if (statement.kind !== 'CreateAsSelect' && statement.kind !== 'InsertInto') return { kind: 'recorded', queryId: null };
  return { kind: 'derived', queryNumber: state.nextQueryNumber++ };
}
