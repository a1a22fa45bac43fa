// Tests for the expected-vs-actual record comparison (ksqlDB ExpectedRecordComparator rules).
import { LosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { compareRecord, compareValue, describeValue, type RecordComparisonOptions } from './compare.js';
import type { ActualRecord, QttRecordSpec } from './driver-api.js';

const exact = { exactNumbers: true };
const inexact = { exactNumbers: false };
const number = (text: string): LosslessNumber => new LosslessNumber(text);
const matches = (expected: unknown, actual: unknown, options = exact): boolean => compareValue(expected, actual, options) === undefined;

describe('compareValue: objects', () => {
  it('looks each expected field up as written, then upper-cased', () => {
    expect(matches(parse('{"name": "a", "Id": 1}'), parse('{"NAME": "a", "Id": 1}'))).toBe(true);
    expect(matches(parse('{"name": "a"}'), parse('{"Name": "a"}'))).toBe(false);
  });

  it('reads a field that is not there as null, as the upstream comparator does', () => {
    expect(matches(parse('{"A": null, "B": 1}'), parse('{"X": null, "B": 1}'))).toBe(true);
    expect(matches(parse('{"A": 2, "B": 1}'), parse('{"X": 2, "B": 1}'))).toBe(false);
  });

  it('needs the same number of fields', () => {
    expect(compareValue(parse('{"A": 1}'), parse('{"A": 1, "B": 2}'), exact)?.expected).toMatch(/^1 fields/);
  });

  it('reports the path of the first nested difference', () => {
    expect(compareValue(parse('{"A": {"B": [1, 2]}}'), parse('{"A": {"B": [1, 3]}}'), exact)).toEqual({ path: '$.A.B[1]', expected: '2', actual: '3' });
  });

  it('does not accept a non-object for an object', () => {
    expect(matches(parse('{"A": 1}'), '{"A": 1}')).toBe(false);
  });
});

describe('compareValue: arrays', () => {
  it('compares element-wise and needs equal length', () => {
    expect(matches(parse('[1, "a", null]'), parse('[1, "a", null]'))).toBe(true);
    expect(matches(parse('[1, 2]'), parse('[1, 2, 3]'))).toBe(false);
    expect(matches(parse('[1, 2]'), parse('[2, 1]'))).toBe(false);
  });
});

describe('compareValue: numbers', () => {
  it('compares integers exactly, beyond 2^53 too', () => {
    expect(matches(number('9223372036854775807'), number('9223372036854775807'))).toBe(true);
    expect(matches(number('9223372036854775807'), number('9223372036854775806'))).toBe(false);
    expect(matches(number('9223372036854775807'), 9223372036854775807n)).toBe(true);
    expect(matches(number('5'), 5)).toBe(true);
    expect(matches(number('5'), 6)).toBe(false);
  });

  it('compares decimal text including scale, like BigDecimal.equals', () => {
    expect(matches(number('10.0000'), number('10.0000'))).toBe(true);
    expect(matches(number('10.0000'), number('10.0'))).toBe(false);
    expect(matches(number('1.0E10'), number('10000000000.0'))).toBe(false);
    expect(matches(number('1.0E10'), number('1.0E+10'))).toBe(true);
  });

  it('accepts an actual decimal for an expected integer only without fractional digits', () => {
    expect(matches(number('5'), number('5.0'))).toBe(false);
    expect(matches(number('50'), number('5E1'))).toBe(true);
    expect(matches(number('5'), number('5E1'))).toBe(false);
  });

  it('compares decimals as doubles within 1e-6 when exact comparison is off', () => {
    expect(matches(number('0.1'), number('0.10000000001'), inexact)).toBe(true);
    expect(matches(number('5'), number('5.0'), inexact)).toBe(true);
    expect(matches(number('0.1'), number('0.1001'), inexact)).toBe(false);
    expect(matches(number('0.1'), number('0.10000000001'), exact)).toBe(false);
  });

  it('compares plain non-integer numbers (KAFKA doubles) within 1e-6', () => {
    expect(matches(number('5.0'), 5)).toBe(true);
    expect(matches(number('0.3'), 0.1 + 0.2)).toBe(true);
    expect(matches(number('0.3'), 0.31)).toBe(false);
  });

  it('does not accept a string for a number', () => {
    expect(matches(number('5'), '5')).toBe(false);
  });
});

describe('compareValue: strings, booleans, null', () => {
  it('compares strings exactly', () => {
    expect(matches('a', 'a')).toBe(true);
    expect(matches('a', 'A')).toBe(false);
  });

  it('compares an actual decimal with the expected string as a BigDecimal', () => {
    expect(matches('1.50', number('1.50'))).toBe(true);
    expect(matches('1.50', number('1.5'))).toBe(false);
    expect(matches('5', number('5'))).toBe(false);
  });

  it('compares booleans and null exactly', () => {
    expect(matches(true, true)).toBe(true);
    expect(matches(true, 'true')).toBe(false);
    expect(matches(null, null)).toBe(true);
    expect(matches(null, number('0'))).toBe(false);
  });
});

const withInputs: RecordComparisonOptions = { exactNumbers: true, caseHasInputs: true };
const actualRecord = (fields: Partial<ActualRecord>): ActualRecord => ({ topic: 'T', key: null, value: null, timestamp: 0, headers: [], ...fields });
const expectedRecord = (fields: Partial<QttRecordSpec>): QttRecordSpec => ({ topic: 'T', value: null, ...fields });

describe('compareRecord', () => {
  it('treats an absent expected key as a null key', () => {
    expect(compareRecord(expectedRecord({}), actualRecord({ key: null }), withInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({}), actualRecord({ key: 'k' }), withInputs)).toMatch(/^key mismatch at \$: expected null, got "k"/);
  });

  it('reports value mismatches with the path', () => {
    expect(compareRecord(expectedRecord({ value: parse('{"A": 1}') }), actualRecord({ value: parse('{"A": 2}') }), withInputs)).toBe(
      'value mismatch at $.A: expected 1, got 2',
    );
  });

  it('checks start, end and type of windows, and their presence', () => {
    const window = { start: 0, end: 1000, type: 'time' } as const;
    expect(compareRecord(expectedRecord({ window }), actualRecord({ window }), withInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({ window }), actualRecord({ window: { ...window, type: 'session' } }), withInputs)).toMatch(/^window mismatch/);
    expect(compareRecord(expectedRecord({ window }), actualRecord({ window: { ...window, end: 999 } }), withInputs)).toMatch(/^window mismatch/);
    expect(compareRecord(expectedRecord({ window }), actualRecord({}), withInputs)).toMatch(/unwindowed/);
    expect(compareRecord(expectedRecord({}), actualRecord({ window }), withInputs)).toMatch(/unwindowed/);
  });

  it('checks a timestamp only when one is expected', () => {
    expect(compareRecord(expectedRecord({}), actualRecord({ timestamp: 77 }), withInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({ timestamp: 77 }), actualRecord({ timestamp: 77 }), withInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({ timestamp: 76 }), actualRecord({ timestamp: 77 }), withInputs)).toBe('timestamp mismatch: expected 76, got 77');
  });

  it('lets an expected timestamp of 0 match anything only when the case has no inputs', () => {
    const noInputs = { ...withInputs, caseHasInputs: false };
    expect(compareRecord(expectedRecord({ timestamp: 0 }), actualRecord({ timestamp: 1234 }), noInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({ timestamp: 0 }), actualRecord({ timestamp: 1234 }), withInputs)).toMatch(/timestamp mismatch/);
    expect(compareRecord(expectedRecord({ timestamp: 5 }), actualRecord({ timestamp: 1234 }), noInputs)).toMatch(/timestamp mismatch/);
  });

  it('requires no headers unless some are expected, then the same ones in order', () => {
    const headers = [{ KEY: 'a', VALUE: 'AQI=' }, { KEY: 'b', VALUE: null }];
    expect(compareRecord(expectedRecord({}), actualRecord({ headers }), withInputs)).toMatch(/^headers mismatch/);
    expect(compareRecord(expectedRecord({ headers }), actualRecord({ headers }), withInputs)).toBeUndefined();
    expect(compareRecord(expectedRecord({ headers }), actualRecord({ headers: [...headers].reverse() }), withInputs)).toMatch(/^headers mismatch/);
  });
});

describe('describeValue', () => {
  it('keeps number text and marks bigints and absent values', () => {
    expect(describeValue(parse('{"D": 10.0000}'))).toBe('{"D":10.0000}');
    expect(describeValue(12n)).toBe('12n');
    expect(describeValue(undefined)).toBe('absent');
  });
});
