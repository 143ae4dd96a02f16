/**
 * Tornado chart: for each input parameter, how far the metric moves from its baseline when the
 * parameter is set to its low and to its high value. Largest impact on top (input order).
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatSi, formatUsd, siLabelExpr } from './format.js';
import { paddedDomain } from './layout.js';
import type { LayerItem } from './render.js';
import { renderVegaLiteToSvg } from './render.js';
import { textWidth } from './text-metrics.js';
import { CHART_CONFIG } from './theme.js';

export interface TornadoChartBar {
  /** y-axis label. Duplicates get ` (2)`, ` (3)`… appended so each bar keeps its own row. */
  parameter: string;
  /** The low input, e.g. '$1.50/GPU-h'; written at the end of its bar. */
  lowLabel: string;
  highLabel: string;
  /** The metric with the parameter at its low / high input. A non-finite value draws no bar for that side. */
  lowValue: number;
  highValue: number;
}

export interface TornadoChartInput {
  title: string;
  /** x-axis title, e.g. 'Monthly cost of the cheapest self-host option (USD)'. */
  metric: string;
  /** The metric at the base inputs. */
  baseline: number;
  /** Already sorted by impact, largest first; drawn top to bottom in this order. */
  bars: TornadoChartBar[];
  /**
   * How metric values are written (axis labels, baseline note, tooltips): `usd` → `$1.2k`,
   * `si` → `1.2k` (B for billions). Default: `usd` when `metric` mentions USD, else `si`.
   */
  valueFormat?: 'usd' | 'si';
}

export const TORNADO_SIDES = ['low input', 'high input'] as const;
export const TORNADO_COLORS = ['#4c78a8', '#f58518'] as const;
export const TORNADO_WIDTH = 800;
/** Height per parameter row, px. */
export const TORNADO_ROW_STEP = 44;
const LABEL_FONT_SIZE = 12;
const X_TICKS = 10;

interface TornadoRow {
  parameter: string;
  side: (typeof TORNADO_SIDES)[number];
  inputLabel: string;
  value: number;
  /** null without a finite baseline. */
  baseline: number | null;
  /** Bar end to the right of the baseline (label left-aligned after it) or not. */
  right: boolean;
  tooltip: string;
}

/** Parameter names made unique, in input order. */
export function uniqueParameters(bars: readonly Pick<TornadoChartBar, 'parameter'>[]): string[] {
  const seen = new Set<string>();
  return bars.map(({ parameter }) => {
    let candidate = parameter;
    for (let n = 2; seen.has(candidate); n += 1) candidate = `${parameter} (${n})`;
    seen.add(candidate);
    return candidate;
  });
}

export function tornadoValueFormat(input: Pick<TornadoChartInput, 'metric' | 'valueFormat'>): 'usd' | 'si' {
  return input.valueFormat ?? (/\bUSD\b/.test(input.metric) ? 'usd' : 'si');
}

/**
 * Whether a bar end's label goes right of the end (else left). Right of the baseline → right; left
 * → left; on the baseline (a zero-length bar) → away from the parameter's other bar, so the label
 * does not sit on top of it.
 */
export function labelOnRight(value: number, other: number, baseline: number, side: (typeof TORNADO_SIDES)[number]): boolean {
  if (value !== baseline) return value > baseline;
  if (Number.isFinite(other) && other !== baseline) return other < baseline;
  return side === 'high input';
}

/** The Vega-Lite spec of the tornado chart (pure, deterministic). */
export function tornadoSpec(input: TornadoChartInput): TopLevelSpec {
  const usd = tornadoValueFormat(input) === 'usd';
  const fmt = (v: number) => (!Number.isFinite(v) ? 'n/a' : usd ? formatUsd(v) : formatSi(v));
  const parameters = uniqueParameters(input.bars);
  const baseline = input.baseline;
  // Without a baseline (e.g. no break-even at the base inputs) there is nothing to draw bars from:
  // the low and high values are shown as ticks instead.
  const hasBaseline = Number.isFinite(baseline);

  const rows: TornadoRow[] = input.bars.flatMap((bar, i) => {
    const parameter = parameters[i] ?? bar.parameter;
    const sides = [
      { side: TORNADO_SIDES[0], inputLabel: bar.lowLabel, value: bar.lowValue, other: bar.highValue },
      { side: TORNADO_SIDES[1], inputLabel: bar.highLabel, value: bar.highValue, other: bar.lowValue },
    ].filter((s) => Number.isFinite(s.value));
    // When both ends fall on the same side of the baseline, draw the longer bar first so the shorter stays visible.
    if (hasBaseline) sides.sort((a, b) => Math.abs(b.value - baseline) - Math.abs(a.value - baseline));
    return sides.map((s) => ({
      parameter,
      side: s.side,
      inputLabel: s.inputLabel,
      value: s.value,
      baseline: hasBaseline ? baseline : null,
      right: hasBaseline ? labelOnRight(s.value, s.other, baseline, s.side) : true,
      tooltip: `${parameter}, ${s.side} ${s.inputLabel}: ${fmt(s.value)} (baseline ${fmt(baseline)})`,
    }));
  });

  // Room beyond the outermost bar ends for their labels, within reason.
  const labelRoom = Math.min(240, 12 + Math.max(0, ...rows.map((r) => textWidth(r.inputLabel, LABEL_FONT_SIZE))));

  const y = {
    field: 'parameter',
    type: 'nominal',
    title: null,
    sort: parameters,
    scale: { domain: parameters, paddingInner: 0.25 },
    axis: { labelFontSize: 13, labelColor: '#111', labelLimit: 320, ticks: false, domain: false },
  } as const;
  const x = {
    field: 'value',
    type: 'quantitative',
    title: input.metric,
    scale: { domain: paddedDomain([baseline, ...rows.map((r) => r.value)], TORNADO_WIDTH, labelRoom, X_TICKS), nice: false, zero: false },
    axis: { format: usd ? '$~s' : '~s', labelExpr: siLabelExpr(usd ? '$0' : '0'), tickCount: X_TICKS },
  } as const;
  const label: LayerItem = {
    mark: {
      type: 'text',
      align: { expr: "datum.right ? 'left' : 'right'" },
      dx: { expr: 'datum.right ? 5 : -5' },
      baseline: 'middle',
      fontSize: LABEL_FONT_SIZE,
      fill: '#222',
      aria: false,
    },
    encoding: {
      x: { field: 'value', type: 'quantitative' },
      y: { field: 'parameter', type: 'nominal', sort: parameters },
      text: { field: 'inputLabel' },
    },
  };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: input.title,
    title: hasBaseline
      ? { text: input.title }
      : { text: input.title, subtitle: 'No baseline value at the base inputs: low and high values shown as ticks', subtitleFontSize: 13 },
    width: TORNADO_WIDTH,
    height: { step: TORNADO_ROW_STEP },
    background: 'white',
    padding: 16,
    config: CHART_CONFIG,
    data: { values: rows },
    layer: [
      {
        mark: hasBaseline ? { type: 'bar' } : { type: 'tick', thickness: 4, opacity: 1 },
        encoding: {
          y,
          x,
          ...(hasBaseline ? { x2: { field: 'baseline' } } : {}),
          color: {
            field: 'side',
            type: 'nominal',
            title: null,
            scale: { domain: [...TORNADO_SIDES], range: [...TORNADO_COLORS] },
            legend: { orient: 'top', direction: 'horizontal', symbolType: 'square', symbolSize: 180 },
          },
          tooltip: { field: 'tooltip' },
          description: { field: 'tooltip' },
        },
      },
      label,
      ...(hasBaseline ? [baselineLayer(baseline, `baseline ${fmt(baseline)}`)] : []),
    ],
  };
}

/** The rule at the baseline, with a note above the plot. */
function baselineLayer(baseline: number, text: string): LayerItem {
  return {
    data: { values: [{ baseline, text }] },
    layer: [
      {
        mark: { type: 'rule', color: '#111', strokeWidth: 1.5, aria: false },
        encoding: { x: { field: 'baseline', type: 'quantitative' } },
      },
      {
        mark: {
          type: 'text',
          align: 'center',
          baseline: 'bottom',
          dy: -4,
          fontSize: 12,
          fontWeight: 'bold',
          fill: '#111',
          aria: false,
        },
        encoding: { x: { field: 'baseline', type: 'quantitative' }, y: { value: 0 }, text: { field: 'text' } },
      },
    ],
  };
}

/** Render the tornado chart to an SVG document string (≈ 830 px wide, 44 px per parameter plus title and axes). */
export function renderTornadoSvg(input: TornadoChartInput): Promise<string> {
  return renderVegaLiteToSvg(tornadoSpec(input));
}
