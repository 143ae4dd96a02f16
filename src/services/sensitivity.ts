import { type Assumptions, type Comparison, type SensitivityParameter, type TornadoRange, tornado } from '../calc/index.js';
import { BadRequestError, UnprocessableError } from '../errors.js';
import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot } from './catalog.js';
import { freshReplicaModels, type ReplicaModels } from './comparison/candidates.js';
import { type CandidateResult, type ComparisonResult, evaluateComparison, type PreparedApi, type PreparedSelfHost } from './comparison.js';

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

/** `sortBy`, and the pair to vary: each a candidate label or request index (default: see {@link choosePair}). */
export interface SensitivityOptions {
  sortBy: SortBy;
  selfHost?: string | undefined;
  api?: string | undefined;
}

/**
 * The costed candidate of `type` that `ref` names: a label first, else a request index (digits).
 * @throws {BadRequestError} naming `field` when `ref` names no costed candidate of that type.
 */
function resolveRef(comparison: ComparisonResult, type: 'self-host' | 'api', ref: string, field: string): CandidateResult {
  const costed = comparison.results.filter((r) => r.type === type && r.monthlyCostUsd !== null);
  const found = costed.find((r) => r.label === ref) ?? (/^\d+$/.test(ref) ? costed.find((r) => r.index === Number(ref)) : undefined);
  if (found) return found;
  throw new BadRequestError(`No costed ${type} candidate is labelled or indexed "${ref}"`, [
    {
      field,
      message: `must be the label or index of a costed ${type} candidate: ${costed.map((r) => `${r.index} (${r.label})`).join(', ') || '(none)'}`,
    },
  ]);
}

/**
 * The default pair: among the pairs that break even, the cheapest self-host option, then the
 * cheapest API option against it (lowest monthly cost, first on a tie); when no pair breaks even,
 * the cheapest self-host option against the cheapest API option. Each side can be fixed by the caller.
 */
function choosePair(comparison: ComparisonResult, options: SensitivityOptions): { selfHost: CandidateResult; api: CandidateResult } | null {
  const fixedSelf = options.selfHost === undefined ? null : resolveRef(comparison, 'self-host', options.selfHost, 'querystring.selfHost');
  const fixedApi = options.api === undefined ? null : resolveRef(comparison, 'api', options.api, 'querystring.api');
  const cost = (r: CandidateResult) => r.monthlyCostUsd as number;
  const costed = (type: 'self-host' | 'api', fixed: CandidateResult | null) =>
    fixed ? [fixed] : comparison.results.filter((r) => r.type === type && r.monthlyCostUsd !== null);
  const selfs = costed('self-host', fixedSelf);
  const apis = costed('api', fixedApi);
  const cheapest = (list: CandidateResult[]) => list.reduce<CandidateResult | null>((b, r) => (b && cost(b) <= cost(r) ? b : r), null);
  const breaking = (s: CandidateResult, a: CandidateResult) =>
    comparison.breakEven.some((e) => e.selfHostIndex === s.index && e.apiIndex === a.index && e.outcome === 'breaks-even');
  const selfBreaking = cheapest(selfs.filter((s) => apis.some((a) => breaking(s, a))));
  if (selfBreaking) {
    const api = cheapest(apis.filter((a) => breaking(selfBreaking, a)));
    if (api) return { selfHost: selfBreaking, api };
  }
  const selfHost = cheapest(selfs);
  const api = cheapest(apis);
  return selfHost && api ? { selfHost, api } : null;
}

export function scenarioSensitivity(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  options: SensitivityOptions,
  models: ReplicaModels = freshReplicaModels,
) {
  const sortBy = options.sortBy;
  const { result: comparison, prepared } = evaluateComparison(request, snapshot, models);
  const pair = choosePair(comparison, options);
  const selfHost =
    pair && prepared.candidates.find((c): c is PreparedSelfHost => c.index === pair.selfHost.index && c.type === 'self-host');
  const api = pair && prepared.candidates.find((c): c is PreparedApi => c.index === pair.api.index && c.type === 'api');
  if (!selfHost || !api) {
    throw new UnprocessableError('Sensitivity needs at least one self-host candidate that fits and one API candidate, none excluded.', [
      { field: 'candidates', message: 'no costed self-host and API pair' },
    ]);
  }
  const outcome = comparison.breakEven.find((e) => e.selfHostIndex === selfHost.index && e.apiIndex === api.index)?.outcome ?? 'never';
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
    selfHostIndex: selfHost.index,
    api: api.label,
    apiIndex: api.index,
    breakEven: outcome,
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
