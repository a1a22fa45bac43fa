// A statement's property overrides (request properties and SET): their text, as the command
// topic and SHOW PROPERTIES hold them, the offset reset a query is started with, how often it
// commits, and how stale a pull query may read.
import { SquallError } from '../errors/index.js';
import type { PlannerConfig } from '../planner/index.js';

/** Each property's value as text. */
export function propertyTexts(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, String(value)]));
}

/** Where a new query starts reading: `auto.offset.reset` (or its ksql.streams. form); `fallback` when unset or not a reset. */
export function offsetReset(properties: Readonly<Record<string, unknown>>, fallback: 'earliest' | 'latest'): 'earliest' | 'latest' {
  const reset = String(properties['auto.offset.reset'] ?? properties['ksql.streams.auto.offset.reset'] ?? fallback);
  return reset === 'earliest' || reset === 'latest' ? reset : fallback;
}

export const PULL_MAX_STALENESS = 'squall.query.pull.max.staleness.ms';
/**
 * How far behind its topic a source table's rows may be when a pull query reads them. ksqlDB reads
 * its stores with no bound at all (eventual consistency); Squall catches up with the topic when
 * the rows are older than this, and at once after this server's own INSERTs. 0 asks the broker on
 * every pull query.
 */
const DEFAULT_PULL_MAX_STALENESS_MS = 100;

export function pullMaxStaleness(config: PlannerConfig): number {
  return milliseconds(config, PULL_MAX_STALENESS, DEFAULT_PULL_MAX_STALENESS_MS);
}

/** The property `name` as a number of milliseconds, 0 or more, or `fallback` when unset. */
function milliseconds(config: PlannerConfig, name: string, fallback: number): number {
  const text = config.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    throw new SquallError('PLAN_ERROR', `${name} must be a number of milliseconds, 0 or more; got '${text}'.`);
  }
  return value;
}

export const COMMIT_INTERVAL = 'ksql.streams.commit.interval.ms';
/**
 * ksqlDB's default commit.interval.ms (Kafka Streams' own is 100 ms under exactly-once). A query
 * also commits whenever it has read all there is, so this bounds how long output waits only
 * under sustained load; there a longer interval means fewer transactions, and a store's changelog
 * gets one record per key changed in the interval instead of one per update.
 */
export const DEFAULT_COMMIT_INTERVAL_MS = 2000;

/** How often a persistent query commits: `commit.interval.ms` (as ksqlDB's SET takes it) before its ksql.streams. form. */
export function commitInterval(config: PlannerConfig): number {
  const name = config.get('commit.interval.ms') === undefined ? COMMIT_INTERVAL : 'commit.interval.ms';
  return milliseconds(config, name, DEFAULT_COMMIT_INTERVAL_MS);
}
