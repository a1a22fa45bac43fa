// Reads and writes the committed case lists: the passing ratchet (passing.txt) and the deviations (deviations.json).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const passingListPath = fileURLToPath(new URL('./passing.txt', import.meta.url));
const deviationsPath = fileURLToPath(new URL('./deviations.json', import.meta.url));

/**
 * One full case name per line; blank lines are ignored. Names are kept exactly (the corpus has
 * names that differ only by trailing spaces). Throws on duplicate names.
 */
export function parsePassingList(text: string): string[] {
  const names = text
    .split('\n')
    .map((line) => line.replace(/\r$/, ''))
    .filter((line) => line.trim() !== '');
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(`passing.txt lists "${name}" twice`);
    seen.add(name);
  }
  return names;
}

export async function readPassingList(path = passingListPath): Promise<string[]> {
  return parsePassingList(await readFile(path, 'utf8'));
}

/**
 * The ratchet only grows: the result holds every listed name plus the newly passing ones, sorted.
 * The default sort compares UTF-16 code units, so the order is the same on every machine and locale.
 */
export function mergePassingNames(listed: readonly string[], passing: readonly string[]): string[] {
  return [...new Set([...listed, ...passing])].sort();
}

/** Adds names to passing.txt and returns how many were new. */
export async function addPassingNames(passing: readonly string[], path = passingListPath): Promise<number> {
  const listed = await readPassingList(path);
  const merged = mergePassingNames(listed, passing);
  await writeFile(path, merged.map((name) => `${name}\n`).join(''));
  return merged.length - listed.length;
}

/** `{ "<full name>": "reason" }`: cases Squall deliberately does not follow. */
export function parseDeviations(text: string): Map<string, string> {
  const document: unknown = JSON.parse(text);
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    throw new Error('deviations.json must be an object of "<full case name>": "reason"');
  }
  const deviations = new Map<string, string>();
  for (const [name, reason] of Object.entries(document)) {
    if (typeof reason !== 'string' || reason.trim() === '') throw new Error(`deviations.json: "${name}" needs a reason string`);
    deviations.set(name, reason);
  }
  return deviations;
}

export async function readDeviations(path = deviationsPath): Promise<Map<string, string>> {
  return parseDeviations(await readFile(path, 'utf8'));
}
