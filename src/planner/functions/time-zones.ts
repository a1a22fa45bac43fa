// Time zones by IANA name, fixed offset or common abbreviation, resolved through Intl (no tz database of our own).
import { compiledCache } from './compiled-cache.js';

export type TimeZone =
  | { readonly kind: 'fixed'; readonly offsetMs: number; readonly id: string }
  | { readonly kind: 'region'; readonly id: string };

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

/**
 * Abbreviations Java's zone-text parser ('z') understands, mapped to the region they name. Java
 * resolves "PST" to America/Los_Angeles, so a summer date parsed as PST gets daylight time.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  BST: 'Europe/London',
  CET: 'Europe/Paris',
  CEST: 'Europe/Paris',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
};

const UTC: TimeZone = { kind: 'fixed', offsetMs: 0, id: 'UTC' };
const nameFormatterCache = new Map<string, Intl.DateTimeFormat>();

/** Resolves `Z`, `UTC`, `+02`, `+0200`, `-05:30`, `GMT+2`, `America/New_York` or `PST`; throws for anything else. */
export const resolveTimeZone = compiledCache((name: string): TimeZone => {
  const zone = parseTimeZone(name.trim());
  if (zone === null) throw new Error(`Unknown time-zone ID: ${name}`);
  return zone;
});

function parseTimeZone(name: string): TimeZone | null {
  const upper = name.toUpperCase();
  if (upper === 'Z' || upper === 'UTC' || upper === 'GMT' || upper === 'UT') return UTC;
  const offset = /^(?:UTC|GMT|UT)?([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(name);
  if (offset !== null) {
    const [, sign, hours, minutes = '0'] = offset;
    const offsetMs = (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) * MS_PER_MINUTE;
    return { kind: 'fixed', offsetMs, id: formatOffset(offsetMs, 'colon', 'Z') };
  }
  const region = ABBREVIATIONS[upper] ?? name;
  try {
    return { kind: 'region', id: formatter(region).resolvedOptions().timeZone };
  } catch {
    return null;
  }
}

/** The wall-clock fields of an instant in a zone; building an Intl formatter is slow, so each zone gets one. */
const formatter = compiledCache(
  (zoneId: string) =>
    new Intl.DateTimeFormat('en-US', {
      timeZone: zoneId,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }),
);

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetAt(zone: TimeZone, utcMs: number): number {
  if (zone.kind === 'fixed') return zone.offsetMs;
  const wholeSecondMs = Math.floor(utcMs / 1000) * 1000;
  const parts: Record<string, string> = {};
  for (const part of formatter(zone.id).formatToParts(new Date(wholeSecondMs))) parts[part.type] = part.value;
  const year = parts.era === 'BC' ? 1 - Number(parts.year) : Number(parts.year);
  const local = new Date(0);
  // setUTCFullYear rather than Date.UTC, which maps years 0-99 to 1900-1999
  local.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
  local.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second));
  return local.getTime() - wholeSecondMs;
}

/**
 * The instant at which the zone's wall clock reads `localMs`. As in java.time, a time in an overlap
 * takes the earlier instant, and a time in a gap is shifted forward by the gap's length.
 */
export function localToUtc(zone: TimeZone, localMs: number): number {
  if (zone.kind === 'fixed') return localMs - zone.offsetMs;
  const offsetBefore = offsetAt(zone, localMs - MS_PER_DAY);
  const candidateOffsets = [offsetBefore, offsetAt(zone, localMs), offsetAt(zone, localMs + MS_PER_DAY)];
  const valid = candidateOffsets
    .map((offset) => localMs - offset)
    .filter((utcMs) => offsetAt(zone, utcMs) === localMs - utcMs);
  return valid.length > 0 ? Math.min(...valid) : localMs - offsetBefore;
}

/** `+05:30` (colon), `+0530` (compact) or `+05` (hours, when minutes are zero); zero as `zeroText`. */
export function formatOffset(offsetMs: number, style: 'colon' | 'compact' | 'hours', zeroText: string): string {
  if (offsetMs === 0 && zeroText !== '') return zeroText;
  const totalMinutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const hours = String(Math.floor(totalMinutes / 60)).padStart(2, '0');
  const minutes = String(totalMinutes % 60).padStart(2, '0');
  const sign = offsetMs < 0 ? '-' : '+';
  if (style === 'hours' && minutes === '00') return `${sign}${hours}`;
  return style === 'colon' ? `${sign}${hours}:${minutes}` : `${sign}${hours}${minutes}`;
}

/** The zone's name at an instant: `PDT`, `BST`, `UTC` (short) or `Pacific Daylight Time` (long). */
export function zoneName(zone: TimeZone, utcMs: number, style: 'short' | 'long'): string {
  if (zone.kind === 'fixed') return zone.id;
  // en-US names American zones (PDT) but gives "GMT+1" for London, where en-GB says "BST".
  for (const locale of ['en-US', 'en-GB']) {
    const name = nameFormatter(locale, zone.id, style)
      .formatToParts(new Date(utcMs))
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name !== undefined && !name.startsWith('GMT')) return name;
  }
  return zone.id === 'UTC' || zone.id === 'Etc/UTC' ? 'UTC' : formatOffset(offsetAt(zone, utcMs), 'colon', 'Z');
}

function nameFormatter(locale: string, zoneId: string, style: 'short' | 'long'): Intl.DateTimeFormat {
  const key = `${locale} ${zoneId} ${style}`;
  let cached = nameFormatterCache.get(key);
  if (cached === undefined) {
    cached = new Intl.DateTimeFormat(locale, { timeZone: zoneId, timeZoneName: style });
    nameFormatterCache.set(key, cached);
  }
  return cached;
}
