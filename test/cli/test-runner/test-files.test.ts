// ksql-test-runner's input and output files, and what a file that is not one gets.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLosslessNumber } from 'lossless-json';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTestRecords } from '../../../src/cli/test-runner/test-files.js';

let directory: string;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'squall-test-files-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function fileWith(name: string, text: string): Promise<string> {
  const path = join(directory, name);
  await writeFile(path, text);
  return path;
}

describe('readTestRecords', () => {
  it('reads records with lossless numbers, a default null key, and windows with their type', async () => {
    const file = await fileWith(
      'outputs.json',
      '{"outputs": [{"topic": "t", "value": {"PRICE": 12.50}, "timestamp": 5}, {"topic": "w", "key": "k", "value": null, "window": {"start": 0, "end": 10, "type": "SESSION"}}]}',
    );
    const [plain, windowed] = await readTestRecords(file, 'outputs');
    expect(plain).toMatchObject({ topic: 't', key: null, timestamp: 5 });
    const price = (plain?.value as Record<string, unknown>)['PRICE'];
    expect(isLosslessNumber(price) && price.value).toBe('12.50');
    expect(windowed).toEqual({ topic: 'w', key: 'k', value: null, window: { start: 0, end: 10, type: 'session' } });
  });

  it.each([
    ['not JSON', '{"inputs": [', /is not JSON/],
    ['no array', '{"outputs": []}', /must be an object with an array "inputs"/],
    ['no topic', '{"inputs": [{"key": 1}]}', /inputs\[0\] needs a "topic" string/],
    ['a fractional timestamp', '{"inputs": [{"topic": "t", "timestamp": 1.5}]}', /inputs\[0\]\.timestamp must be an integer/],
    ['an unknown window type', '{"inputs": [{"topic": "t", "window": {"start": 0, "end": 1, "type": "hopping"}}]}', /inputs\[0\]\.window\.type must be "time" or "session"/],
  ])('refuses a file with %s, naming the file', async (name, text, problem) => {
    const file = await fileWith(`${name}.json`, text);
    await expect(readTestRecords(file, 'inputs')).rejects.toThrow(problem);
    await expect(readTestRecords(file, 'inputs')).rejects.toThrow(file);
  });
});
