// A live line chart (uPlot) of a push query's numeric columns over arrival time, optionally one
// line per value of a split column; rebuilt when its lines change, else only given new data.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { ColumnRef, LiveRows } from './live-rows.js';

const COLOURS = ['#2f7ed8', '#e4572e', '#29a36a', '#f0a202', '#8e44ad', '#17becf', '#d6336c', '#5c7cfa'];
const HEIGHT_PX = 260;

export interface LiveChartProps {
  readonly rows: LiveRows;
  readonly split: ColumnRef | undefined;
  /** Changes whenever rows were appended: the chart redraws then. */
  readonly version: number;
}

export function LiveChart({ rows, split, version }: LiveChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<{ chart: uPlot; labelsKey: string } | undefined>(undefined);
  const series = rows.chartSeries(split);
  const labelsKey = series.labels.join('\u0000');

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const options: uPlot.Options = {
      width: element.clientWidth,
      height: HEIGHT_PX,
      series: [{}, ...series.labels.map((label, index) => ({ label, stroke: COLOURS[index % COLOURS.length], width: 2, spanGaps: true }))],
    };
    const chart = new uPlot(options, series.data, element);
    plot.current = { chart, labelsKey };
    const resize = () => chart.setSize({ width: element.clientWidth, height: HEIGHT_PX });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
      plot.current = undefined;
    };
  }, [rows, labelsKey]);

  useEffect(() => {
    if (plot.current?.labelsKey === labelsKey) plot.current.chart.setData(series.data);
  }, [rows, labelsKey, version]);

  return (
    <div>
      <div class="chart" data-testid="live-chart" ref={container} />
      {series.hiddenValues > 0 && (
        <p class="hint">
          {series.hiddenValues} more value{series.hiddenValues === 1 ? '' : 's'} of {split?.name} not drawn
        </p>
      )}
    </div>
  );
}
