// Tests for the conformance summary lines and the JSON report.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, failureLines, fileSummaryLine, passedNames, totalLine, writeReport } from './report.js';
import type { FileResults } from './run-corpus.js';

const files: FileResults[] = [
  {
    fileName: 'a.json',
    results: [
      { name: 'a - one', status: 'passed', durationMs: 3 },
      { name: 'a - two', status: 'failed', reason: 'topic OUT: expected 1 records, got 0', durationMs: 4 },
    ],
  },
  { fileName: 'b.json', results: [{ name: 'b - one', status: 'skipped', reason: 'needs Schema Registry', durationMs: 0 }] },
];

describe('report', () => {
  it('prints one line per file and a total line', () => {
    expect(fileSummaryLine(files[0] ?? { fileName: '', results: [] })).toBe('a.json: 1 passed, 1 failed, 0 skipped');
    expect(totalLine(files)).toBe('1 passed, 1 failed, 1 skipped');
    expect(totalLine([])).toBe('0 passed, 0 failed, 0 skipped');
  });

  it('lists failures with reasons', () => {
    expect(failureLines(files[0] ?? { fileName: '', results: [] })).toEqual(['  FAILED a - two: topic OUT: expected 1 records, got 0']);
  });

  it('names the passed cases', () => {
    expect(passedNames(files)).toEqual(['a - one']);
  });

  it('writes every case with its status and reason as JSON', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'report-')), 'report.json');
    await writeReport(path, buildReport(files, '/corpus', 'memory'));
    const written = JSON.parse(await readFile(path, 'utf8')) as ReturnType<typeof buildReport>;
    expect(written.totals).toEqual({ passed: 1, failed: 1, skipped: 1 });
    expect(written.files).toEqual([
      { file: 'a.json', counts: { passed: 1, failed: 1, skipped: 0 } },
      { file: 'b.json', counts: { passed: 0, failed: 0, skipped: 1 } },
    ]);
    expect(written.cases[1]).toEqual({ file: 'a.json', name: 'a - two', status: 'failed', reason: 'topic OUT: expected 1 records, got 0', durationMs: 4 });
    expect(written.cases).toHaveLength(3);
  });
});
