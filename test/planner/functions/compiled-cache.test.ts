import { describe, expect, it } from 'vitest';
import { compiledCache } from '../../../src/planner/functions/compiled-cache.js';

describe('compiledCache', () => {
  it('compiles each text once', () => {
    const compiled: string[] = [];
    const upper = compiledCache((text: string) => {
      compiled.push(text);
      return text.toUpperCase();
    });
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(compiled).toEqual(['a', 'b']);
  });

  it('empties itself when full instead of growing', () => {
    const compiled: string[] = [];
    const echo = compiledCache((text: string) => {
      compiled.push(text);
      return text;
    }, 2);
    // a, b fill the cache; c empties it, so a is compiled again while c stays cached
    for (const text of ['a', 'b', 'c', 'c', 'a']) echo(text);
    expect(compiled).toEqual(['a', 'b', 'c', 'a']);
  });

  it('caches nothing when compiling throws', () => {
    let calls = 0;
    const failing = compiledCache((text: string): string => {
      calls++;
      throw new Error(`bad ${text}`);
    });
    expect(() => failing('x')).toThrow('bad x');
    expect(() => failing('x')).toThrow('bad x');
    expect(calls).toBe(2);
  });
});
