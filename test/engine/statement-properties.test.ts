// Property overrides of a statement: their text, the offset reset and the commit interval they choose.
import { describe, expect, it } from 'vitest';
import { commitInterval, DEFAULT_COMMIT_INTERVAL_MS, offsetReset, propertyTexts } from '../../src/engine/statement-properties.js';
import { layeredConfig } from '../../src/planner/index.js';

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

describe('commitInterval', () => {
  it("is ksqlDB's 2 s unless set, by a request's commit.interval.ms before the server's ksql.streams. form", () => {
    expect(commitInterval(layeredConfig({}))).toBe(DEFAULT_COMMIT_INTERVAL_MS);
    expect(DEFAULT_COMMIT_INTERVAL_MS).toBe(2000);
    expect(commitInterval(layeredConfig({ 'ksql.streams.commit.interval.ms': '500' }))).toBe(500);
    expect(commitInterval(layeredConfig({ 'ksql.streams.commit.interval.ms': '500' }, { 'commit.interval.ms': 100 }))).toBe(100);
    expect(commitInterval(layeredConfig({ 'commit.interval.ms': '0' }))).toBe(0);
  });

  it('refuses what is not a number of milliseconds, naming the property', () => {
    expect(() => commitInterval(layeredConfig({ 'commit.interval.ms': 'soon' }))).toThrow("commit.interval.ms must be a number of milliseconds, 0 or more; got 'soon'.");
    expect(() => commitInterval(layeredConfig({ 'ksql.streams.commit.interval.ms': '-1' }))).toThrow('ksql.streams.commit.interval.ms must be');
    expect(() => commitInterval(layeredConfig({ 'ksql.streams.commit.interval.ms': ' ' }))).toThrow('ksql.streams.commit.interval.ms must be');
  });
});
