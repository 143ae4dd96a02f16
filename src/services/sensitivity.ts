import { type Assumptions, type Comparison, type SensitivityParameter, type TornadoRange, tornado } from '../calc/index.js';
import { UnprocessableError } from '../errors.js';
import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot } from './catalog.js';
import { freshReplicaModels, type ReplicaModels } from './comparison/candidates.js';
import { evaluateComparison, type PreparedSelfHost } from './comparison.js';

/**
 * Tornado data for a comparison: the cheapest self-host option against the cheapest API option,
 * each key input moved to a low and a high value (ranges below, documented in docs/api.md),
 * sorted by the swing in the self-host monthly cost or in the break-even volume.
 */
const DESCRIPTIONS: Partial<Record<SensitivityParameter, string>> = {
  realisationFactor: 'Realisation of peak compute and bandwidth: 0.5× and 1.5× the value used (at most 1)',
  targetUtilization: 'Target utilisation: 0.2 lower (at least 0.1) and 0.15 higher (at most 1) than the value used',
  usdPerGpuHour: 'Cloud GPU price: 0.6× and 1.5× the price used',
  purchaseUsdPerGpu: 'GPU purchase price: 0.7× and 1.5× the price used (scarcity)',
  electricityUsdPerKwh: 'Electricity price: $0.05 and $0.15 per kWh',
  apiPriceMultiplier: 'API prices: halved and 1.5×',
  volumeMultiplier: 'Monthly volume: halved and doubled',
  peakToAverageRatio: 'Peak-to-average load: 0.75× (at least 1) and 1.5× the value used',
};

export type SortBy = 'monthlyCost' | 'breakEven';

export function scenarioSensitivity(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  sortBy: SortBy,
  models: ReplicaModels = freshReplicaModels,
) {
  const { result: comparison, prepared } = evaluateComparison(request, snapshot, models);
  const costOf = (label: string) => comparison.results.find((r) => r.label === label)?.monthlyCostUsd ?? null;
  const cheapestOf = <T extends { label: string }>(list: T[]): T | null =>
    list
      .filter((c) => costOf(c.label) !== null)
      .reduce<T | null>((best, c) => (best && (costOf(best.label) as number) <= (costOf(c.label) as number) ? best : c), null);
  const selfHost = cheapestOf(prepared.candidates.filter((c): c is PreparedSelfHost => c.type === 'self-host'));
  const api = cheapestOf(prepared.candidates.filter((c) => c.type === 'api'));
  if (!selfHost || !api || api.type !== 'api') {
    throw new UnprocessableError('Sensitivity needs at least one self-host candidate that fits and one API candidate, none excluded.', [
      { field: 'candidates', message: 'no costed self-host and API pair' },
    ]);
  }
  const detail = comparison.results.find((r) => r.label === selfHost.label)?.detail as { assumptions: Assumptions };
  const used = detail.assumptions;
  const base: Comparison = { candidate: selfHost.candidate, offering: api.offering, workload: prepared.workload };
  const ranges: TornadoRange[] = [
    { parameter: 'realisationFactor', low: used.realisationFactor * 0.5, high: Math.min(1, used.realisationFactor * 1.5) },
    { parameter: 'targetUtilization', low: Math.max(0.1, used.targetUtilization - 0.2), high: Math.min(1, used.targetUtilization + 0.15) },
    { parameter: 'apiPriceMultiplier', low: 0.5, high: 1.5 },
    { parameter: 'volumeMultiplier', low: 0.5, high: 2 },
    {
      parameter: 'peakToAverageRatio',
      low: Math.max(1, prepared.workload.peakToAverageRatio * 0.75),
      high: prepared.workload.peakToAverageRatio * 1.5,
    },
  ];
  if (selfHost.candidate.pricing === 'cloud') {
    const price = used.usdPerGpuHour ?? 0;
    ranges.push({ parameter: 'usdPerGpuHour', low: price * 0.6, high: price * 1.5 });
  } else {
    const price = used.purchaseUsdPerGpu ?? 0;
    ranges.push({ parameter: 'purchaseUsdPerGpu', low: price * 0.7, high: price * 1.5 });
    ranges.push({ parameter: 'electricityUsdPerKwh', low: 0.05, high: 0.15 });
  }
  const t = tornado(base, ranges, sortBy === 'monthlyCost' ? 'selfHostUsdPerMonth' : 'breakEvenTokensPerMonth');
  const pick = (m: { selfHostUsdPerMonth: number | null; breakEvenTokensPerMonth: number | null }) => ({
    selfHostMonthlyCostUsd: m.selfHostUsdPerMonth,
    breakEvenMonthlyTokens: m.breakEvenTokensPerMonth,
  });
  return {
    selfHost: selfHost.label,
    api: api.label,
    sortBy,
    base: pick(t.base),
    bars: t.bars.map((b) => ({
      parameter: b.parameter,
      description: DESCRIPTIONS[b.parameter] ?? b.parameter,
      lowValue: b.lowValue,
      highValue: b.highValue,
      low: pick(b.low),
      high: pick(b.high),
      swing: b.swing,
    })),
  };
}
