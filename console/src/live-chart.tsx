// A live line chart (uPlot) of a push query's numeric columns over arrival time.
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import type { LiveRows } from './live-rows.js';

const COLOURS = ['#2f7ed8', '#e4572e', '#29a36a', '#f0a202', '#8e44ad', '#17becf'];
const HEIGHT_PX = 260;

export interface LiveChartProps {
  readonly rows: LiveRows;
  /** Changes whenever rows were appended: the chart redraws then. */
  readonly version: number;
}

export function LiveChart({ rows, version }: LiveChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);

  useEffect(() => {
    const element = container.current;
    if (element === null) return undefined;
    const options: uPlot.Options = {
      width: element.clientWidth,
      height: HEIGHT_PX,
      series: [{}, ...rows.numericColumns.map((column, index) => ({ label: column.name, stroke: COLOURS[index % COLOURS.length], width: 2 }))],
      axes: [{}, {}],
    };
    const chart = new uPlot(options, [rows.times, ...rows.series], element);
    plot.current = chart;
    const resize = () => chart.setSize({ width: element.clientWidth, height: HEIGHT_PX });
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.destroy();
      plot.current = undefined;
    };
  }, [rows]);

  useEffect(() => {
    plot.current?.setData([rows.times, ...rows.series]);
  }, [rows, version]);

  return <div class="chart" data-testid="live-chart" ref={container} />;
}
