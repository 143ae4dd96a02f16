/**
 * Server-side charts rendered to SVG strings (Vega-Lite compiled to Vega, rendered headless).
 */
export type { BreakEvenChartInput, BreakEvenChartMarker, BreakEvenChartPoint, BreakEvenChartSeries } from './break-even-chart.js';
export {
  BREAK_EVEN_HEIGHT,
  BREAK_EVEN_WIDTH,
  BREAK_EVEN_X_TITLE,
  BREAK_EVEN_Y_TITLE,
  breakEvenLabel,
  breakEvenSpec,
  renderBreakEvenSvg,
} from './break-even-chart.js';
export { formatSi, formatUsd } from './format.js';
export type { HistoryChartInput } from './history-chart.js';
export { HISTORY_HEIGHT, HISTORY_WIDTH, historySpec, renderHistorySvg } from './history-chart.js';
export type { HybridChartHour, HybridChartInput } from './hybrid-chart.js';
export { HYBRID_CAPACITY_LABEL, HYBRID_SERIES, hybridSpec, renderHybridSvg } from './hybrid-chart.js';
export { compileToVega, renderVegaLiteToSvg } from './render.js';
export type { TornadoChartBar, TornadoChartInput } from './tornado-chart.js';
export { renderTornadoSvg, TORNADO_SIDES, tornadoSpec } from './tornado-chart.js';
