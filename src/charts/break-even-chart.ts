/**
 * Monthly cost vs monthly volume: one line per self-host option (a step function, cost jumps with
 * each extra replica) and per API (straight line), with the break-even volumes marked.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatSi, formatUsd, siLabelExpr } from './format.js';
import { niceZeroDomain, placePointLabels } from './layout.js';
import type { LayerItem } from './render.js';
import { renderVegaLiteToSvg } from './render.js';
import { CHART_CONFIG, LINE_PALETTE } from './theme.js';

export interface BreakEvenChartPoint {
  monthlyTokens: number;
  monthlyCostUsd: number;
}

export interface BreakEvenChartSeries {
  /** Shown in the colour legend. Duplicate labels get ` (2)`, ` (3)`… appended so each series keeps its own line. */
  label: string;
  /** `self-host` series are drawn as step functions (step-after), `api` series as straight lines. */
  type: 'api' | 'self-host';
  /** Points with a non-finite coordinate are dropped. */
  points: BreakEvenChartPoint[];
}

export interface BreakEvenChartMarker {
  selfHost: string;
  api: string;
  monthlyTokens: number;
  monthlyCostUsd: number;
}

export interface BreakEvenChartInput {
  /** e.g. 'Monthly cost vs volume — scenario "Support bot"' */
  title: string;
  series: BreakEvenChartSeries[];
  /** Marked as points labelled `≈ 1.2B tok/mo`; the tooltip / aria-label names the pair. Non-finite ones are dropped. */
  breakEvenPoints: BreakEvenChartMarker[];
}

export const BREAK_EVEN_X_TITLE = 'Monthly volume (tokens/month)';
export const BREAK_EVEN_Y_TITLE = 'Monthly cost (USD)';
export const BREAK_EVEN_WIDTH = 800;
export const BREAK_EVEN_HEIGHT = 450;

/** Field names in the chart's data rows. */
const X = 'monthlyTokens';
const Y = 'monthlyCostUsd';
const SERIES = 'series';

interface LineRow {
  series: string;
  type: 'api' | 'self-host';
  monthlyTokens: number;
  monthlyCostUsd: number;
  description: string;
}

interface MarkerRow {
  monthlyTokens: number;
  monthlyCostUsd: number;
  /** Visible label next to the point. */
  label: string;
  /** Tooltip (interactive use) and aria-label (in the SVG). */
  tooltip: string;
  /** Label placement relative to the point (see {@link placePointLabels}). */
  align: 'left' | 'right';
  dx: number;
  dy: number;
  /** End of the leader line to a displaced label (data coordinates); null when the label sits by its point. */
  leaderTokens: number | null;
  leaderCostUsd: number | null;
}

/** Series labels made unique, in input order. */
export function uniqueSeriesLabels(series: readonly Pick<BreakEvenChartSeries, 'label'>[]): string[] {
  const seen = new Set<string>();
  return series.map(({ label }) => {
    let candidate = label;
    for (let n = 2; seen.has(candidate); n += 1) candidate = `${label} (${n})`;
    seen.add(candidate);
    return candidate;
  });
}

/** aria-label of a series' line: `Qwen3 (self-host): $3.3k to $15.1k per month over 0 to 20B tokens/month`. */
function seriesDescription(series: string, type: 'api' | 'self-host', points: readonly BreakEvenChartPoint[]): string {
  const range = (values: number[], fmt: (v: number) => string) => {
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    return lo === hi ? fmt(lo) : `${fmt(lo)} to ${fmt(hi)}`;
  };
  if (points.length === 0) return `${series} (${type}): no data`;
  const cost = range(
    points.map((p) => p.monthlyCostUsd),
    (v) => formatUsd(v),
  );
  const volume = range(
    points.map((p) => p.monthlyTokens),
    (v) => formatSi(v),
  );
  return `${series} (${type}): ${cost} per month over ${volume} tokens/month`;
}

/** Label next to a break-even point: `≈ 1.2B tok/mo`. */
export function breakEvenLabel(monthlyTokens: number): string {
  return `≈ ${formatSi(monthlyTokens, 2)} tok/mo`;
}

const finite = (p: { monthlyTokens: number; monthlyCostUsd: number }): boolean =>
  Number.isFinite(p.monthlyTokens) && Number.isFinite(p.monthlyCostUsd);

/** Dash pattern per series type: self-host solid, API dashed (also shown in the legend). */
const DASH: Record<'api' | 'self-host', number[]> = { 'self-host': [1, 0], api: [7, 4] };
const LABEL_FONT_SIZE = 13;
const X_TICKS = 8;
const Y_TICKS = 10;

/** The Vega-Lite spec of the break-even chart (pure, deterministic). */
export function breakEvenSpec(input: BreakEvenChartInput): TopLevelSpec {
  const labels = uniqueSeriesLabels(input.series);
  const lines: LineRow[] = input.series.flatMap((s, i) => {
    const series = labels[i] ?? s.label;
    const points = s.points.filter(finite);
    const description = seriesDescription(series, s.type, points);
    return points.map((p) => ({ series, type: s.type, monthlyTokens: p.monthlyTokens, monthlyCostUsd: p.monthlyCostUsd, description }));
  });
  const breakEvens = input.breakEvenPoints.filter(finite);

  // Explicit nice domains: the same ticks Vega would choose, but known here, so point labels can be
  // laid out in pixels before rendering.
  const xDomain = niceZeroDomain(
    [...lines, ...breakEvens].map((p) => p.monthlyTokens),
    X_TICKS,
  );
  const yDomain = niceZeroDomain(
    [...lines, ...breakEvens].map((p) => p.monthlyCostUsd),
    Y_TICKS,
  );
  const px = (v: number) => ((v - xDomain[0]) / (xDomain[1] - xDomain[0])) * BREAK_EVEN_WIDTH;
  const py = (v: number) => BREAK_EVEN_HEIGHT - ((v - yDomain[0]) / (yDomain[1] - yDomain[0])) * BREAK_EVEN_HEIGHT;
  const texts = breakEvens.map((b) => breakEvenLabel(b.monthlyTokens));
  const placements = placePointLabels(
    breakEvens.map((b, i) => ({ x: px(b.monthlyTokens), y: py(b.monthlyCostUsd), text: texts[i] ?? '' })),
    { width: BREAK_EVEN_WIDTH, height: BREAK_EVEN_HEIGHT, fontSize: LABEL_FONT_SIZE, bold: true },
  );
  const invertX = (pixels: number) => xDomain[0] + (pixels / BREAK_EVEN_WIDTH) * (xDomain[1] - xDomain[0]);
  const invertY = (pixels: number) => yDomain[0] + ((BREAK_EVEN_HEIGHT - pixels) / BREAK_EVEN_HEIGHT) * (yDomain[1] - yDomain[0]);
  const markers: MarkerRow[] = breakEvens.map((b, i) => {
    const place = placements[i] ?? { align: 'left', dx: 8, dy: -16, displaced: false };
    const edge = place.align === 'left' ? place.dx - 3 : place.dx + 3;
    return {
      monthlyTokens: b.monthlyTokens,
      monthlyCostUsd: b.monthlyCostUsd,
      label: texts[i] ?? '',
      tooltip: `Break-even ${b.selfHost} vs ${b.api}: ${breakEvenLabel(b.monthlyTokens)}, ${formatUsd(b.monthlyCostUsd)}/month`,
      align: place.align,
      dx: place.dx,
      dy: place.dy,
      leaderTokens: place.displaced ? invertX(px(b.monthlyTokens) + edge) : null,
      leaderCostUsd: place.displaced ? invertY(py(b.monthlyCostUsd) + place.dy) : null,
    };
  });
  const leaders = markers.filter((m) => m.leaderTokens !== null);

  const x = {
    field: X,
    type: 'quantitative',
    title: BREAK_EVEN_X_TITLE,
    scale: { domain: xDomain, nice: false, zero: false },
    axis: { format: '~s', labelExpr: siLabelExpr('0'), tickCount: X_TICKS },
  } as const;
  const y = {
    field: Y,
    type: 'quantitative',
    title: BREAK_EVEN_Y_TITLE,
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { format: '$~s', labelExpr: siLabelExpr('$0'), tickCount: Y_TICKS },
  } as const;
  // Colour and dash on the same field with the same domain: Vega-Lite merges them into one legend.
  const seriesDomain = labels;
  const color = {
    field: SERIES,
    type: 'nominal',
    title: null,
    scale: { domain: seriesDomain, range: paletteFor(labels.length) },
    legend: { orient: 'bottom', direction: 'vertical', columns: 2, labelLimit: 380, symbolStrokeWidth: 3, symbolSize: 300 },
  } as const;
  const strokeDash = {
    field: SERIES,
    type: 'nominal',
    title: null,
    scale: { domain: seriesDomain, range: input.series.map((s) => DASH[s.type]) },
  } as const;
  const line = (type: 'api' | 'self-host'): LayerItem => ({
    data: { values: lines.filter((r) => r.type === type) },
    mark: { type: 'line', interpolate: type === 'self-host' ? 'step-after' : 'linear', strokeWidth: 2.5 },
    encoding: { x, y, color, strokeDash, description: { field: 'description' } },
  });
  const at = { x: { field: X, type: 'quantitative' }, y: { field: Y, type: 'quantitative' } } as const;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: input.title,
    title: { text: input.title },
    width: BREAK_EVEN_WIDTH,
    height: BREAK_EVEN_HEIGHT,
    background: 'white',
    padding: 16,
    config: CHART_CONFIG,
    layer: [
      // Draw order: guides down to the x axis, lines, then points and their labels on top.
      {
        data: { values: markers },
        mark: { type: 'rule', color: '#555', strokeDash: [2, 3], strokeWidth: 1, aria: false },
        encoding: { ...at, y2: { datum: yDomain[0] } },
      },
      line('self-host'),
      line('api'),
      {
        data: { values: leaders },
        mark: { type: 'rule', color: '#444', strokeWidth: 1, aria: false },
        encoding: { ...at, x2: { field: 'leaderTokens' }, y2: { field: 'leaderCostUsd' } },
      },
      {
        data: { values: markers },
        mark: { type: 'point', filled: true, size: 110, color: '#111', stroke: 'white', strokeWidth: 1.5, opacity: 1 },
        encoding: { ...at, tooltip: { field: 'tooltip' }, description: { field: 'tooltip' } },
      },
      // Each label twice: a thick white copy underneath as a halo, so it stays readable over lines.
      ...[true, false].map(
        (halo): LayerItem => ({
          data: { values: markers },
          mark: {
            type: 'text',
            align: { expr: 'datum.align' },
            dx: { expr: 'datum.dx' },
            dy: { expr: 'datum.dy' },
            baseline: 'middle',
            fontSize: LABEL_FONT_SIZE,
            fontWeight: 'bold',
            fill: '#111',
            aria: false,
            ...(halo ? { stroke: 'white', strokeWidth: 4, strokeJoin: 'round' } : {}),
          },
          encoding: { ...at, text: { field: 'label' } },
        }),
      ),
    ],
  };
}

/** One colour per series from {@link LINE_PALETTE} (20), repeating beyond that (dash and legend order still tell them apart). */
function paletteFor(n: number): string[] {
  return Array.from({ length: Math.max(1, n) }, (_, i) => LINE_PALETTE[i % LINE_PALETTE.length] ?? '#4c78a8');
}

/** Render the break-even chart to an SVG document string (≈ 830 × 560 px). */
export function renderBreakEvenSvg(input: BreakEvenChartInput): Promise<string> {
  return renderVegaLiteToSvg(breakEvenSpec(input));
}
