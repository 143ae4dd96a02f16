/**
 * The chart kinds, each with the input its renderer takes, and one entry point that draws any of
 * them (used by the chart worker threads, src/services/charts/render-worker.ts).
 */
import type { BreakEvenChartInput } from './break-even-chart.js';
import type { HistoryChartInput } from './history-chart.js';
import type { HybridChartInput } from './hybrid-chart.js';
import type { TornadoChartInput } from './tornado-chart.js';

/** Input of each chart kind (plain data: it crosses to the worker by structured clone). */
export interface ChartInputs {
  'break-even': BreakEvenChartInput;
  tornado: TornadoChartInput;
  history: HistoryChartInput;
  hybrid: HybridChartInput;
}

export type ChartKind = keyof ChartInputs;

/**
 * Draws `input` with the renderer of `kind` (src/charts/index.ts). Loads Vega on the first call.
 *
 * @throws {Error} an unknown kind, or whatever the renderer throws.
 */
export async function renderChart(kind: ChartKind, input: unknown): Promise<string> {
  const charts = await import('./index.js');
  switch (kind) {
    case 'break-even':
      return charts.renderBreakEvenSvg(input as BreakEvenChartInput);
    case 'tornado':
      return charts.renderTornadoSvg(input as TornadoChartInput);
    case 'history':
      return charts.renderHistorySvg(input as HistoryChartInput);
    case 'hybrid':
      return charts.renderHybridSvg(input as HybridChartInput);
    default:
      throw new Error(`Unknown chart kind "${String(kind)}".`);
  }
}
