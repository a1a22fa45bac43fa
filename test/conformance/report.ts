// Summarises conformance results: the per-file and total lines the CLI prints, and the JSON report.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Backend } from './driver-api.js';
import type { CaseResult, CaseStatus } from './run-case.js';
import type { FileResults } from './run-corpus.js';

export type StatusCounts = Readonly<Record<CaseStatus, number>>;

export interface ConformanceReport {
  readonly corpusDirectory: string;
  readonly backend: Backend;
  readonly totals: StatusCounts;
  readonly files: readonly { readonly file: string; readonly counts: StatusCounts }[];
  readonly cases: readonly { readonly file: string; readonly name: string; readonly status: CaseStatus; readonly reason?: string; readonly durationMs: number }[];
}

function countStatuses(results: readonly CaseResult[]): StatusCounts {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

function describeCounts(counts: StatusCounts): string {
  return `${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`;
}

/** `select.json: 3 passed, 1 failed, 0 skipped` */
export function fileSummaryLine(file: FileResults): string {
  return `${file.fileName}: ${describeCounts(countStatuses(file.results))}`;
}

/** The failures of one file, one indented line each, for --verbose. */
export function failureLines(file: FileResults): string[] {
  return file.results.filter((result) => result.status === 'failed').map((result) => `  FAILED ${result.name}: ${result.reason ?? ''}`);
}

/** The run's last line: `N passed, M failed, K skipped`. */
export function totalLine(files: readonly FileResults[]): string {
  return describeCounts(countStatuses(files.flatMap((file) => file.results)));
}

export function buildReport(files: readonly FileResults[], corpusDirectory: string, backend: Backend): ConformanceReport {
  return {
    corpusDirectory,
    backend,
    totals: countStatuses(files.flatMap((file) => file.results)),
    files: files.map((file) => ({ file: file.fileName, counts: countStatuses(file.results) })),
    cases: files.flatMap((file) => file.results.map((result) => ({ file: file.fileName, ...result }))),
  };
}

export async function writeReport(path: string, report: ConformanceReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** Names of the cases that passed, for --update-passing. */
export function passedNames(files: readonly FileResults[]): string[] {
  return files.flatMap((file) => file.results.filter((result) => result.status === 'passed').map((result) => result.name));
}
