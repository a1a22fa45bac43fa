// Tests for reading QTT files: comments, lossless numbers and the case format.
import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadQttFile, parseQttText, QttFormatError, stripJsonComments } from './qtt-loader.js';

describe('stripJsonComments', () => {
  it('removes line and block comments outside strings', () => {
    const text = '{ // a comment\n "a": 1, /* block\n comment */ "b": 2 }';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ a: 1, b: 2 });
  });

  it('keeps comment markers inside strings, including after escaped quotes', () => {
    const text = '{"url": "http://x/*y*/", "q": "say \\"// not a comment\\""} // trailing';
    expect(JSON.parse(stripJsonComments(text))).toEqual({ url: 'http://x/*y*/', q: 'say "// not a comment"' });
  });

  it('keeps line numbers by leaving the newlines of block comments', () => {
    expect(stripJsonComments('/* a\nb */1')).toBe('    \n    1');
  });

  it('rejects an unterminated block comment', () => {
    expect(() => stripJsonComments('{"a": 1 /* oops')).toThrow(SyntaxError);
  });
});

const oneCase = (fields: string): string => `{"tests": [{"name": "n", "statements": ["S;"], ${fields}}]}`;

describe('parseQttText', () => {
  it('keeps decimal scale and big integers exact', () => {
    const file = parseQttText('f', oneCase('"outputs": [{"topic": "T", "key": 9223372036854775807, "value": {"DEC": 10.0000}}]'));
    const output = file.cases[0]?.outputs[0];
    expect(output?.key).toEqual(new LosslessNumber('9223372036854775807'));
    const value = output?.value as Record<string, unknown>;
    expect(isLosslessNumber(value.DEC) && value.DEC.value).toBe('10.0000');
  });

  it('reads records: absent key stays absent, timestamps and windows become numbers, headers kept', () => {
    const file = parseQttText(
      'f',
      oneCase('"inputs": [{"topic": "t", "value": null, "timestamp": 5, "window": {"start": 0, "end": 10, "type": "TIME"}, "headers": [{"KEY": "h", "VALUE": null}], "N4": 1}]'),
    );
    const input = file.cases[0]?.inputs[0];
    expect(input).toEqual({ topic: 't', value: null, timestamp: 5, window: { start: 0, end: 10, type: 'time' }, headers: [{ KEY: 'h', VALUE: null }] });
    expect(input !== undefined && 'key' in input).toBe(false);
  });

  it('reads properties as strings, topics (format as valueFormat), expected exceptions and post conditions', () => {
    const file = parseQttText(
      'f',
      oneCase(`"properties": {"a": "x", "b": 3, "c": true},
        "topics": [{"name": "t", "format": "JSON", "partitions": 4}],
        "expectedException": {"type": "T", "message": "m"},
        "post": {"sources": [{"name": "S", "type": "table", "keyFormat": {"format": "KAFKA", "windowType": "SESSION", "windowSize": null}, "valueFormat": "JSON"}],
                 "topics": {"blacklist": ".*-repartition", "topics": [{"name": "OUT", "keyFormat": {"format": "KAFKA"}, "valueFormat": {"format": "JSON"}, "partitions": 2}]}}`),
    );
    const testCase = file.cases[0];
    expect(testCase?.properties).toEqual({ a: 'x', b: '3', c: 'true' });
    expect(testCase?.topics).toEqual([{ name: 't', partitions: 4, valueFormat: 'JSON' }]);
    expect(testCase?.expectedException).toEqual({ type: 'T', message: 'm' });
    expect(testCase?.post?.sources[0]).toMatchObject({ name: 'S', type: 'table', keyFormat: { format: 'KAFKA', windowType: 'SESSION', windowSize: null }, valueFormat: 'JSON' });
    expect(testCase?.post?.blacklist).toBe('.*-repartition');
    expect(testCase?.post?.topics).toEqual([{ name: 'OUT', keyFormat: 'KAFKA', valueFormat: 'JSON', partitions: 2 }]);
  });

  it('reads enabled:false and format/config lists', () => {
    const file = parseQttText('f', oneCase('"enabled": false, "format": ["JSON"], "config": ["true"], "outputs": []'));
    expect(file.cases[0]).toMatchObject({ enabled: false, formats: ['JSON'], configs: ['true'] });
  });

  it('marks a case without inputs, outputs or expectedException as invalid instead of failing the file', () => {
    const file = parseQttText('f', '{"tests": [{"name": "bad", "statements": ["S;"]}, {"statements": []}]}');
    expect(file.cases[0]?.invalidReason).toMatch(/inputs/);
    expect(file.cases[1]).toMatchObject({ name: 'case #2', invalidReason: 'name must be a string' });
  });

  it('rejects a file without a tests list', () => {
    expect(() => parseQttText('f', '{"cases": []}')).toThrow(QttFormatError);
  });

  it('rejects invalid JSON', () => {
    expect(() => parseQttText('f', '{"tests": [}')).toThrow(SyntaxError);
  });
});

describe('loadQttFile', () => {
  it('names the file by its basename without .json', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'qtt-'));
    const path = join(directory, 'my-file.json');
    await writeFile(path, '// leading comment\n' + oneCase('"outputs": []'));
    const file = await loadQttFile(path);
    expect(file.baseName).toBe('my-file');
    expect(file.cases).toHaveLength(1);
  });
});
