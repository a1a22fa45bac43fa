// Text forms of DATE, TIME and TIMESTAMP values, parsed and formatted as ksqlDB does (ISO-8601, UTC).
export const millisPerDay = 86_400_000;

const datePattern = /^(-?\d{4,})-(\d{2})-(\d{2})$/;
const timePattern = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const timestampPattern =
  /^(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Days since the epoch of `yyyy-MM-dd`, or undefined when the text is not a date. */
export function parseDate(text: string): number | undefined {
  const match = datePattern.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day] = match;
  const millis = utcMillis(Number(year), Number(month), Number(day));
  return millis === undefined ? undefined : Math.floor(millis / millisPerDay);
}

/** Milliseconds since midnight of `HH:mm[:ss[.fff]]`, or undefined. */
export function parseTime(text: string): number | undefined {
  const match = timePattern.exec(text.trim());
  if (match === null) return undefined;
  const [, hours = '', minutes = '', seconds = '0', fraction = ''] = match;
  return timeOfDayMillis(hours, minutes, seconds, fraction);
}

/** Epoch milliseconds of an ISO timestamp (`2022-04-28T21:44:47.943`, optional `Z` or offset; no zone is UTC). */
export function parseTimestamp(text: string): number | undefined {
  const match = timestampPattern.exec(text.trim());
  if (match === null) return undefined;
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', fraction = '', zone] = match;
  const dayMillis = utcMillis(Number(year), Number(month), Number(day));
  const timeMillis = timeOfDayMillis(hours, minutes, seconds, fraction);
  if (dayMillis === undefined || timeMillis === undefined) return undefined;
  return dayMillis + timeMillis - zoneOffsetMillis(zone);
}

/** Milliseconds since midnight of matched clock fields, or undefined when one is out of range (24:00, 10:60). */
function timeOfDayMillis(hours: string, minutes: string, seconds: string, fraction: string): number | undefined {
  if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return undefined;
  return ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * 1000 + fractionMillis(fraction);
}

function fractionMillis(fraction: string): number {
  return fraction === '' ? 0 : Math.floor(Number(fraction.padEnd(3, '0').slice(0, 3)));
}

function zoneOffsetMillis(zone: string | undefined): number {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const offset = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0')) * 60_000;
  return zone.startsWith('-') ? -offset : offset;
}

/** UTC midnight of a calendar day, or undefined when the day does not exist (2021-02-30). */
function utcMillis(year: number, month: number, day: number): number | undefined {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.getTime();
}

/** `yyyy-MM-dd` of days since the epoch. */
export function formatDate(days: number): string {
  return new Date(days * millisPerDay).toISOString().slice(0, 10);
}

/** `HH:mm:ss` or `HH:mm:ss.SSS` (when there are milliseconds) of milliseconds since midnight, as java.time.LocalTime. */
export function formatTime(millis: number): string {
  const text = new Date(millis).toISOString().slice(11, 23);
  return text.endsWith('.000') ? text.slice(0, 8) : text;
}

/** `yyyy-MM-ddTHH:mm:ss.SSS` in UTC, as ksqlDB casts a TIMESTAMP to STRING. */
export function formatTimestamp(millis: number): string {
  return new Date(millis).toISOString().slice(0, 23);
}
