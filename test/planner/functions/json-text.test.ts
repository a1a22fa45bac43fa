import { describe, expect, it } from 'vitest';
import { parseJson, writeJson } from '../../../src/planner/functions/json-text.js';

describe('parseJson', () => {
  it('reads every JSON kind and keeps number text', () => {
    const node = parseJson(' {"a": [1.50, -2e3, true, false, null, "x\\"y\\u0041"]} ');
    expect(node === null ? null : writeJson(node)).toBe('{"a":[1.50,-2e3,true,false,null,"x\\"yA"]}');
  });

  it('returns null for invalid JSON', () => {
    for (const text of ['', '{', '[1,]', '{"a" 1}', "{'a': 1}", '01', 'nul', '"tab\there"']) {
      expect(parseJson(text)).toBeNull();
    }
  });

  it('ignores trailing text only when asked', () => {
    expect(parseJson('[1]]')).toBeNull();
    expect(parseJson('[1]]', true)).toEqual({ kind: 'array', items: [{ kind: 'number', text: '1' }] });
  });
});
