import { describe, expect, it } from 'vitest';
import { formatOffset, localToUtc, offsetAt, resolveTimeZone, zoneName } from '../../../src/planner/functions/time-zones.js';

const HOUR_MS = 3_600_000;
const MAY_2018 = Date.UTC(2018, 4, 11, 21, 58, 33);
const JANUARY_2018 = Date.UTC(2018, 0, 11);

describe('resolveTimeZone', () => {
  it('accepts UTC names, offsets, region ids and abbreviations', () => {
    expect(resolveTimeZone('UTC')).toEqual({ kind: 'fixed', offsetMs: 0, id: 'UTC' });
    expect(resolveTimeZone('+0200')).toMatchObject({ kind: 'fixed', offsetMs: 2 * HOUR_MS, id: '+02:00' });
    expect(resolveTimeZone('-05:30')).toMatchObject({ offsetMs: -5.5 * HOUR_MS });
    expect(resolveTimeZone('GMT+2')).toMatchObject({ offsetMs: 2 * HOUR_MS });
    expect(resolveTimeZone('America/New_York')).toEqual({ kind: 'region', id: 'America/New_York' });
    expect(resolveTimeZone('PST')).toEqual({ kind: 'region', id: 'America/Los_Angeles' });
  });

  it('rejects unknown zones', () => {
    expect(() => resolveTimeZone('Nowhere/Special')).toThrow(/Unknown time-zone ID: Nowhere\/Special/);
  });
});

describe('offsets', () => {
  it('follow daylight saving time', () => {
    const losAngeles = resolveTimeZone('America/Los_Angeles');
    expect(offsetAt(losAngeles, MAY_2018)).toBe(-7 * HOUR_MS);
    expect(offsetAt(losAngeles, JANUARY_2018)).toBe(-8 * HOUR_MS);
    expect(offsetAt(resolveTimeZone('Asia/Kolkata'), MAY_2018)).toBe(5.5 * HOUR_MS);
  });

  it('localToUtc inverts the offset', () => {
    const london = resolveTimeZone('Europe/London');
    expect(localToUtc(london, MAY_2018 + HOUR_MS)).toBe(MAY_2018);
    expect(localToUtc(london, JANUARY_2018)).toBe(JANUARY_2018);
  });

  it('formatOffset writes the Java forms', () => {
    expect(formatOffset(5.5 * HOUR_MS, 'colon', 'Z')).toBe('+05:30');
    expect(formatOffset(-7 * HOUR_MS, 'compact', 'Z')).toBe('-0700');
    expect(formatOffset(-7 * HOUR_MS, 'hours', 'Z')).toBe('-07');
    expect(formatOffset(0, 'colon', 'Z')).toBe('Z');
    expect(formatOffset(0, 'compact', '')).toBe('+0000');
  });
});

describe('zoneName', () => {
  it('gives the short names Java prints', () => {
    expect(zoneName(resolveTimeZone('America/Los_Angeles'), MAY_2018, 'short')).toBe('PDT');
    expect(zoneName(resolveTimeZone('Europe/London'), MAY_2018, 'short')).toBe('BST');
    expect(zoneName(resolveTimeZone('UTC'), MAY_2018, 'short')).toBe('UTC');
    expect(zoneName(resolveTimeZone('America/New_York'), JANUARY_2018, 'long')).toBe('Eastern Standard Time');
  });
});
