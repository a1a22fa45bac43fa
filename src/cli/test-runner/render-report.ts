// Renders a test run for the terminal: per output topic, a diff of the expected records against
// the actual ones (one record per line, - expected, + actual, in colour when the terminal has it),
// the processing log's entries, and ksql-test-runner's closing line.
import { diffArrays, diffWordsWithSpace } from 'diff';
import { stringify as stringifyLossless } from 'lossless-json';
import pc from 'picocolors';
import type { ProcessingLogEntry } from '../../runtime/index.js';
import { recordDifference, type TopicComparison } from './compare-outputs.js';
import type { TestRecord } from './test-files.js';

/** Matching records shown around a difference; longer runs of matches are folded into one line. */
const CONTEXT_RECORDS = 2;

export function renderComparisons(comparisons: readonly TopicComparison[]): string[] {
  return comparisons.flatMap((comparison) => (comparison.mismatch === undefined ? [renderMatch(comparison)] : renderTopicDiff(comparison)));
}

function renderMatch(comparison: TopicComparison): string {
  const count = comparison.expected.length;
  return pc.green(`✓ topic '${comparison.topic}': ${count} record${count === 1 ? '' : 's'} as expected`);
}

function renderTopicDiff(comparison: TopicComparison): string[] {
  const header = pc.bold(`✗ topic '${comparison.topic}'`) + pc.dim(` (${pc.red('- expected')}, ${pc.green('+ actual')})`);
  if (comparison.actual === undefined) return [header, ...comparison.expected.map((record) => pc.red(`- ${recordLine(record, lineShape(comparison))}`))];
  const shape = lineShape(comparison);
  const changes = diffArrays<TestRecord>([...comparison.expected], [...comparison.actual], {
    comparator: (expected, actual) => recordDifference(expected, actual) === undefined,
  });
  const lines = [header];
  for (const [index, change] of changes.entries()) {
    const next = changes[index + 1];
    if (change.removed && next?.added === true) {
      lines.push(...changedLines(change.value.map((record) => recordLine(record, shape)), next.value.map((record) => recordLine(record, shape))));
    } else if (change.removed) lines.push(...change.value.map((record) => pc.red(`- ${recordLine(record, shape)}`)));
    else if (change.added && changes[index - 1]?.removed !== true) lines.push(...change.value.map((record) => pc.green(`+ ${recordLine(record, shape)}`)));
    else if (!change.added) lines.push(...contextLines(change.value, shape, index > 0, index < changes.length - 1));
  }
  return lines;
}

/** Expected lines replaced by actual ones: the words that differ within each pair stand out. */
function changedLines(expected: readonly string[], actual: readonly string[]): string[] {
  const removed = expected.map((line, index) => (index < actual.length ? highlightWords(line, actual[index]!, 'removed') : line));
  const added = actual.map((line, index) => (index < expected.length ? highlightWords(expected[index]!, line, 'added') : line));
  return [...removed.map((line) => pc.red(`- ${line}`)), ...added.map((line) => pc.green(`+ ${line}`))];
}

function highlightWords(expected: string, actual: string, side: 'removed' | 'added'): string {
  return diffWordsWithSpace(expected, actual)
    .filter((part) => (side === 'removed' ? !part.added : !part.removed))
    .map((part) => (part[side] ? pc.inverse(part.value) : part.value))
    .join('');
}

/** Matching records, folded to CONTEXT_RECORDS beside the differences before and after them. */
function contextLines(records: readonly TestRecord[], shape: LineShape, afterChange: boolean, beforeChange: boolean): string[] {
  const head = afterChange ? records.slice(0, CONTEXT_RECORDS) : [];
  const tail = beforeChange ? records.slice(Math.max(head.length, records.length - CONTEXT_RECORDS)) : [];
  const folded = records.length - head.length - tail.length;
  const line = (record: TestRecord) => pc.dim(`  ${recordLine(record, shape)}`);
  return [...head.map(line), ...(folded > 0 ? [pc.dim(`  … ${folded} matching record${folded === 1 ? '' : 's'}`)] : []), ...tail.map(line)];
}

interface LineShape {
  readonly timestamp: boolean;
  readonly window: boolean;
}

/** Timestamps and windows are shown only where the expected records give them: elsewhere they are not compared. */
function lineShape(comparison: TopicComparison): LineShape {
  return {
    timestamp: comparison.expected.some((record) => record.timestamp !== undefined),
    window: comparison.expected.some((record) => record.window !== undefined),
  };
}

function recordLine(record: TestRecord, shape: LineShape): string {
  const fields: Record<string, unknown> = { key: record.key, value: record.value };
  if (shape.timestamp) fields['timestamp'] = record.timestamp ?? null;
  if (shape.window) fields['window'] = record.window ?? null;
  return stringifyLossless(fields) ?? '';
}

export function renderProcessingErrors(entries: readonly ProcessingLogEntry[]): string[] {
  return entries.map((entry) =>
    pc.yellow(`processing log: ${entry.queryId} skipped ${entry.topic} partition ${entry.partition} offset ${entry.offset} (${entry.kind}): ${entry.message}`),
  );
}

export function renderVerdict(firstMismatch: string | undefined): string {
  return firstMismatch === undefined ? pc.green('>>> Test passed!') : pc.red(pc.bold(`>>> Test failed: ${firstMismatch}`));
}
