// Event time from a TIMESTAMP column: BIGINT epoch millis, a TIMESTAMP, or a formatted STRING.
import { parseTimestampText } from '../../planner/index.js';

/** A record whose TIMESTAMP column cannot be an event time. */
export class InvalidTimestampError extends Error {}

/** Throws InvalidTimestampError for a value that cannot be an event time (NULL, negative, unparsable text). */
export function timestampToMillis(value: unknown, format: string | undefined): number {
  try {
    return toMillis(value, format);
  } catch (error) {
    throw error instanceof InvalidTimestampError ? error : new InvalidTimestampError((error as Error).message);
  }
}

function toMillis(value: unknown, format: string | undefined): number {
  if (value === null || value === undefined) {
    throw new InvalidTimestampError('Timestamp column is NULL');
  }
  let millis: number;
  if (typeof value === 'bigint') millis = Number(value);
  else if (typeof value === 'number') millis = value;
  else if (typeof value === 'string' && format !== undefined) millis = parseTimestampText(value, format);
  else throw new InvalidTimestampError(`Cannot use ${String(value)} as a timestamp`);
  if (!Number.isFinite(millis) || millis < 0) {
    throw new InvalidTimestampError(`Invalid timestamp ${millis}: event time must be a non-negative number of milliseconds`);
  }
  return millis;
}
