// Property overrides of a statement: their text and the offset reset they choose.
import { describe, expect, it } from 'vitest';
import { offsetReset, propertyTexts } from '../../src/engine/statement-properties.js';

describe('propertyTexts', () => {
  it('turns every value into its text', () => {
    expect(propertyTexts({ 'ksql.streams.num.stream.threads': 4, flag: true, name: 'a' })).toEqual({
      'ksql.streams.num.stream.threads': '4',
      flag: 'true',
      name: 'a',
    });
  });
});

describe('offsetReset', () => {
  it('takes auto.offset.reset before its ksql.streams. form', () => {
    expect(offsetReset({ 'auto.offset.reset': 'latest', 'ksql.streams.auto.offset.reset': 'earliest' }, 'earliest')).toBe('latest');
    expect(offsetReset({ 'ksql.streams.auto.offset.reset': 'earliest' }, 'latest')).toBe('earliest');
  });

  it('falls back when the property is unset or names no reset', () => {
    expect(offsetReset({}, 'latest')).toBe('latest');
    expect(offsetReset({}, 'earliest')).toBe('earliest');
    expect(offsetReset({ 'auto.offset.reset': 'none' }, 'earliest')).toBe('earliest');
    expect(offsetReset({ 'auto.offset.reset': 'EARLIEST' }, 'latest')).toBe('latest');
  });
});
