// Tests for expanding cases into format × config variants with ksqlDB's full names.
import { describe, expect, it } from 'vitest';
import { expandCase, expandFile } from './expand.js';
import type { QttCase } from './qtt-loader.js';

function qttCase(fields: Partial<QttCase>): QttCase {
  return { name: 'a case', statements: ['CREATE STREAM S WITH (value_format=\'JSON\');'], formats: [], configs: [], properties: {}, inputs: [], outputs: [], topics: [], enabled: true, ...fields };
}

describe('expandCase', () => {
  it('names a plain case "<file> - <name>"', () => {
    expect(expandCase('select', qttCase({})).map((variant) => variant.fullName)).toEqual(['select - a case']);
  });

  it('runs once per format, substituting every {FORMAT}', () => {
    const variants = expandCase('joins', qttCase({ formats: ['JSON', 'DELIMITED'], statements: ["CREATE STREAM A WITH (key_format='{FORMAT}', value_format='{FORMAT}');"] }));
    expect(variants.map((variant) => variant.fullName)).toEqual(['joins - a case - JSON', 'joins - a case - DELIMITED']);
    expect(variants[1]?.statements).toEqual(["CREATE STREAM A WITH (key_format='DELIMITED', value_format='DELIMITED');"]);
  });

  it('crosses format with config, setting the {CONFIG} property', () => {
    const variants = expandCase('select', qttCase({ formats: ['JSON', 'KAFKA'], configs: ['true', 'false'], properties: { other: 'x', 'ksql.p': '{CONFIG}' } }));
    expect(variants.map((variant) => variant.fullName)).toEqual([
      'select - a case - JSON - ksql.p=true',
      'select - a case - JSON - ksql.p=false',
      'select - a case - KAFKA - ksql.p=true',
      'select - a case - KAFKA - ksql.p=false',
    ]);
    expect(variants[1]?.properties).toEqual({ other: 'x', 'ksql.p': 'false' });
  });

  it('marks a config list without exactly one {CONFIG} property as invalid', () => {
    const [variant] = expandCase('f', qttCase({ configs: ['true'], properties: { a: 'x' } }));
    expect(variant?.fullName).toBe('f - a case');
    expect(variant?.invalidReason).toMatch(/exactly one property/);
  });

  it('passes an invalid case through as one invalid variant', () => {
    const [variant] = expandCase('f', qttCase({ invalidReason: 'broken' }));
    expect(variant?.invalidReason).toBe('broken');
  });

  it('runs a variant per format, every Schema Registry format included', () => {
    const variants = expandCase('f', qttCase({ formats: ['AVRO', 'JSON', 'PROTOBUF_NOSR', 'JSON_SR'], statements: ["CREATE STREAM A WITH (value_format = '{FORMAT}');"] }));
    expect(variants.map((variant) => [variant.fullName, variant.skipReason])).toEqual([
      ['f - a case - AVRO', undefined],
      ['f - a case - JSON', undefined],
      ['f - a case - PROTOBUF_NOSR', undefined],
      ['f - a case - JSON_SR', undefined],
    ]);
  });
});

describe('expandFile', () => {
  it('leaves out disabled cases', () => {
    const variants = expandFile({ baseName: 'f', cases: [qttCase({ name: 'on' }), qttCase({ name: 'off', enabled: false })] });
    expect(variants.map((variant) => variant.fullName)).toEqual(['f - on']);
  });
});
