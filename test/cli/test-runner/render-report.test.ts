// The report's diff: one record per line, long runs of matching records folded, and the verdict.
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { compareOutputs } from '../../../src/cli/test-runner/compare-outputs.js';
import { renderComparisons, renderProcessingErrors, renderVerdict } from '../../../src/cli/test-runner/render-report.js';
import type { ActualRecord } from '../../../src/cli/test-runner/run-statements.js';
import type { TestRecord } from '../../../src/cli/test-runner/test-files.js';

// picocolors colours the text when the environment asks for it (a terminal, FORCE_COLOR, CI); the
// assertions read the text without its colour codes.
const plain = (lines: readonly string[]): string[] => lines.map((line) => stripVTControlCharacters(line));
const numbered = (count: number): TestRecord[] => Array.from({ length: count }, (_, index) => ({ topic: 't', key: `k${index}`, value: index }));
const asActual = (records: readonly TestRecord[]): ActualRecord[] => records.map((record) => ({ ...record, timestamp: 0 }));

describe('renderComparisons', () => {
  it('folds matching records beyond two around a difference', () => {
    // expected k0..k9; actual has k3's value changed and an extra record at the end.
    const expected = numbered(10);
    const actual = asActual([...expected.slice(0, 3), { topic: 't', key: 'k3', value: 33 }, ...expected.slice(4), { topic: 't', key: 'k10', value: 10 }]);
    expect(plain(renderComparisons(compareOutputs(expected, new Map([['t', actual]]))))).toEqual([
      "✗ topic 't' (- expected, + actual)",
      '  … 1 matching record',
      '  {"key":"k1","value":1}',
      '  {"key":"k2","value":2}',
      '- {"key":"k3","value":3}',
      '+ {"key":"k3","value":33}',
      '  {"key":"k4","value":4}',
      '  {"key":"k5","value":5}',
      '  … 2 matching records',
      '  {"key":"k8","value":8}',
      '  {"key":"k9","value":9}',
      '+ {"key":"k10","value":10}',
    ]);
  });

  it('shows timestamps where the expected records give them, and every expected record of a missing topic', () => {
    const expected: TestRecord[] = [{ topic: 'gone', key: 'k', value: 1, timestamp: 5 }];
    expect(plain(renderComparisons(compareOutputs(expected, new Map())))).toEqual(["✗ topic 'gone' (- expected, + actual)", '- {"key":"k","value":1,"timestamp":5}']);
  });
});

describe('the rest of the report', () => {
  it("ends with ksql-test-runner's verdict and lists skipped records", () => {
    expect(stripVTControlCharacters(renderVerdict(undefined))).toBe('>>> Test passed!');
    expect(stripVTControlCharacters(renderVerdict("topic 't': expected 1 record but got 0"))).toBe(">>> Test failed: topic 't': expected 1 record but got 0");
    expect(
      plain(renderProcessingErrors([{ queryId: 'CSAS_X_1', kind: 'DESERIALIZATION_ERROR', message: 'bad JSON', topic: 's', partition: 0, offset: 3, time: 0 }])),
    ).toEqual(['processing log: CSAS_X_1 skipped s partition 0 offset 3 (DESERIALIZATION_ERROR): bad JSON']);
  });
});
