/**
 * Loss curves with uPlot: one series per loss term that is non-zero somewhere in the
 * run, against the step. The chart is rebuilt when the set of terms changes, fed new
 * data otherwise, and resized with its container.
 */
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { activeTerms, chartColumns, type LossSeries } from '../state/finetune-run';
import type { LossPoint } from '../worker/finetune-protocol';

const COLOURS = ['#e3a857', '#63aca3', '#c8677a', '#8fa6e8', '#b9d36b', '#d98fd0'];
const HEIGHT = 200;
/** Whole steps only on the x axis. */
const STEP_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

interface LossChartProps {
  readonly title: string;
  readonly points: readonly LossPoint[];
  readonly terms: readonly LossSeries[];
  readonly testId: string;
}

export function LossChart({ title, points, terms, testId }: LossChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shown = useMemo(() => activeTerms(points, terms), [points, terms]);
  const key = shown.map((t) => t.term).join(',');

  // (Re)build when the terms change.
  useEffect(() => {
    const el = box.current;
    if (!el || shown.length === 0) return;
    const options: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: HEIGHT,
      legend: { show: true, live: false },
      cursor: { drag: { x: false, y: false } },
      // The terms differ by orders of magnitude (KL ≈ 1, colour MSE ≈ 0.01) and the WGAN critic
      // loss is negative: an arcsinh scale is logarithmic away from 0 and linear within ±0.001.
      scales: { x: { time: false }, y: { distr: 4, asinh: 0.001 } },
      axes: [
        { stroke: '#a0a0a9', grid: { stroke: '#2b2b31' }, ticks: { stroke: '#2b2b31' }, label: 'step', incrs: STEP_INCREMENTS },
        { stroke: '#a0a0a9', grid: { stroke: '#2b2b31' }, ticks: { stroke: '#2b2b31' }, size: 56 },
      ],
      series: [
        { label: 'step' },
        ...shown.map((t, i) => ({ label: t.label, stroke: COLOURS[i % COLOURS.length]!, width: 1.5, points: { show: points.length < 40 } })),
      ],
    };
    plot.current = new uPlot(options, chartColumns(points, shown) as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height: HEIGHT }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- rebuilt only when the terms change; data goes through setData
  }, [key]);

  useEffect(() => {
    plot.current?.setData(chartColumns(points, shown) as uPlot.AlignedData);
  }, [points, shown]);

  const headingId = `${testId}-title`;
  return (
    <figure className="loss-chart" aria-labelledby={headingId} data-testid={testId} data-points={points.length} data-series={key}>
      <figcaption id={headingId} className="loss-chart-title">{title} <span className="hint">(log-like scale)</span></figcaption>
      {shown.length === 0 ? <p className="hint">No losses yet.</p> : null}
      <div ref={box} className="loss-chart-plot" role="img" aria-label={`${title}: ${shown.map((t) => t.label).join(', ')} over ${points.length} steps`} />
    </figure>
  );
}
