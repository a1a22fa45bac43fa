// A push query's rows as they arrive: the latest rows for the table, and for each numeric column
// a series over arrival time for the chart; both bounded, so a long-running query stays cheap.
import { isNumericType } from './statement-kind.js';

const MAX_TABLE_ROWS = 200;
const MAX_CHART_POINTS = 600;

export class LiveRows {
  /** Newest first. */
  readonly latest: (readonly unknown[])[] = [];
  /** Arrival times in seconds since the epoch (uPlot's time scale). */
  readonly times: number[] = [];
  readonly series: (number | null)[][];
  readonly numericColumns: readonly { readonly name: string; readonly index: number }[];
  count = 0;

  constructor(columnNames: readonly string[], columnTypes: readonly string[]) {
    this.numericColumns = columnNames.flatMap((name, index) => (isNumericType(columnTypes[index] ?? '') ? [{ name, index }] : []));
    this.series = this.numericColumns.map(() => []);
  }

  append(values: readonly unknown[], nowMs: number): void {
    this.count++;
    this.latest.unshift(values);
    if (this.latest.length > MAX_TABLE_ROWS) this.latest.pop();
    if (this.numericColumns.length === 0) return;
    this.times.push(nowMs / 1000);
    this.numericColumns.forEach((column, position) => {
      const value = values[column.index];
      this.series[position]!.push(typeof value === 'number' ? value : value === null ? null : Number(value));
    });
    if (this.times.length > MAX_CHART_POINTS) {
      this.times.shift();
      for (const points of this.series) points.shift();
    }
  }
}
