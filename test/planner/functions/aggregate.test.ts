// The aggregate functions through the registry: ksqlDB's result types, NULL handling, undo for
// table aggregation and merge for sessions.
import { describe, expect, it } from 'vitest';
import { createBuiltinRegistry, Decimal, formatType, type AggregateImplementation, type SqlType } from '../../../src/planner/index.js';
import { SqlTypes } from '../../../src/planner/types.js';

const registry = createBuiltinRegistry();

/** Resolves `name(args)`, with `literals` for the trailing literal parameters. */
function aggregate(name: string, argTypes: readonly SqlType[], literals: readonly unknown[] = []): { type: string; run: AggregateImplementation } {
  const resolved = registry.resolveAggregate(name, [...argTypes, ...literals.map((literal) => (typeof literal === 'boolean' ? SqlTypes.BOOLEAN : SqlTypes.INTEGER))]);
  return { type: formatType(resolved.returnType), run: resolved.overload.create(resolved.argTypes, literals) };
}

function fold(run: AggregateImplementation, values: readonly unknown[][]): unknown {
  return values.reduce((accumulator, args) => run.aggregate(accumulator, ...args), run.initialize());
}

describe('aggregate functions', () => {
  it('COUNT counts rows, or non-NULL values, as BIGINT, and counts back down', () => {
    const rows = aggregate('COUNT', []);
    expect(rows.type).toBe('BIGINT');
    expect(rows.run.result(fold(rows.run, [[], [], []]))).toBe(3n);
    const values = aggregate('COUNT', [SqlTypes.STRING]);
    const counted = fold(values.run, [['a'], [null], ['b']]);
    expect(values.run.result(counted)).toBe(2n);
    expect(values.run.result(values.run.undo!(counted, 'a'))).toBe(1n);
  });

  it('SUM keeps its type, skips NULLs and takes values back out; AVG is a DOUBLE', () => {
    const ints = aggregate('SUM', [SqlTypes.INTEGER]);
    expect(ints.type).toBe('INTEGER');
    expect(ints.run.result(ints.run.undo!(fold(ints.run, [[1], [null], [5]]), 5))).toBe(1);
    const decimals = aggregate('SUM', [SqlTypes.decimal(4, 2)]);
    expect(decimals.type).toBe('DECIMAL(4, 2)');
    expect(String(decimals.run.result(fold(decimals.run, [[Decimal.parse('1.25')], [Decimal.parse('2.5')]])))).toBe('3.75');
    const average = aggregate('AVG', [SqlTypes.BIGINT]);
    expect(average.type).toBe('DOUBLE');
    expect(average.run.result(fold(average.run, [[1n], [2n], [null]]))).toBe(1.5);
    expect(average.run.result(average.run.merge!(fold(average.run, [[1n]]), fold(average.run, [[5n]])))).toBe(3);
  });

  it('MIN and MAX skip NULLs, merge, and cannot undo', () => {
    const max = aggregate('MAX', [SqlTypes.STRING]);
    expect(max.type).toBe('STRING');
    expect(max.run.result(fold(max.run, [['b'], [null], ['c'], ['a']]))).toBe('c');
    expect(max.run.undo).toBeUndefined();
    const min = aggregate('MIN', [SqlTypes.DOUBLE]);
    expect(min.run.result(min.run.merge!(fold(min.run, [[3.5]]), fold(min.run, [[-1]])))).toBe(-1);
  });

  it('COLLECT_LIST keeps arrival order and repeats; COLLECT_SET drops repeats; both undo', () => {
    const list = aggregate('COLLECT_LIST', [SqlTypes.INTEGER]);
    expect(list.type).toBe('ARRAY<INTEGER>');
    const collected = fold(list.run, [[1], [2], [1]]);
    expect(list.run.result(collected)).toEqual([1, 2, 1]);
    expect(list.run.result(list.run.undo!(collected, 1))).toEqual([1, 2]);
    const set = aggregate('COLLECT_SET', [SqlTypes.STRING]);
    expect(set.run.result(fold(set.run, [['a'], ['b'], ['a']]))).toEqual(['a', 'b']);
  });

  it('EARLIEST_BY_OFFSET and LATEST_BY_OFFSET: one value or n, NULLs skipped unless asked', () => {
    const latest = aggregate('LATEST_BY_OFFSET', [SqlTypes.STRING]);
    expect(latest.type).toBe('STRING');
    expect(latest.run.result(fold(latest.run, [['a'], ['b'], [null]]))).toBe('b');
    const latestWithNulls = aggregate('LATEST_BY_OFFSET', [SqlTypes.STRING], [false]);
    expect(latestWithNulls.run.result(fold(latestWithNulls.run, [['a'], [null]]))).toBeNull();
    const earliestTwo = aggregate('EARLIEST_BY_OFFSET', [SqlTypes.INTEGER], [2]);
    expect(earliestTwo.type).toBe('ARRAY<INTEGER>');
    expect(earliestTwo.run.result(fold(earliestTwo.run, [[7], [8], [9]]))).toEqual([7, 8]);
    const lastTwo = aggregate('LATEST_BY_OFFSET', [SqlTypes.INTEGER], [2]);
    const early = fold(lastTwo.run, [[1], [2]]);
    const late = fold(lastTwo.run, [[3]]);
    expect(lastTwo.run.result(lastTwo.run.merge!(late, early))).toEqual([2, 3]);
  });

  it('TOPK and TOPKDISTINCT rank greatest first', () => {
    const top = aggregate('TOPK', [SqlTypes.BIGINT], [2]);
    expect(top.type).toBe('ARRAY<BIGINT>');
    expect(top.run.result(fold(top.run, [[5n], [9n], [9n], [1n]]))).toEqual([9n, 9n]);
    const distinct = aggregate('TOPKDISTINCT', [SqlTypes.BIGINT], [2]);
    expect(distinct.run.result(fold(distinct.run, [[5n], [9n], [9n], [1n]]))).toEqual([9n, 5n]);
  });

  it('HISTOGRAM counts each string; statistics and correlation from running sums', () => {
    const histogram = aggregate('HISTOGRAM', [SqlTypes.STRING]);
    expect(histogram.type).toBe('MAP<STRING, BIGINT>');
    const counts = fold(histogram.run, [['a'], ['b'], ['a'], [null]]);
    expect(histogram.run.result(counts)).toEqual(new Map([['a', 2n], ['b', 1n]]));
    expect(histogram.run.result(histogram.run.undo!(counts, 'b'))).toEqual(new Map([['a', 2n], ['b', 0n]]));
    const sample = aggregate('STDDEV_SAMP', [SqlTypes.DOUBLE]);
    expect(sample.run.result(fold(sample.run, [[2], [4], [4], [4], [5], [5], [7], [9]]))).toBeCloseTo(2.138, 3);
    expect(sample.run.result(fold(sample.run, [[2]]))).toBeNull();
    const population = aggregate('VAR_POP', [SqlTypes.INTEGER]);
    expect(population.run.result(fold(population.run, [[2], [4], [4], [4], [5], [5], [7], [9]]))).toBe(4);
    const correlation = aggregate('CORRELATION', [SqlTypes.DOUBLE, SqlTypes.DOUBLE]);
    expect(correlation.run.result(fold(correlation.run, [[1, 2], [2, 4], [3, 6]]))).toBeCloseTo(1, 9);
  });

  it('COUNT_DISTINCT counts distinct values; ATTR is the one value or NULL', () => {
    const distinct = aggregate('COUNT_DISTINCT', [SqlTypes.STRING]);
    expect(distinct.type).toBe('BIGINT');
    expect(distinct.run.result(fold(distinct.run, [['a'], ['b'], ['a'], [null]]))).toBe(2n);
    const attr = aggregate('ATTR', [SqlTypes.INTEGER]);
    const mixed = fold(attr.run, [[1], [2]]);
    expect(attr.run.result(mixed)).toBeNull();
    expect(attr.run.result(attr.run.undo!(mixed, 2))).toBe(1);
  });

  it('are listed as AGGREGATE functions', () => {
    const names = registry.list().filter((definition) => definition.type === 'AGGREGATE').map((definition) => definition.name);
    expect(names).toEqual(expect.arrayContaining(['AVG', 'COLLECT_LIST', 'COUNT', 'EARLIEST_BY_OFFSET', 'HISTOGRAM', 'MAX', 'STDDEV_SAMP', 'SUM', 'TOPK']));
  });
});
