/**
 * Hybrid plan over the day: for each hour, the output tokens/s served by the self-host replicas and
 * the overflow sent to the API (stacked bars, together the load), and the self-host capacity as a
 * line. Data from the capacity core's hybrid plan (docs/capacity.md §5).
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatSi, siLabelExpr } from './format.js';
import { renderVegaLiteToSvg } from './render.js';
import { CHART_CONFIG, LINE_PALETTE } from './theme.js';

export interface HybridChartHour {
  hour: number;
  selfHostedOutputTokensPerSecond: number;
  overflowOutputTokensPerSecond: number;
  selfHostCapacityOutputTokensPerSecond: number;
}

export interface HybridChartInput {
  title: string;
  /** 24 hours, 0–23. Non-finite values are drawn as 0. */
  hours: HybridChartHour[];
}

export const HYBRID_SERIES = ['self-hosted', 'overflow to API'] as const;
export const HYBRID_CAPACITY_LABEL = 'self-host capacity';
export const HYBRID_X_TITLE = 'Hour of day';
export const HYBRID_Y_TITLE = 'Output tokens/s';
export const HYBRID_WIDTH = 800;
export const HYBRID_HEIGHT = 400;

const finite = (x: number): number => (Number.isFinite(x) ? x : 0);
const hourLabel = (h: number): string => `${String(h).padStart(2, '0')}:00`;

/** The Vega-Lite spec of the hybrid chart (pure, deterministic). */
export function hybridSpec(input: HybridChartInput): TopLevelSpec {
  const bars = input.hours.flatMap((h) => [
    {
      hour: hourLabel(h.hour),
      series: HYBRID_SERIES[0],
      value: finite(h.selfHostedOutputTokensPerSecond),
      description: `${hourLabel(h.hour)}: ${formatSi(finite(h.selfHostedOutputTokensPerSecond))} tokens/s self-hosted`,
    },
    {
      hour: hourLabel(h.hour),
      series: HYBRID_SERIES[1],
      value: finite(h.overflowOutputTokensPerSecond),
      description: `${hourLabel(h.hour)}: ${formatSi(finite(h.overflowOutputTokensPerSecond))} tokens/s to the API`,
    },
  ]);
  const capacity = input.hours.map((h) => ({
    hour: hourLabel(h.hour),
    series: HYBRID_CAPACITY_LABEL,
    value: finite(h.selfHostCapacityOutputTokensPerSecond),
    description: `${hourLabel(h.hour)}: self-host capacity ${formatSi(finite(h.selfHostCapacityOutputTokensPerSecond))} tokens/s`,
  }));
  const x = { field: 'hour', type: 'ordinal' as const, title: HYBRID_X_TITLE, sort: null, axis: { labelAngle: -45 } };
  const color = {
    field: 'series',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [...HYBRID_SERIES, HYBRID_CAPACITY_LABEL], range: [LINE_PALETTE[0], LINE_PALETTE[1], LINE_PALETTE[2]] },
    legend: { orient: 'top' as const },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: input.title,
    title: input.title,
    width: HYBRID_WIDTH,
    height: HYBRID_HEIGHT,
    background: 'white',
    padding: 16,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', tooltip: { content: 'data' } },
        encoding: {
          x,
          y: { field: 'value', type: 'quantitative', stack: 'zero', title: HYBRID_Y_TITLE, axis: { labelExpr: siLabelExpr('0') } },
          color,
          order: { field: 'series', sort: 'descending' },
          description: { field: 'description' },
        },
      },
      {
        data: { values: capacity },
        mark: { type: 'line', interpolate: 'step', strokeWidth: 3, strokeDash: [6, 4] },
        encoding: { x, y: { field: 'value', type: 'quantitative' }, color, description: { field: 'description' } },
      },
    ],
  } as TopLevelSpec;
}

/** Renders {@link hybridSpec} to a standalone SVG document. */
export function renderHybridSvg(input: HybridChartInput): Promise<string> {
  return renderVegaLiteToSvg(hybridSpec(input));
}
