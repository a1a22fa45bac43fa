// Date and time functions: formatting and parsing with Java patterns, time zones, unit arithmetic,
// and the deprecated BIGINT/INT forms (TIMESTAMPTOSTRING, STRINGTOTIMESTAMP, DATETOSTRING, STRINGTODATE).
import type { FunctionDefinition, ScalarOverload } from './registry-types.js';
import { P, fixed } from './patterns.js';
import { compilePattern, type ParsedFields, type ZonedMoment } from './datetime-format.js';
import { localToUtc, offsetAt, resolveTimeZone, type TimeZone } from './time-zones.js';

const MS_PER_DAY = 86_400_000;
const UTC = resolveTimeZone('UTC');

/** Milliseconds per unit of the SQL time units (Java TimeUnit names). */
const UNIT_MS: Readonly<Record<string, number>> = {
  NANOSECONDS: 1e-6,
  MICROSECONDS: 1e-3,
  MILLISECONDS: 1,
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: MS_PER_DAY,
};

/** An interval in ms, truncated toward zero as Java's TimeUnit.toMillis does; DAY is accepted for DAYS. */
function intervalMs(unit: string, interval: number | bigint): number {
  const upper = unit.toUpperCase();
  const perUnit = UNIT_MS[upper] ?? UNIT_MS[`${upper}S`];
  if (perUnit === undefined) throw new Error(`Unknown time unit: ${unit}`);
  return Math.trunc(Number(interval) * perUnit);
}

function momentInZone(utcMs: number, zone: TimeZone): ZonedMoment {
  const offsetMs = offsetAt(zone, utcMs);
  return { localMs: utcMs + offsetMs, utcMs, offsetMs, zone };
}

function formatTimestamp(utcMs: number, pattern: string, zoneName = 'UTC'): string {
  return compilePattern(pattern).format(momentInZone(utcMs, resolveTimeZone(zoneName)));
}

function formatDate(epochDays: number, pattern: string): string {
  return compilePattern(pattern).format(momentInZone(epochDays * MS_PER_DAY, UTC));
}

function formatTime(msOfDay: number, pattern: string): string {
  return compilePattern(pattern).format(momentInZone(msOfDay, UTC));
}

/** Days since the epoch of the parsed date (defaults: year 1970, month 1, day 1). */
function epochDaysOf(fields: ParsedFields, text: string): number {
  const year = fields.year ?? 1970;
  if (fields.dayOfYear !== undefined && fields.month === undefined && fields.day === undefined) {
    return civilDays(year, 1, 1) + fields.dayOfYear - 1;
  }
  const month = fields.month ?? 1;
  const day = fields.day ?? 1;
  const days = civilDays(year, month, day);
  const check = new Date(days * MS_PER_DAY);
  if (month < 1 || month > 12 || check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) {
    throw new Error(`Text '${text}' could not be parsed: invalid date ${year}-${month}-${day}`);
  }
  return days;
}

function civilDays(year: number, month: number, day: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day); // Date.UTC maps years 0-99 to the 1900s
  return Math.round(date.getTime() / MS_PER_DAY);
}

/** Milliseconds since midnight of the parsed time of day. */
function msOfDayOf(fields: ParsedFields, text: string): number {
  const hour = fields.hour ?? (fields.hour12 ?? 0) + (fields.pm === true ? 12 : 0);
  const minute = fields.minute ?? 0;
  const second = fields.second ?? 0;
  if (minute > 59 || second > 59) throw new Error(`Text '${text}' could not be parsed: invalid time`);
  return ((hour * 60 + minute) * 60 + second) * 1000 + (fields.fractionMs ?? 0);
}

/** Parses a timestamp; a parsed offset or zone wins over the given zone (UTC by default). */
export function parseTimestamp(text: string, pattern: string, zoneName = 'UTC'): number {
  const fields = compilePattern(pattern).parse(text);
  const localMs = epochDaysOf(fields, text) * MS_PER_DAY + msOfDayOf(fields, text);
  if (fields.offsetMs !== undefined) return localMs - fields.offsetMs;
  return localToUtc(fields.zone ?? resolveTimeZone(zoneName), localMs);
}

function parseDate(text: string, pattern: string): number {
  return epochDaysOf(compilePattern(pattern).parse(text), text);
}

function parseTime(text: string, pattern: string): number {
  return msOfDayOf(compilePattern(pattern).parse(text), text);
}

/** CONVERT_TZ: reads the timestamp as wall-clock time in one zone and returns the same instant's wall clock in another. */
function convertTimeZone(timestampMs: number, fromZone: string, toZone: string): number {
  const utcMs = localToUtc(resolveTimeZone(fromZone), timestampMs);
  return utcMs + offsetAt(resolveTimeZone(toZone), utcMs);
}

function addToDate(unit: string, interval: number, epochDays: number): number {
  return Math.trunc((epochDays * MS_PER_DAY + intervalMs(unit, interval)) / MS_PER_DAY);
}

/** TIME arithmetic wraps around midnight. */
function addToTime(unit: string, interval: number, msOfDay: number): number {
  return (((msOfDay + intervalMs(unit, interval)) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

const todayEpochDays = (): number => Math.floor(Date.now() / MS_PER_DAY);

/** The ADD/SUB pair for one of DATE, TIME and TIMESTAMP. */
function unitArithmetic(
  kind: 'DATE' | 'TIME' | 'TIMESTAMP',
  add: (unit: string, interval: number, value: number) => number,
): FunctionDefinition[] {
  const value = kind === 'DATE' ? P.date : kind === 'TIME' ? P.time : P.timestamp;
  const intervals = kind === 'TIMESTAMP' ? [P.int, P.bigint] : [P.int];
  const overloads = (sign: 1 | -1): ScalarOverload[] =>
    intervals.map((interval) =>
      fixed([P.timeUnit, interval, value], value, (unit: string, amount: number | bigint, current: number) =>
        add(unit, sign * Number(amount), current),
      ),
    );
  const noun = kind.toLowerCase();
  return [
    {
      name: `${kind}ADD`,
      type: 'SCALAR',
      category: 'DATE / TIME',
      description: `Adds an interval of a time unit to a ${noun}.`,
      overloads: overloads(1),
    },
    {
      name: `${kind}SUB`,
      type: 'SCALAR',
      category: 'DATE / TIME',
      description: `Subtracts an interval of a time unit from a ${noun}.`,
      overloads: overloads(-1),
    },
  ];
}

export const DATETIME_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'CONVERT_TZ',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Converts a timestamp from one time zone to another.',
    overloads: [fixed([P.timestamp, P.string, P.string], P.timestamp, convertTimeZone)],
  },
  ...unitArithmetic('DATE', addToDate),
  {
    name: 'DATETOSTRING',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Deprecated: formats days since the epoch with a Java date pattern; use FORMAT_DATE.',
    overloads: [fixed([P.int, P.string], P.string, formatDate)],
  },
  {
    name: 'FORMAT_DATE',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Formats a DATE with a Java date pattern.',
    overloads: [fixed([P.date, P.string], P.string, formatDate)],
  },
  {
    name: 'FORMAT_TIME',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Formats a TIME with a Java time pattern.',
    overloads: [fixed([P.time, P.string], P.string, formatTime)],
  },
  {
    name: 'FORMAT_TIMESTAMP',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Formats a TIMESTAMP with a Java pattern, in UTC or the given time zone.',
    overloads: [
      fixed([P.timestamp, P.string], P.string, (utcMs: number, pattern: string) => formatTimestamp(utcMs, pattern)),
      fixed([P.timestamp, P.string, P.string], P.string, formatTimestamp),
    ],
  },
  {
    name: 'FROM_DAYS',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'The DATE a number of days after 1970-01-01.',
    overloads: [fixed([P.int], P.date, (days: number) => days)],
  },
  {
    name: 'FROM_UNIXTIME',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'The TIMESTAMP a number of milliseconds after the epoch.',
    overloads: [fixed([P.bigint], P.timestamp, (millis: bigint) => Number(millis))],
  },
  {
    name: 'PARSE_DATE',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Parses a DATE with a Java date pattern.',
    overloads: [fixed([P.string, P.string], P.date, parseDate)],
  },
  {
    name: 'PARSE_TIME',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Parses a TIME with a Java time pattern.',
    overloads: [fixed([P.string, P.string], P.time, parseTime)],
  },
  {
    name: 'PARSE_TIMESTAMP',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Parses a TIMESTAMP with a Java pattern, in UTC or the given time zone unless the text has one.',
    overloads: [
      fixed([P.string, P.string], P.timestamp, (text: string, pattern: string) => parseTimestamp(text, pattern)),
      fixed([P.string, P.string, P.string], P.timestamp, parseTimestamp),
    ],
  },
  {
    name: 'STRINGTODATE',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Deprecated: parses a date into days since the epoch; use PARSE_DATE.',
    overloads: [fixed([P.string, P.string], P.int, parseDate)],
  },
  {
    name: 'STRINGTOTIMESTAMP',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Deprecated: parses a timestamp into epoch milliseconds; use PARSE_TIMESTAMP.',
    overloads: [
      fixed([P.string, P.string], P.bigint, (text: string, pattern: string) => BigInt(parseTimestamp(text, pattern))),
      fixed([P.string, P.string, P.string], P.bigint, (text: string, pattern: string, zone: string) =>
        BigInt(parseTimestamp(text, pattern, zone)),
      ),
    ],
  },
  ...unitArithmetic('TIME', addToTime),
  ...unitArithmetic('TIMESTAMP', (unit, interval, utcMs) => utcMs + intervalMs(unit, interval)),
  {
    name: 'TIMESTAMPTOSTRING',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Deprecated: formats epoch milliseconds with a Java pattern; use FORMAT_TIMESTAMP.',
    overloads: [
      fixed([P.bigint, P.string], P.string, (millis: bigint, pattern: string) => formatTimestamp(Number(millis), pattern)),
      fixed([P.bigint, P.string, P.string], P.string, (millis: bigint, pattern: string, zone: string) =>
        formatTimestamp(Number(millis), pattern, zone),
      ),
    ],
  },
  {
    name: 'UNIX_DATE',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Days since the epoch of the given DATE, or of today (UTC).',
    overloads: [fixed([], P.int, todayEpochDays), fixed([P.date], P.int, (days: number) => days)],
  },
  {
    name: 'UNIX_TIMESTAMP',
    type: 'SCALAR',
    category: 'DATE / TIME',
    description: 'Milliseconds since the epoch of the given TIMESTAMP, or of now.',
    overloads: [fixed([], P.bigint, () => BigInt(Date.now())), fixed([P.timestamp], P.bigint, (utcMs: number) => BigInt(utcMs))],
  },
];
