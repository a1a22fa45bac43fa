// Tests for loading a corpus directory, selecting variants and running them file by file.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConformanceDriver, DriverFactory } from './driver-api.js';
import { duplicateNames, loadCorpus, runCorpus, selectVariants, type CorpusFile } from './run-corpus.js';

/** A driver on which every statement succeeds and every topic is empty. */
const emptyDriver: DriverFactory = async (): Promise<ConformanceDriver> => ({
  execute: async () => undefined,
  produce: async () => undefined,
  drain: async () => undefined,
  readTopic: async () => [],
  source: () => undefined,
  topicNames: async () => [],
  close: async () => undefined,
});

async function corpusDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'corpus-'));
  await writeFile(
    join(directory, 'b-file.json'),
    `{"tests": [
      {"name": "empty", "statements": ["S;"], "outputs": []},
      {"name": "one out", "statements": ["S;"], "outputs": [{"topic": "OUT", "value": 1}]},
      {"name": "formats", "format": ["JSON", "PROTOBUF"], "statements": ["CREATE x WITH (value_format='{FORMAT}');"], "outputs": []}
    ]}`,
  );
  await writeFile(join(directory, 'a-broken.json'), '{"tests": [');
  await writeFile(join(directory, 'notes.md'), 'not a QTT file');
  return directory;
}

const names = (files: readonly CorpusFile[]): string[] => files.flatMap((file) => file.variants.map((variant) => variant.fullName));

describe('loadCorpus', () => {
  it('loads *.json files in name order and records files that cannot be parsed', async () => {
    const files = await loadCorpus(await corpusDirectory());
    expect(files.map((file) => file.fileName)).toEqual(['a-broken.json', 'b-file.json']);
    expect(files[0]?.loadError).toBeDefined();
    expect(names(files)).toEqual(['b-file - empty', 'b-file - one out', 'b-file - formats - JSON', 'b-file - formats - PROTOBUF']);
  });
});

describe('selectVariants', () => {
  it('filters by full name', async () => {
    const files = await loadCorpus(await corpusDirectory());
    expect(names(selectVariants(files, { filter: /formats/ }))).toEqual(['b-file - formats - JSON', 'b-file - formats - PROTOBUF']);
  });

  it('drops files a filter leaves empty, but keeps files that failed to load', async () => {
    const files = await loadCorpus(await corpusDirectory());
    const withEmpty = [...files, { fileName: 'c.json', variants: [] }];
    expect(selectVariants(withEmpty, { filter: /nothing matches/ }).map((file) => file.fileName)).toEqual(['a-broken.json']);
    expect(selectVariants(withEmpty, {}).map((file) => file.fileName)).toEqual(['a-broken.json', 'b-file.json', 'c.json']);
  });

  it('samples evenly and reproducibly', async () => {
    const files = await loadCorpus(await corpusDirectory());
    expect(names(selectVariants(files, { sample: 2 }))).toEqual(['b-file - empty', 'b-file - formats - JSON']);
    expect(names(selectVariants(files, { sample: 99 }))).toHaveLength(4);
  });

  it('skips deviations with their reason', async () => {
    const files = await loadCorpus(await corpusDirectory());
    const deviations = new Map([
      ['b-file - one out', 'ksqlDB-specific'],
      ['b-file - formats - PROTOBUF', 'ignored'],
    ]);
    const variants = selectVariants(files, { deviations }).flatMap((file) => file.variants);
    expect(variants.map((variant) => variant.skipReason)).toEqual([undefined, 'deviation: ksqlDB-specific', undefined, 'deviation: ignored']);
  });
});

describe('runCorpus', () => {
  it('runs every variant, counting an unloadable file as one failure', async () => {
    const files = await loadCorpus(await corpusDirectory());
    const reported: string[] = [];
    const results = await runCorpus(files, { createDriver: emptyDriver, backend: 'memory', timeoutMs: 1000 }, (file) => reported.push(file.fileName));
    expect(reported).toEqual(['a-broken.json', 'b-file.json']);
    expect(results[0]?.results[0]).toMatchObject({ name: 'a-broken.json', status: 'failed' });
    expect(results[0]?.results[0]?.reason).toMatch(/^cannot load file: /);
    expect(results[1]?.results.map((result) => [result.name, result.status])).toEqual([
      ['b-file - empty', 'passed'],
      ['b-file - one out', 'failed'],
      ['b-file - formats - JSON', 'passed'],
      ['b-file - formats - PROTOBUF', 'passed'],
    ]);
  });
});

describe('duplicateNames', () => {
  it('finds full names that occur twice', async () => {
    const files = await loadCorpus(await corpusDirectory());
    expect(duplicateNames(files)).toEqual([]);
    const doubled = files.map((file) => ({ ...file, variants: [...file.variants, ...file.variants.slice(0, 1)] }));
    expect(duplicateNames(doubled)).toEqual(['b-file - empty']);
  });
});
