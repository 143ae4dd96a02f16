/**
 * Monthly cost of every candidate over run time (GET /scenarios/{id}/history.svg): one line per
 * candidate (self-host solid, API dashed, as in the break-even chart), and the cheapest option of
 * each run marked with a black ring.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatUsd, siLabelExpr } from './format.js';
import { niceZeroDomain } from './layout.js';
import { renderVegaLiteToSvg } from './render.js';
import { CHART_CONFIG, LINE_PALETTE } from './theme.js';

export interface HistoryChartInput {
  title: string;
  series: { label: string; type: 'api' | 'self-host'; points: { at: string; monthlyCostUsd: number | null }[] }[];
  cheapest: { at: string; label: string | null; monthlyCostUsd: number | null }[];
}

export const HISTORY_WIDTH = 800;
export const HISTORY_HEIGHT = 400;
const DASH: Record<'api' | 'self-host', number[]> = { 'self-host': [1, 0], api: [7, 4] };
const Y_TICKS = 10;

/** The Vega-Lite spec of the history chart (pure, deterministic). */
export function historySpec(input: HistoryChartInput): TopLevelSpec {
  const labels = input.series.map((s) => s.label);
  const rows = input.series.flatMap((s) =>
    s.points.flatMap((p) =>
      p.monthlyCostUsd === null || !Number.isFinite(p.monthlyCostUsd)
        ? []
        : [
            {
              series: s.label,
              at: p.at,
              monthlyCostUsd: p.monthlyCostUsd,
              tooltip: `${s.label}: ${formatUsd(p.monthlyCostUsd)}/month at ${p.at}`,
            },
          ],
    ),
  );
  const marks = input.cheapest.flatMap((c) =>
    c.label === null || c.monthlyCostUsd === null
      ? []
      : [{ at: c.at, monthlyCostUsd: c.monthlyCostUsd, tooltip: `Cheapest at ${c.at}: ${c.label}, ${formatUsd(c.monthlyCostUsd)}/month` }],
  );
  const yDomain = niceZeroDomain(
    rows.map((r) => r.monthlyCostUsd),
    Y_TICKS,
  );
  const x = { field: 'at', type: 'temporal', title: 'Run time (UTC)', axis: { format: '%Y-%m-%d %H:%M', labelAngle: -30 } } as const;
  const y = {
    field: 'monthlyCostUsd',
    type: 'quantitative',
    title: 'Monthly cost (USD)',
    scale: { domain: yDomain, nice: false, zero: false },
    axis: { format: '$~s', labelExpr: siLabelExpr('$0'), tickCount: Y_TICKS },
  } as const;
  const color = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: labels, range: labels.map((_, i) => LINE_PALETTE[i % LINE_PALETTE.length] ?? '#4c78a8') },
    legend: { orient: 'bottom', direction: 'vertical', columns: 2, labelLimit: 380, symbolStrokeWidth: 3, symbolSize: 300 },
  } as const;
  const strokeDash = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: labels, range: input.series.map((s) => DASH[s.type]) },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: input.title,
    title: { text: input.title },
    width: HISTORY_WIDTH,
    height: HISTORY_HEIGHT,
    background: 'white',
    padding: 16,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', point: true, strokeWidth: 2.5 },
        encoding: { x, y, color, strokeDash, tooltip: { field: 'tooltip' }, description: { field: 'tooltip' } },
      },
      {
        data: { values: marks },
        mark: { type: 'point', shape: 'circle', size: 260, filled: false, color: '#111', strokeWidth: 2.5 },
        encoding: { x, y, tooltip: { field: 'tooltip' }, description: { field: 'tooltip' } },
      },
    ],
  };
}

/** Render the history chart to an SVG document string. */
export function renderHistorySvg(input: HistoryChartInput): Promise<string> {
  return renderVegaLiteToSvg(historySpec(input));
}
