// The rows a push query keeps for the console's table and chart: bounded, newest first for the
// table; one line per numeric column, or per numeric column and value of a split column.
import { describe, expect, it } from 'vitest';
import { LiveRows, MAX_SPLIT_VALUES } from '../../console/src/live-rows.js';

describe('LiveRows', () => {
  it('keeps the latest rows newest first, and at most 200 of them', () => {
    const rows = new LiveRows(['CITY', 'FARE'], ['STRING', 'DOUBLE']);
    for (let index = 0; index < 250; index++) rows.append([`c${index}`, index], 1000 * index);
    expect(rows.count).toBe(250);
    expect(rows.latest).toHaveLength(200);
    expect(rows.latest[0]).toEqual(['c249', 249]);
  });

  it('charts each numeric column over arrival time in seconds, nulls where a value is missing', () => {
    const rows = new LiveRows(['CITY', 'FARE', 'SEATS', 'PRICE'], ['STRING', 'DOUBLE', 'INTEGER', 'DECIMAL(4, 2)']);
    rows.append(['paris', 12.5, 2, 3.25], 1_000);
    rows.append(['lima', null, 3, '4.5'], 2_000);
    expect(rows.numericColumns.map((column) => column.name)).toEqual(['FARE', 'SEATS', 'PRICE']);
    expect(rows.chartSeries(undefined)).toEqual({
      labels: ['FARE', 'SEATS', 'PRICE'],
      data: [[1, 2], [12.5, null], [2, 3], [3.25, 4.5]],
      hiddenValues: 0,
    });
  });

  it('splits each numeric column into a line per value of the split column', () => {
    //   CITY   FARE
    //   paris  10     → FARE paris: 10, null, 30
    //   lima   20     → FARE lima:  null, 20, null
    //   paris  30
    const rows = new LiveRows(['CITY', 'FARE'], ['STRING', 'DOUBLE']);
    rows.append(['paris', 10], 1_000);
    rows.append(['lima', 20], 2_000);
    rows.append(['paris', 30], 3_000);
    expect(rows.chartSeries(rows.splitColumns[0])).toEqual({
      labels: ['FARE paris', 'FARE lima'],
      data: [[1, 2, 3], [10, null, 30], [null, 20, null]],
      hiddenValues: 0,
    });
  });

  it(`draws the first ${MAX_SPLIT_VALUES} split values and counts the others`, () => {
    const rows = new LiveRows(['K', 'V'], ['STRING', 'BIGINT']);
    for (let index = 0; index < MAX_SPLIT_VALUES + 3; index++) rows.append([`k${index}`, index], index);
    const series = rows.chartSeries(rows.splitColumns[0]);
    expect(series.labels).toHaveLength(MAX_SPLIT_VALUES);
    expect(series.hiddenValues).toBe(3);
  });

  it('keeps no chart history for a query without numeric columns', () => {
    const rows = new LiveRows(['CITY'], ['STRING']);
    rows.append(['paris'], 1_000);
    expect(rows.chartSeries(undefined).data).toEqual([[]]);
  });
});
