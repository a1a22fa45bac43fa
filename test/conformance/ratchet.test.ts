// The conformance ratchet: every case listed in passing.txt must still pass on the memory backend.
import { describe, expect, it } from 'vitest';
import { mergePassingNames, readPassingList } from './case-lists.js';
import { createDriver } from './driver.js';
import { defaultCaseTimeoutMs, runCase } from './run-case.js';
import { defaultCorpusDirectory, duplicateNames, loadCorpus } from './run-corpus.js';

const listedNames = await readPassingList();

describe('passing.txt', () => {
  it('is a sorted list of unique full case names', () => {
    // Merging into an empty list sorts and de-duplicates, so a well-kept list comes back unchanged.
    expect(mergePassingNames([], listedNames)).toEqual(listedNames);
    for (const name of listedNames) expect(name).toMatch(/^\S.* - \S/);
  });
});

describe.runIf(listedNames.length > 0)('conformance ratchet (memory backend)', async () => {
  const files = await loadCorpus(defaultCorpusDirectory);
  const variants = new Map(files.flatMap((file) => file.variants).map((variant) => [variant.fullName, variant]));

  it('lists only names that exist, once, in the corpus', () => {
    const missing = listedNames.filter((name) => !variants.has(name));
    expect(missing, `passing.txt lists cases that no longer exist in ${defaultCorpusDirectory}`).toEqual([]);
    expect(duplicateNames(files).filter((name) => listedNames.includes(name))).toEqual([]);
  });

  for (const name of listedNames) {
    it(`still passes: ${name}`, async () => {
      const variant = variants.get(name);
      if (variant === undefined) throw new Error(`${name}: listed in passing.txt but not found in the corpus`);
      const result = await runCase(variant, { createDriver, backend: 'memory', timeoutMs: defaultCaseTimeoutMs });
      expect(result.status, `${name}: ${result.reason ?? ''}`).toBe('passed');
    });
  }
});
