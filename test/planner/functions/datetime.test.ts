import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const S = T.STRING;

describe('formatting', () => {
  it('FORMAT_DATE and DATETOSTRING use Java date patterns, quotes included', () => {
    expect(call('FORMAT_DATE', [T.DATE, S], 17662, 'yyyy-MM-dd')).toBe('2018-05-11');
    expect(call('FORMAT_DATE', [T.DATE, S], 18993, 'dd-MMM-yyyy')).toBe('01-Jan-2022');
    expect(call('FORMAT_DATE', [T.DATE, S], -1, "dd-MM-yyyy'Sophia'")).toBe('31-12-1969Sophia');
    expect(call('DATETOSTRING', [T.INT, S], 18027, 'dd/MM/yyyy')).toBe('11/05/2019');
    expect(call('FORMAT_DATE', [T.DATE, S], 0, "EEEE, MMMM d ''yy")).toBe("Thursday, January 1 '70");
  });

  it('FORMAT_TIMESTAMP uses UTC or the given zone and prints zone names', () => {
    expect(call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S], 1526075913000, 'yyyy-MM-dd HH:mm:ss')).toBe('2018-05-11 21:58:33');
    expect(call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S, S], 1526075913000, 'yyyy-MM-dd HH:mm:ss zzz', 'America/Los_Angeles')).toBe('2018-05-11 14:58:33 PDT');
    expect(call('TIMESTAMPTOSTRING', [T.BIGINT, S, S], 1526075913000n, 'yyyy-MM-dd HH:mm:ss zzz', 'Europe/London')).toBe('2018-05-11 22:58:33 BST');
    expect(call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S, S], 1526075913123, "yyyy-MM-dd'T'HH:mm:ss.SSSXXX", '+05:30')).toBe('2018-05-12T03:28:33.123+05:30');
    expect(call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S], 1526075913123, 'hh:mm a X Z')).toBe('09:58 PM Z +0000');
    expect(call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S], null, 'yyyy')).toBeNull();
  });

  it('FORMAT_TIME formats milliseconds of the day', () => {
    expect(call('FORMAT_TIME', [T.TIME, S], 33360000, 'HH:mm:ss')).toBe('09:16:00');
    expect(call('FORMAT_TIME', [T.TIME, S], 45296789, 'h:mm:ss.SS a')).toBe('12:34:56.78 PM');
  });

  it('rejects unknown pattern letters and bad zones', () => {
    expect(() => call('FORMAT_DATE', [T.DATE, S], 0, 'yyyy-tt')).toThrow(/Unknown pattern letter: t/);
    expect(() => call('FORMAT_TIMESTAMP', [T.TIMESTAMP, S, S], 0, 'yyyy', 'Mars/Olympus')).toThrow(/Unknown time-zone/);
    expect(() => call('FORMAT_DATE', [T.DATE, S], 0, "yyyy'open")).toThrow(/incomplete string literal/);
  });
});

describe('parsing', () => {
  it('PARSE_DATE and STRINGTODATE read dates; missing fields default to the first', () => {
    expect(call('PARSE_DATE', [S, S], '2018-05-11Lit', "yyyy-MM-dd'Lit'")).toBe(17662);
    expect(call('PARSE_DATE', [S, S], '01-JAN-2022', 'dd-MMM-yyyy')).toBe(18993);
    expect(call('PARSE_DATE', [S, S], 'JAN-2022', 'MMM-yyyy')).toBe(18993);
    expect(call('STRINGTODATE', [S, S], '11/05/2019', 'dd/MM/yyyy')).toBe(18027);
    expect(call('PARSE_DATE', [S, S], '20220101', 'yyyyMMdd')).toBe(18993);
  });

  it('PARSE_TIMESTAMP and STRINGTOTIMESTAMP honour offsets and zone names in the text', () => {
    expect(call('STRINGTOTIMESTAMP', [S, S], '2018-05-11T21:58:33Z', "yyyy-MM-dd'T'HH:mm:ssX")).toBe(1526075913000n);
    expect(call('STRINGTOTIMESTAMP', [S, S], '2020-05-11T21:58:33z', "yyyy-MM-dd'T'HH:mm:ssX")).toBe(1589234313000n);
    expect(call('STRINGTOTIMESTAMP', [S, S], '2019-08-27T13:31:09.2+0000', "yyyy-MM-dd'T'HH:mm:ss.SX")).toBe(1566912669200n);
    expect(call('PARSE_TIMESTAMP', [S, S], '2020-05-11T21:58:33', "yyyy-MM-dd'T'HH:mm:ss")).toBe(1589234313000);
    // "PST" names America/Los_Angeles, which is on daylight time (UTC-7) in May
    expect(call('PARSE_TIMESTAMP', [S, S], '2018-05-11T21:58:33 PST', "yyyy-MM-dd'T'HH:mm:ss zzz")).toBe(1526101113000);
    expect(call('PARSE_TIMESTAMP', [S, S, S], '2018-05-11 14:58:33', 'yyyy-MM-dd HH:mm:ss', 'America/Los_Angeles')).toBe(1526075913000);
  });

  it('resolves DST gaps forward and overlaps to the earlier instant', () => {
    expect(call('PARSE_TIMESTAMP', [S, S, S], '2021-03-14 02:30', 'yyyy-MM-dd HH:mm', 'America/New_York')).toBe(Date.UTC(2021, 2, 14, 7, 30));
    expect(call('PARSE_TIMESTAMP', [S, S, S], '2021-11-07 01:30', 'yyyy-MM-dd HH:mm', 'America/New_York')).toBe(Date.UTC(2021, 10, 7, 5, 30));
  });

  it('PARSE_TIME reads a time of day, with AM/PM', () => {
    expect(call('PARSE_TIME', [S, S], '09:16:00', 'HH:mm:ss')).toBe(33360000);
    expect(call('PARSE_TIME', [S, S], '12:34 AM', 'hh:mm a')).toBe(34 * 60_000);
    expect(call('PARSE_TIME', [S, S], '01:00 pm', 'hh:mm a')).toBe(13 * 3_600_000);
  });

  it('throws for text that does not fit the pattern', () => {
    expect(() => call('PARSE_TIMESTAMP', [S, S], 'not a timestamp', "yyyy-MM-dd'T'HH:mm:ssX")).toThrow(/could not be parsed at index 0/);
    expect(() => call('PARSE_DATE', [S, S], '2022-02-30', 'yyyy-MM-dd')).toThrow(/invalid date/);
    expect(() => call('PARSE_DATE', [S, S], '2022-01-01 extra', 'yyyy-MM-dd')).toThrow(/at index 10/);
  });
});

describe('conversions', () => {
  it('CONVERT_TZ moves wall-clock time between zones', () => {
    expect(call('CONVERT_TZ', [T.TIMESTAMP, S, S], 100, '+0200', '+0500')).toBe(10800100);
    expect(call('CONVERT_TZ', [T.TIMESTAMP, S, S], 1589234313000, 'America/Los_Angeles', 'America/New_York')).toBe(1589245113000);
    expect(call('CONVERT_TZ', [T.TIMESTAMP, S, S], null, 'UTC', 'UTC')).toBeNull();
  });

  it('FROM_DAYS, FROM_UNIXTIME, UNIX_DATE and UNIX_TIMESTAMP convert representations', () => {
    expect(call('FROM_DAYS', [T.INT], -10)).toBe(-10);
    expect(call('FROM_UNIXTIME', [T.BIGINT], 1589234313000n)).toBe(1589234313000);
    expect(call('UNIX_DATE', [T.DATE], 100)).toBe(100);
    expect(call('UNIX_TIMESTAMP', [T.TIMESTAMP], 100)).toBe(100n);
    expect(call('UNIX_DATE', [])).toBe(Math.floor(Date.now() / 86_400_000));
    expect(Number(call('UNIX_TIMESTAMP', []))).toBeGreaterThan(1_600_000_000_000);
  });
});

describe('unit arithmetic', () => {
  it('DATEADD and DATESUB add whole days', () => {
    expect(call('DATEADD', [T.timeUnit, T.INT, T.DATE], 'DAYS', 10, 10)).toBe(20);
    expect(call('DATEADD', [T.timeUnit, T.INT, T.DATE], 'DAYS', -5, 2)).toBe(-3);
    expect(call('DATESUB', [T.timeUnit, T.INT, T.DATE], 'DAYS', 5, 2)).toBe(-3);
    expect(call('DATEADD', [T.timeUnit, T.INT, T.DATE], 'HOURS', 48, 0)).toBe(2);
    expect(call('DATEADD', [T.timeUnit, T.INT, T.DATE], 'day', 1, 0)).toBe(1);
    expect(call('DATEADD', [T.timeUnit, T.INT, T.DATE], 'MILLISECONDS', null, 5)).toBeNull();
  });

  it('TIMEADD and TIMESUB wrap around midnight', () => {
    expect(call('TIMEADD', [T.timeUnit, T.INT, T.TIME], 'MILLISECONDS', 10, 86399995)).toBe(5);
    expect(call('TIMEADD', [T.timeUnit, T.INT, T.TIME], 'MILLISECONDS', -5, 2)).toBe(86399997);
    expect(call('TIMESUB', [T.timeUnit, T.INT, T.TIME], 'HOURS', 1, 0)).toBe(82800000);
  });

  it('TIMESTAMPADD and TIMESTAMPSUB accept INT or BIGINT intervals', () => {
    expect(call('TIMESTAMPADD', [T.timeUnit, T.INT, T.TIMESTAMP], 'MILLISECONDS', -5, 2)).toBe(-3);
    expect(call('TIMESTAMPADD', [T.timeUnit, T.BIGINT, T.TIMESTAMP], 'SECONDS', 2n, 0)).toBe(2000);
    expect(call('TIMESTAMPSUB', [T.timeUnit, T.INT, T.TIMESTAMP], 'MINUTES', 1, 60000)).toBe(0);
    expect(call('TIMESTAMPADD', [T.timeUnit, T.INT, T.TIMESTAMP], 'MICROSECONDS', 1999, 0)).toBe(1);
    expect(() => call('TIMESTAMPADD', [T.timeUnit, T.INT, T.TIMESTAMP], 'FORTNIGHTS', 1, 0)).toThrow(/Unknown time unit/);
  });
});
