// Loads a directory of QTT files, selects variants (filter, sample, deviations) and runs them file by file.
import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandFile, type CaseVariant } from './expand.js';
import { loadQttFile } from './qtt-loader.js';
import { runCase, type CaseResult, type RunCaseOptions } from './run-case.js';

/** The corpus lives beside the repository, never inside it. */
export const defaultCorpusDirectory = fileURLToPath(new URL('../../../shared/conformance/qtt', import.meta.url));

export interface CorpusFile {
  /** e.g. `select.json` */
  readonly fileName: string;
  readonly variants: readonly CaseVariant[];
  /** Set when the file cannot be read or parsed; the file then counts as one failure. */
  readonly loadError?: string;
}

export interface FileResults {
  readonly fileName: string;
  readonly results: readonly CaseResult[];
}

export interface CorpusSelection {
  /** Keeps variants whose full name matches. */
  readonly filter?: RegExp;
  /** Keeps this many variants, evenly spread over the (filtered) corpus. */
  readonly sample?: number;
  /** Full name → reason: run as skipped with that reason. */
  readonly deviations?: ReadonlyMap<string, string>;
}

/** Loads every `*.json` file in the directory, in name order. */
export async function loadCorpus(directory: string): Promise<CorpusFile[]> {
  const fileNames = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(fileNames.map((fileName) => loadCorpusFile(join(directory, fileName))));
}

async function loadCorpusFile(path: string): Promise<CorpusFile> {
  const fileName = basename(path);
  try {
    return { fileName, variants: expandFile(await loadQttFile(path)) };
  } catch (error) {
    return { fileName, variants: [], loadError: error instanceof Error ? error.message : String(error) };
  }
}

export function selectVariants(files: readonly CorpusFile[], selection: CorpusSelection): CorpusFile[] {
  const { filter, sample, deviations } = selection;
  const filtered = filter === undefined ? [...files] : withoutEmptyFiles(files.map((file) => ({ ...file, variants: file.variants.filter((variant) => filter.test(variant.fullName)) })));
  const sampled = sample === undefined ? filtered : sampleVariants(filtered, sample);
  if (deviations === undefined) return sampled;
  return sampled.map((file) => ({ ...file, variants: file.variants.map((variant) => withDeviation(variant, deviations)) }));
}

/** Deterministic, so that a sampled run is reproducible: every (total / count)-th variant. */
function sampleVariants(files: readonly CorpusFile[], count: number): CorpusFile[] {
  const all = files.flatMap((file) => file.variants);
  const chosen = new Set<CaseVariant>();
  const wanted = Math.min(Math.max(0, Math.floor(count)), all.length);
  for (let pick = 0; pick < wanted; pick += 1) {
    const variant = all[Math.floor((pick * all.length) / wanted)];
    if (variant !== undefined) chosen.add(variant);
  }
  return withoutEmptyFiles(files.map((file) => ({ ...file, variants: file.variants.filter((variant) => chosen.has(variant)) })));
}

/** A selection drops files it left empty, but keeps files that failed to load: their error still counts. */
function withoutEmptyFiles(files: readonly CorpusFile[]): CorpusFile[] {
  return files.filter((file) => file.variants.length > 0 || file.loadError !== undefined);
}

function withDeviation(variant: CaseVariant, deviations: ReadonlyMap<string, string>): CaseVariant {
  const reason = deviations.get(variant.fullName);
  return reason === undefined ? variant : { ...variant, skipReason: `deviation: ${reason}` };
}

/** Runs files in order and variants one at a time, each with its own driver. */
export async function runCorpus(
  files: readonly CorpusFile[],
  options: RunCaseOptions,
  onFileDone: (results: FileResults) => void = () => undefined,
): Promise<FileResults[]> {
  const allResults: FileResults[] = [];
  for (const file of files) {
    const results: CaseResult[] = file.loadError === undefined ? [] : [{ name: file.fileName, status: 'failed', reason: `cannot load file: ${file.loadError}`, durationMs: 0 }];
    for (const variant of file.variants) results.push(await runCase(variant, options));
    const fileResults = { fileName: file.fileName, results };
    onFileDone(fileResults);
    allResults.push(fileResults);
  }
  return allResults;
}

/** Full names that occur more than once; a ratchet entry for such a name would be ambiguous. */
export function duplicateNames(files: readonly CorpusFile[]): string[] {
  const counts = new Map<string, number>();
  for (const variant of files.flatMap((file) => file.variants)) counts.set(variant.fullName, (counts.get(variant.fullName) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([name]) => name);
}
