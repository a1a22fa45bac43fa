// Event time from a TIMESTAMP column: BIGINT epoch millis, a TIMESTAMP, or a formatted STRING.
import { parseTimestampText } from '../../planner/index.js';

/** Throws for a value that cannot be an event time (NULL, negative, unparsable text). */
export function timestampToMillis(value: unknown, format: string | undefined): number {
  if (value === null || value === undefined) {
    throw new Error('Timestamp column is NULL');
  }
  let millis: number;
  if (typeof value === 'bigint') millis = Number(value);
  else if (typeof value === 'number') millis = value;
  else if (typeof value === 'string' && format !== undefined) millis = parseTimestampText(value, format);
  else throw new Error(`Cannot use ${String(value)} as a timestamp`);
  if (!Number.isFinite(millis) || millis < 0) {
    throw new Error(`Invalid timestamp ${millis}: event time must be a non-negative number of milliseconds`);
  }
  return millis;
}
