/**
 * Shared Vega-Lite config: larger type than Vega's defaults so the charts stay legible when an SVG is
 * opened at 100 % in a browser, and a generic font stack (resolved by the viewer, not measured here).
 */
import type { Config } from 'vega-lite';

/**
 * Tableau 10 (Vega-Lite's default categorical scheme, spelled out so the output never depends on a
 * scheme registry), then ten more distinct hues for crowded charts.
 */
export const LINE_PALETTE = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
  '#1b9e77',
  '#7570b3',
  '#a6761d',
  '#17becf',
  '#e7298a',
  '#393b79',
  '#bcbd22',
  '#637939',
  '#8c564b',
  '#666666',
] as const;

export const CHART_FONT = 'Helvetica, Arial, "Liberation Sans", "DejaVu Sans", sans-serif';

export const CHART_CONFIG: Config = {
  font: CHART_FONT,
  title: { fontSize: 18, fontWeight: 'bold', anchor: 'start', offset: 14, color: '#111' },
  axis: {
    labelFontSize: 12,
    titleFontSize: 13,
    titleFontWeight: 'bold',
    titlePadding: 10,
    labelColor: '#333',
    titleColor: '#111',
    gridColor: '#e6e6e6',
    domainColor: '#888',
    tickColor: '#888',
    labelLimit: 260,
  },
  legend: { labelFontSize: 12, titleFontSize: 13, labelColor: '#222', titleColor: '#111', padding: 4, rowPadding: 6, columnPadding: 24 },
  view: { stroke: '#ccc' },
};
