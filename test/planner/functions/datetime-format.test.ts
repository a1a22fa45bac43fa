import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../../src/planner/functions/datetime-format.js';
import { resolveTimeZone } from '../../../src/planner/functions/time-zones.js';

const UTC = resolveTimeZone('UTC');
const at = (utcMs: number) => ({ localMs: utcMs, utcMs, offsetMs: 0, zone: UTC });
// 2018-05-11T21:58:33.123Z, a Friday, day 131 of the year
const MOMENT = at(Date.UTC(2018, 4, 11, 21, 58, 33, 123));

describe('formatting patterns', () => {
  it('pads numbers to the letter count and names months and days', () => {
    expect(compilePattern('y yy yyyy M MM MMM MMMM d dd D').format(MOMENT)).toBe('2018 18 2018 5 05 May May 11 11 131');
    expect(compilePattern('E EEEE H h k K m s S SSS SSSSSS n').format(MOMENT)).toBe('Fri Friday 21 9 21 9 58 33 1 123 123000 123000000');
    expect(compilePattern("'quoted ''text''' a").format(MOMENT)).toBe("quoted 'text' PM");
  });

  it('writes zones and offsets', () => {
    expect(compilePattern('X XX XXX x Z ZZZZ ZZZZZ z VV').format(MOMENT)).toBe('Z Z Z +00 +0000 GMT Z UTC UTC');
  });
});

describe('parsing patterns', () => {
  it('collects the fields it finds', () => {
    expect(compilePattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").parse('2018-05-11T21:58:33.123+05:30')).toEqual({
      year: 2018, month: 5, day: 11, hour: 21, minute: 58, second: 33, fractionMs: 123, offsetMs: 5.5 * 3_600_000,
    });
    expect(compilePattern('EEE, dd MMMM yy').parse('fri, 11 may 18')).toEqual({ year: 2018, month: 5, day: 11 });
    expect(compilePattern('yyyyDDD').parse('2018131')).toEqual({ year: 2018, dayOfYear: 131 });
  });

  it('reads exactly the letter count of digits only when another number follows directly', () => {
    expect(compilePattern('yyyyMMdd').parse('20180511')).toEqual({ year: 2018, month: 5, day: 11 });
    expect(compilePattern('d/M/yyyy').parse('011/5/02018')).toEqual({ year: 2018, month: 5, day: 11 });
    expect(compilePattern('ss.SSS').parse('33.123456789')).toEqual({ second: 33, fractionMs: 123 });
    expect(compilePattern('HHmm').parse('2158')).toEqual({ hour: 21, minute: 58 });
    expect(compilePattern('HHmm').parse('215')).toEqual({ hour: 21, minute: 5 });
    expect(() => compilePattern('HHmm').parse('2')).toThrow("Text '2' could not be parsed at index 0");
    expect(() => compilePattern('HHmm').parse('2x58')).toThrow("Text '2x58' could not be parsed at index 0");
    expect(() => compilePattern('s.SSS').parse('1.1234567890')).toThrow(/at index 11/);
  });

  it('reports where text stops matching', () => {
    expect(() => compilePattern('yyyy-MM').parse('2018/05')).toThrow("Text '2018/05' could not be parsed at index 4");
    expect(() => compilePattern('MMM').parse('Foo')).toThrow(/at index 0/);
  });

  it('rejects optional sections, which this port does not support', () => {
    expect(() => compilePattern('yyyy[-MM]')).toThrow(/Unsupported pattern character/);
  });
});
