// Tests for post-condition checks: schema text equivalence and per-field source checks.
import { describe, expect, it } from 'vitest';
import type { SourceInfo } from './driver-api.js';
import { checkSource, schemasEqual } from './post-conditions.js';

describe('schemasEqual', () => {
  it('treats back-quotes as optional and ignores whitespace', () => {
    expect(schemasEqual('ID STRING KEY, DEC DECIMAL(6,4)', '`ID` STRING KEY, `DEC` DECIMAL(6, 4)')).toBe(true);
    expect(schemasEqual('S STRUCT< >', '`S` STRUCT<>')).toBe(true);
  });

  it('reads INT and VARCHAR as INTEGER and STRING, and upper-cases unquoted names', () => {
    expect(schemasEqual('id int KEY, name varchar', '`ID` INTEGER KEY, `NAME` STRING')).toBe(true);
  });

  it('keeps the case of quoted names', () => {
    expect(schemasEqual('`Key` STRING KEY', '`KEY` STRING KEY')).toBe(false);
    expect(schemasEqual('S STRUCT<FOO VARCHAR, `foo` VARCHAR>', '`S` STRUCT<`FOO` STRING, `foo` STRING>')).toBe(true);
  });

  it('notices different types, columns and order', () => {
    expect(schemasEqual('ID INT KEY, V BIGINT', 'ID INT KEY, V INT')).toBe(false);
    expect(schemasEqual('ID INT KEY, V BIGINT', 'ID INT KEY')).toBe(false);
    expect(schemasEqual('A INT, B INT', 'B INT, A INT')).toBe(false);
    expect(schemasEqual('K INT KEY', 'K INT')).toBe(false);
  });
});

describe('checkSource', () => {
  const table: SourceInfo = {
    name: 'S2',
    type: 'table',
    schema: '`ID` BIGINT KEY, `KSQL_COL_0` BIGINT',
    keyFormat: { format: 'KAFKA', windowType: 'HOPPING', windowSize: 30000 },
    valueFormat: 'JSON',
    keyFeatures: ['UNWRAP_SINGLES'],
    valueFeatures: [],
    isSource: false,
  };

  it('checks only the fields given', () => {
    expect(checkSource({ name: 'S2' }, table)).toBeUndefined();
    expect(checkSource({ name: 'S2', type: 'table', keyFormat: { format: 'KAFKA' }, valueFormat: 'json', isSource: false }, table)).toBeUndefined();
  });

  it('checks type, value format, features and isSource', () => {
    expect(checkSource({ name: 'S2', type: 'stream' }, table)).toBe('source S2 type: expected "stream", got "table"');
    expect(checkSource({ name: 'S2', valueFormat: 'DELIMITED' }, table)).toMatch(/value format/);
    expect(checkSource({ name: 'S2', keyFeatures: [] }, table)).toMatch(/key features/);
    expect(checkSource({ name: 'S2', valueFeatures: ['WRAP_SINGLES'] }, table)).toMatch(/value features/);
    expect(checkSource({ name: 'S2', isSource: true }, table)).toMatch(/isSource/);
  });

  it('checks window type and size when given; a null size means no size', () => {
    expect(checkSource({ name: 'S2', keyFormat: { format: 'KAFKA', windowType: 'HOPPING', windowSize: 30000 } }, table)).toBeUndefined();
    expect(checkSource({ name: 'S2', keyFormat: { windowType: 'TUMBLING' } }, table)).toMatch(/key format/);
    expect(checkSource({ name: 'S2', keyFormat: { windowSize: 5000 } }, table)).toMatch(/key format/);
    const session = { ...table, keyFormat: { format: 'KAFKA', windowType: 'SESSION' } };
    expect(checkSource({ name: 'S2', keyFormat: { format: 'KAFKA', windowType: 'SESSION', windowSize: null } }, session)).toBeUndefined();
    expect(checkSource({ name: 'S2', keyFormat: { windowType: null } }, session)).toMatch(/key format/);
  });

  it('fails for a source that does not exist', () => {
    expect(checkSource({ name: 'NOPE' }, undefined)).toBe('source NOPE does not exist');
  });
});
