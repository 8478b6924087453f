// One chart of the reports page, drawn by uPlot on a canvas at the width of its box (a phone's as
// well as a desktop's). The canvas is a picture for the eye only (aria-hidden): the table beside
// it says the same numbers to screen readers and for copying. This module and uPlot are loaded
// with the reports page only (pages/Reports.tsx is imported lazily), never on a first visit.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Colours told apart by most people with a colour-vision deficiency (Okabe–Ito), each ≥ 3:1 on white; styles.css has the same for the legends' swatches. */
export const PALETTE = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#6b5a00', '#56595c'] as const;

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** A dashed line, for the 90th percentile beside its median. */
  dashed?: boolean;
  /** Index in PALETTE. */
  colour: number;
}

export interface ChartProps {
  kind: 'lines' | 'bars';
  /** What each point on the x axis is called (a day, a week, a type, an agent), in the reader's words. */
  labels: string[];
  series: ChartSeries[];
  /** Writes a value of the y axis in the reader's language. */
  formatValue(value: number): string;
  /** The y axis starts at 0 and goes at least this high (100 for a share in %). */
  max?: number;
  /** Counts: the y axis marks whole numbers only. */
  whole?: boolean;
}

/** Steps between the y axis' marks for counts: never a fraction of a ticket. */
const WHOLE_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 50_000, 100_000];

const HEIGHT = 240;

export function Chart({ kind, labels, series, formatValue, max, whole = false }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const xs = labels.map((_, index) => index);
    const data: uPlot.AlignedData = [xs, ...series.map((s) => s.values)];
    const width = () => Math.max(200, Math.floor(element.clientWidth));
    const narrow = () => element.clientWidth < 480;
    const count = series.length;
    const options: uPlot.Options = {
      width: width(),
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: {
        x: { time: false, range: () => (kind === 'bars' ? [-0.5, xs.length - 0.5] : [0, Math.max(1, xs.length - 1)]) },
        y: {
          range: (_self, _min, dataMax) => {
            const top = Math.max(max ?? 0, dataMax ?? 0, 1);
            return [0, top * 1.1];
          },
        },
      },
      axes: [
        {
          stroke: '#4a5360',
          grid: { show: false },
          ticks: { stroke: '#c9d0d8' },
          // Whole positions only; on a long range, a few of them so that labels never overlap.
          splits: () => {
            const room = Math.max(1, Math.floor(width() / (narrow() ? 90 : 110)));
            const step = Math.max(1, Math.ceil(xs.length / room));
            return xs.filter((x) => x % step === 0);
          },
          values: (_self, splits) => splits.map((x) => labels[x] ?? ''),
        },
        {
          stroke: '#4a5360',
          grid: { stroke: '#e3e7ec' },
          ticks: { stroke: '#c9d0d8' },
          size: 56,
          ...(whole ? { incrs: WHOLE_STEPS } : {}),
          values: (_self, splits) => splits.map((value) => formatValue(value)),
        },
      ],
      series: [
        {},
        ...series.map((s, index): uPlot.Series => {
          const colour = PALETTE[s.colour % PALETTE.length];
          if (kind === 'bars') {
            // Bars of one position side by side, each a share of the slot.
            const slot = 0.8 / count;
            return {
              label: s.label,
              stroke: colour,
              fill: colour,
              width: 0,
              paths: uPlot.paths.bars!({
                // In the x scale's units: each position is 1 wide; its bars share 0.8 of it.
                disp: {
                  x0: { unit: 1, values: (u) => (u.data[0] as number[]).map((x) => x - 0.4 + slot * index) },
                  size: { unit: 1, values: (u) => (u.data[0] as number[]).map(() => slot) },
                },
              }),
              points: { show: false },
            };
          }
          return { label: s.label, stroke: colour, width: 2, dash: s.dashed ? [6, 4] : undefined, points: { show: xs.length <= 16, size: 5, fill: colour }, spanGaps: false };
        }),
      ],
    };
    element.replaceChildren();
    const chart = new uPlot(options, data, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [kind, labels, series, formatValue, max, whole]);

  return <div ref={box} className="chart__canvas" aria-hidden="true" />;
}

/** The key of a chart: each series' colour and name, as text (read by anyone, the canvas by the eye only). */
export function Legend({ series }: { series: ChartSeries[] }) {
  return (
    <ul className="chart__legend" aria-hidden="true">
      {series.map((s) => (
        <li key={s.label}>
          <span className={`swatch swatch--${s.colour % PALETTE.length}${s.dashed ? ' swatch--dashed' : ''}`} />
          {s.label}
        </li>
      ))}
    </ul>
  );
}
