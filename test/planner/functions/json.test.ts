import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { T, call } from './call-function.js';

const S = T.STRING;

describe('EXTRACTJSONFIELD', () => {
  it('follows object paths and returns strings unquoted', () => {
    const json = '{"name": "cdc", "version": "1", "@type": "UDF", "nested": {"list": [1, {"x": true}]}}';
    expect(call('EXTRACTJSONFIELD', [S, S], json, '$.name')).toBe('cdc');
    expect(call('EXTRACTJSONFIELD', [S, S], json, '$.@type')).toBe('UDF');
    expect(call('EXTRACTJSONFIELD', [S, S], json, '$.nested.list[1]')).toBe('{"x":true}');
    expect(call('EXTRACTJSONFIELD', [S, S], json, "$['nested']['list'][1].x")).toBe('true');
    expect(call('EXTRACTJSONFIELD', [S, S], json, '$.missing')).toBeNull();
    expect(call('EXTRACTJSONFIELD', [S, S], '{"a": 1, "a": 2}', '$.a')).toBe('2');
  });

  it('keeps number text and returns null outside array bounds', () => {
    expect(call('EXTRACTJSONFIELD', [S, S], '{"array": [1.23450]}', '$.array[0]')).toBe('1.23450');
    expect(call('EXTRACTJSONFIELD', [S, S], '{"array": [1, 2, 3]}', '$.array[-1]')).toBeNull();
    expect(call('EXTRACTJSONFIELD', [S, S], '{"array": [1]}', '$.array[1]')).toBeNull();
  });

  it('ignores text after the first JSON value, and gives null for non-JSON', () => {
    expect(call('EXTRACTJSONFIELD', [S, S], '{"name": "cdd"}}', '$.name')).toBe('cdd');
    expect(call('EXTRACTJSONFIELD', [S, S], 'not json', '$.name')).toBeNull();
    expect(call('EXTRACTJSONFIELD', [S, S], '{"a": null}', '$.a')).toBeNull();
  });

  it('rejects a path that does not start with $', () => {
    expect(() => call('EXTRACTJSONFIELD', [S, S], '{}', 'name')).toThrow(/Invalid JSON path/);
  });
});

describe('JSON inspection', () => {
  it('IS_JSON_STRING accepts any JSON value and rejects the rest', () => {
    expect(call('IS_JSON_STRING', [S], '1')).toBe(true);
    expect(call('IS_JSON_STRING', [S], '[1, 2, 3]')).toBe(true);
    expect(call('IS_JSON_STRING', [S], '"abc"')).toBe(true);
    expect(call('IS_JSON_STRING', [S], 'abc')).toBe(false);
    expect(call('IS_JSON_STRING', [S], '')).toBe(false);
    expect(call('IS_JSON_STRING', [S], '{"a": 1} x')).toBe(false);
    expect(call('IS_JSON_STRING', [S], null)).toBe(false);
  });

  it('JSON_ARRAY_LENGTH counts array elements, null otherwise', () => {
    expect(call('JSON_ARRAY_LENGTH', [S], '["Red", "Green"]')).toBe(2);
    expect(call('JSON_ARRAY_LENGTH', [S], '[]')).toBe(0);
    expect(call('JSON_ARRAY_LENGTH', [S], '')).toBeNull();
    expect(call('JSON_ARRAY_LENGTH', [S], '{"a": 1}')).toBeNull();
  });

  it('JSON_ARRAY_CONTAINS matches values of the same kind', () => {
    expect(call('JSON_ARRAY_CONTAINS', [S, T.INT], '[1, 2, 3]', 2)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, S], '[1, "2"]', '2')).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, S], '[1, 2]', '2')).toBe(false);
    expect(call('JSON_ARRAY_CONTAINS', [S, T.BIGINT], '[9007199254740993]', 9007199254740993n)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, T.decimal(3, 2)], '[1.5]', Decimal.parse('1.50'))).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, T.BOOLEAN], '[false]', false)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, S], '[null]', null)).toBe(true);
    expect(call('JSON_ARRAY_CONTAINS', [S, T.INT], 'nope', 1)).toBe(false);
  });
});

describe('JSON splitting', () => {
  it('JSON_ITEMS writes each element compactly', () => {
    const events = '[{"type": "A", "timestamp": "2022-01-27"}, {"type": "B"}]';
    expect(call('JSON_ITEMS', [S], events)).toEqual(['{"type":"A","timestamp":"2022-01-27"}', '{"type":"B"}']);
    expect(call('JSON_ITEMS', [S], '[]')).toEqual([]);
    expect(call('JSON_ITEMS', [S], '{}')).toBeNull();
  });

  it('JSON_KEYS lists object keys', () => {
    expect(call('JSON_KEYS', [S], '{"Red": 3, "Green": 5}')).toEqual(['Red', 'Green']);
    expect(call('JSON_KEYS', [S], '{}')).toEqual([]);
    expect(call('JSON_KEYS', [S], '')).toBeNull();
  });

  it('JSON_RECORDS maps keys to value text', () => {
    expect(call('JSON_RECORDS', [S], '{"Red": 3, "White": "Seven", "List": [1, 2]}')).toEqual(
      new Map([['Red', '3'], ['White', 'Seven'], ['List', '[1,2]']]),
    );
    expect(call('JSON_RECORDS', [S], '[1]')).toBeNull();
  });
});

describe('JSON building', () => {
  it('JSON_CONCAT merges objects and concatenates arrays', () => {
    expect(call('JSON_CONCAT', [S, S], '{"a": 1}', '{"b": 2, "a": 3}')).toBe('{"a":3,"b":2}');
    expect(call('JSON_CONCAT', [S, S, S], '[1, 2]', '[3]', '4')).toBe('[1,2,3,4]');
    expect(call('JSON_CONCAT', [S, S], '{"a": 1}', null)).toBeNull();
    expect(call('JSON_CONCAT', [S, S], '{"a": 1}', 'bad')).toBeNull();
  });

  it('TO_JSON_STRING writes SQL values as JSON, guided by their types', () => {
    const struct = T.struct([
      { name: 'ID', type: T.BIGINT },
      { name: 'SCORES', type: T.array(T.DOUBLE) },
      { name: 'TAGS', type: T.map(T.STRING, T.decimal(4, 2)) },
      { name: 'RAW', type: T.BYTES },
    ]);
    const value = { ID: 12n, SCORES: [1, 2.5, null], TAGS: new Map([['x', Decimal.parse('1.50')]]), RAW: Buffer.from('hi') };
    expect(call('TO_JSON_STRING', [struct], value)).toBe('{"ID":12,"SCORES":[1.0,2.5,null],"TAGS":{"x":1.50},"RAW":"aGk="}');
    expect(call('TO_JSON_STRING', [S], 'a"b')).toBe('"a\\"b"');
    expect(call('TO_JSON_STRING', [S], null)).toBe('null');
    expect(call('TO_JSON_STRING', [T.DOUBLE], 1e21)).toBe('1.0E21');
  });
});
