// Expected outputs against actual records: per topic, in order, JSON by value.
import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { compareOutputs, recordDifference } from '../../../src/cli/test-runner/compare-outputs.js';
import type { ActualRecord } from '../../../src/cli/test-runner/run-statements.js';
import type { TestRecord } from '../../../src/cli/test-runner/test-files.js';

function expected(json: string): TestRecord {
  return parse(json) as TestRecord;
}

function actual(json: string): ActualRecord {
  return parse(json) as ActualRecord;
}

describe('recordDifference', () => {
  it('matches numbers by value, however the file writes them', () => {
    expect(recordDifference(expected('{"topic":"t","key":1,"value":{"A":25.0,"B":100}}'), actual('{"topic":"t","key":1.00,"value":{"A":25.00,"B":1e2},"timestamp":5}'))).toBeUndefined();
    expect(recordDifference(expected('{"topic":"t","key":null,"value":{"BIG":9007199254740993}}'), { topic: 't', key: null, value: { BIG: 9007199254740993n }, timestamp: 0 })).toBeUndefined();
  });

  it('names the first field that differs, one missing or one not expected', () => {
    expect(recordDifference(expected('{"topic":"t","key":"k","value":{"A":[1,2]}}'), actual('{"topic":"t","key":"k","value":{"A":[1,3]},"timestamp":0}'))).toBe('value.A[1]: expected 2 but was 3');
    expect(recordDifference(expected('{"topic":"t","key":"k","value":{"A":1,"B":2}}'), actual('{"topic":"t","key":"k","value":{"A":1},"timestamp":0}'))).toBe('value.B: expected 2 but was no such field');
    expect(recordDifference(expected('{"topic":"t","key":"k","value":{"A":1}}'), actual('{"topic":"t","key":"k","value":{"A":1,"C":"x"},"timestamp":0}'))).toBe('value.C: expected no such field but was "x"');
    expect(recordDifference(expected('{"topic":"t","key":"k","value":null}'), actual('{"topic":"t","key":"j","value":null,"timestamp":0}'))).toBe('key: expected "k" but was "j"');
  });

  it('compares the timestamp and the window only when the expected record gives them', () => {
    const record = actual('{"topic":"t","key":"k","value":1,"timestamp":10,"window":{"start":0,"end":10,"type":"time"}}');
    expect(recordDifference(expected('{"topic":"t","key":"k","value":1}'), record)).toBeUndefined();
    expect(recordDifference(expected('{"topic":"t","key":"k","value":1,"timestamp":11}'), record)).toBe('timestamp: expected 11 but was 10');
    expect(recordDifference(expected('{"topic":"t","key":"k","value":1,"window":{"start":0,"end":20,"type":"time"}}'), record)).toBe(
      'window: expected {"start":0,"end":20,"type":"time"} but was {"start":0,"end":10,"type":"time"}',
    );
  });
});

describe('compareOutputs', () => {
  const expectedRecords = [expected('{"topic":"a","key":"1","value":1}'), expected('{"topic":"b","key":"2","value":2}'), expected('{"topic":"a","key":"3","value":3}')];

  it('compares each topic in the order the expected outputs name it', () => {
    const comparisons = compareOutputs(expectedRecords, new Map([['a', [actual('{"topic":"a","key":"1","value":1,"timestamp":0}'), actual('{"topic":"a","key":"3","value":3,"timestamp":0}')]], ['b', []]]));
    expect(comparisons.map((comparison) => [comparison.topic, comparison.mismatch])).toEqual([
      ['a', undefined],
      ['b', "topic 'b': expected 1 record but got 0"],
    ]);
  });

  it('reports records out of order, extra records and a topic that does not exist', () => {
    const swapped = [actual('{"topic":"a","key":"3","value":3,"timestamp":0}'), actual('{"topic":"a","key":"1","value":1,"timestamp":0}')];
    const extra = [actual('{"topic":"b","key":"2","value":2,"timestamp":0}'), actual('{"topic":"b","key":"2","value":2,"timestamp":0}')];
    expect(compareOutputs(expectedRecords, new Map([['a', swapped], ['b', extra]])).map((comparison) => comparison.mismatch)).toEqual([
      `topic 'a', record 1: key: expected "1" but was "3"`,
      "topic 'b': expected 1 record but got 2",
    ]);
    expect(compareOutputs(expectedRecords, new Map([['b', extra.slice(1)]]))[0]?.mismatch).toBe("topic 'a' does not exist: no statement of the SQL file writes to it");
  });
});
