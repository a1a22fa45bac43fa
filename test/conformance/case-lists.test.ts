// Tests for the passing.txt ratchet list and deviations.json.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPassingNames, mergePassingNames, parseDeviations, parsePassingList } from './case-lists.js';

describe('passing list', () => {
  it('reads one name per line, ignoring blank lines and keeping names exactly', () => {
    expect(parsePassingList('a - x\n\n  b - y  \n')).toEqual(['a - x', '  b - y  ']);
    expect(parsePassingList('')).toEqual([]);
  });

  it('rejects a name listed twice', () => {
    expect(() => parsePassingList('a - x\na - x\n')).toThrow(/twice/);
  });

  it('only ever grows, sorted', () => {
    expect(mergePassingNames(['b - 1', 'd - 1'], ['a - 1', 'b - 1'])).toEqual(['a - 1', 'b - 1', 'd - 1']);
  });

  it('sorts by code unit, whatever the locale: upper case before lower, accents last', () => {
    expect(mergePassingNames(['b - 1', 'é - 1'], ['a - 1', 'B - 1'])).toEqual(['B - 1', 'a - 1', 'b - 1', 'é - 1']);
  });

  it('adds newly passing names to the file and keeps the listed ones', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'passing-')), 'passing.txt');
    await writeFile(path, 'z - kept\n');
    expect(await addPassingNames(['a - new', 'z - kept'], path)).toBe(1);
    expect(await readFile(path, 'utf8')).toBe('a - new\nz - kept\n');
  });
});

describe('deviations', () => {
  it('reads full names with reasons', () => {
    expect(parseDeviations('{"f - a": "ksqlDB-specific error text"}')).toEqual(new Map([['f - a', 'ksqlDB-specific error text']]));
    expect(parseDeviations('{}').size).toBe(0);
  });

  it('rejects a list or an empty reason', () => {
    expect(() => parseDeviations('["f - a"]')).toThrow(/must be an object/);
    expect(() => parseDeviations('{"f - a": ""}')).toThrow(/needs a reason/);
  });
});
