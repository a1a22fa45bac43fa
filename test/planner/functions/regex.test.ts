import { describe, expect, it } from 'vitest';
import { T, call } from './call-function.js';

const S = T.STRING;

describe('regular expression functions', () => {
  it('REGEXP_EXTRACT takes the pattern first and returns the match or a group', () => {
    expect(call('REGEXP_EXTRACT', [S, S], '\\d+', 'abc 123 def 456')).toBe('123');
    expect(call('REGEXP_EXTRACT', [S, S, T.INT], '(\\w+)@(\\w+)', 'mail bob@example now', 2)).toBe('example');
    expect(call('REGEXP_EXTRACT', [S, S], 'x', 'abc')).toBeNull();
    expect(() => call('REGEXP_EXTRACT', [S, S, T.INT], '(a)', 'a', 2)).toThrow(/No group 2/);
  });

  it('REGEXP_EXTRACT_ALL returns every match', () => {
    expect(call('REGEXP_EXTRACT_ALL', [S, S], '\\d+', 'a1b22c333')).toEqual(['1', '22', '333']);
    expect(call('REGEXP_EXTRACT_ALL', [S, S, T.INT], '(\\w)(\\d)', 'a1 b2', 1)).toEqual(['a', 'b']);
    expect(call('REGEXP_EXTRACT_ALL', [S, S], 'z', 'abc')).toEqual([]);
  });

  it('REGEXP_REPLACE replaces every match, with Java replacement syntax', () => {
    expect(call('REGEXP_REPLACE', [S, S, S], 'baababaa', '(ab)+', 'cat')).toBe('bacataa');
    expect(call('REGEXP_REPLACE', [S, S, S], 'baabbabaa', '(ab)+', 'cat')).toBe('bacatbcataa');
    expect(call('REGEXP_REPLACE', [S, S, S], 'john smith', '(\\w+) (\\w+)', '$2, $1')).toBe('smith, john');
    expect(call('REGEXP_REPLACE', [S, S, S], 'cost', 'cost', '\\$5')).toBe('$5');
    expect(call('REGEXP_REPLACE', [S, S, S], 'abc', 'b', '[$0]')).toBe('a[b]c');
    expect(call('REGEXP_REPLACE', [S, S, S], 'ABC', '(?i)b', '-')).toBe('A-C');
    expect(call('REGEXP_REPLACE', [S, S, S], null, '(ab)+', 'cat')).toBeNull();
  });

  it('REGEXP_SPLIT_TO_ARRAY splits without keeping groups', () => {
    expect(call('REGEXP_SPLIT_TO_ARRAY', [S, S], 'aabcda', '(ab|cd)')).toEqual(['a', '', 'a']);
    expect(call('REGEXP_SPLIT_TO_ARRAY', [S, S], 'aabdcda', '(ab|cd)')).toEqual(['a', 'd', 'a']);
    expect(call('REGEXP_SPLIT_TO_ARRAY', [S, S], 'zxy', '(ab|cd)')).toEqual(['zxy']);
    expect(call('REGEXP_SPLIT_TO_ARRAY', [S, S], ',a,', ',')).toEqual(['', 'a', '']);
    expect(call('REGEXP_SPLIT_TO_ARRAY', [S, S], 'zxy', null)).toBeNull();
  });

  it('understands Java-only quoting and input anchors', () => {
    expect(call('REGEXP_REPLACE', [S, S, S], 'a.b.c', '\\Q.\\E', '-')).toBe('a-b-c');
    expect(call('REGEXP_EXTRACT', [S, S], '\\A\\w+', 'first second')).toBe('first');
    expect(call('REGEXP_EXTRACT', [S, S], '\\w+\\z', 'first second')).toBe('second');
    expect(call('REGEXP_REPLACE', [S, S, S], 'a\\Ab', '\\\\A', '-')).toBe('a-b');
  });

  it('rejects an invalid pattern', () => {
    expect(() => call('REGEXP_SPLIT_TO_ARRAY', [S, S], 'abc', '(')).toThrow(/Invalid regular expression/);
  });
});
