// A push query's rows as they arrive: the latest rows for the table, and the recent rows with
// their arrival times for the chart, which plots each numeric column (per value of a "split by"
// column, such as a GROUP BY key). Both are bounded, so a long-running query stays cheap.
import type uPlot from 'uplot';
import { isNumericType } from './statement-kind.js';

const MAX_TABLE_ROWS = 200;
const MAX_CHART_ROWS = 600;
/** Lines per numeric column when split: the first values seen, so that the chart stays readable. */
export const MAX_SPLIT_VALUES = 8;

export interface ColumnRef {
  readonly name: string;
  readonly index: number;
}

export interface ChartSeries {
  /** One label per line; the plot is rebuilt when they change. */
  readonly labels: readonly string[];
  readonly data: uPlot.AlignedData;
  /** Distinct values of the split column beyond MAX_SPLIT_VALUES, not plotted. */
  readonly hiddenValues: number;
}

export class LiveRows {
  /** Newest first. */
  readonly latest: (readonly unknown[])[] = [];
  readonly numericColumns: readonly ColumnRef[];
  /** Columns whose values can split each numeric column into lines. */
  readonly splitColumns: readonly ColumnRef[];
  count = 0;
  /** Arrival times in seconds since the epoch (uPlot's time scale), beside `recent`. */
  private readonly times: number[] = [];
  private readonly recent: (readonly unknown[])[] = [];

  constructor(columnNames: readonly string[], columnTypes: readonly string[]) {
    const columns = columnNames.map((name, index) => ({ name, index, numeric: isNumericType(columnTypes[index] ?? '') }));
    this.numericColumns = columns.filter((column) => column.numeric).map(({ name, index }) => ({ name, index }));
    this.splitColumns = columns.filter((column) => !column.numeric).map(({ name, index }) => ({ name, index }));
  }

  append(values: readonly unknown[], nowMs: number): void {
    this.count++;
    this.latest.unshift(values);
    if (this.latest.length > MAX_TABLE_ROWS) this.latest.pop();
    if (this.numericColumns.length === 0) return;
    this.times.push(nowMs / 1000);
    this.recent.push(values);
    if (this.recent.length > MAX_CHART_ROWS) {
      this.times.shift();
      this.recent.shift();
    }
  }

  /** The chart's lines: each numeric column, or each numeric column per value of `split`. */
  chartSeries(split: ColumnRef | undefined): ChartSeries {
    if (split === undefined) {
      const data: uPlot.AlignedData = [this.times, ...this.numericColumns.map((column) => this.recent.map((row) => numberOrNull(row[column.index])))];
      return { labels: this.numericColumns.map((column) => column.name), data, hiddenValues: 0 };
    }
    const splitValues = [...new Set(this.recent.map((row) => String(row[split.index])))];
    const shown = splitValues.slice(0, MAX_SPLIT_VALUES);
    const labels = this.numericColumns.flatMap((column) => shown.map((value) => `${column.name} ${value}`));
    const series = this.numericColumns.flatMap((column) =>
      shown.map((value) => this.recent.map((row) => (String(row[split.index]) === value ? numberOrNull(row[column.index]) : null))),
    );
    return { labels, data: [this.times, ...series], hiddenValues: splitValues.length - shown.length };
  }
}

function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : null;
}
