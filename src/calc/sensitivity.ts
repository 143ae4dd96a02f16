/**
 * Sensitivity of a self-host vs API comparison to one input at a time, and tornado ordering.
 */
import type { ApiPricing } from './api-workload-cost.js';
import { breakEven } from './break-even.js';
import { CalcInputError } from './errors.js';
import { requireFinite } from './input-checks.js';
import type { SelfHostCandidate } from './self-host-workload-cost.js';
import type { Workload } from './workload.js';

/** A self-host candidate, an API offering and a workload: the input of every sensitivity run. */
export interface Comparison {
  candidate: SelfHostCandidate;
  offering: ApiPricing;
  workload: Workload;
}

/**
 * Inputs a sensitivity run can vary. Assumption names set that assumption; `apiPriceMultiplier`
 * multiplies every API price; `volumeMultiplier` multiplies both monthly token volumes;
 * `peakToAverageRatio` sets the workload's.
 */
export const SENSITIVITY_PARAMETERS = [
  'realisationFactor',
  'targetUtilization',
  'bandwidthEfficiency',
  'computeEfficiency',
  'usdPerGpuHour',
  'purchaseUsdPerGpu',
  'scarcityPremium',
  'electricityUsdPerKwh',
  'pue',
  'depreciationYears',
  'costOfCapitalAnnual',
  'opsUsdPerMonth',
  'measuredOutputTokensPerSecondPerGpu',
  'apiPriceMultiplier',
  'volumeMultiplier',
  'peakToAverageRatio',
] as const;
export type SensitivityParameter = (typeof SENSITIVITY_PARAMETERS)[number];

/** Outputs compared across a sensitivity run. Null where undefined (model does not fit; never breaks even). */
export interface ComparisonMetrics {
  selfHostUsdPerMonth: number | null;
  apiUsdPerMonth: number;
  /** API − self-host, USD/month. */
  savingsUsdPerMonth: number | null;
  selfHostBlendedUsdPerMtok: number | null;
  breakEvenTokensPerMonth: number | null;
  outputTokensPerSecondPerGpu: number | null;
}
export type ComparisonMetric = keyof ComparisonMetrics;

/**
 * The comparison with one input set to `value`.
 *
 * @throws {CalcInputError} field `parameter` for an unknown name; `value` when not finite.
 * @example
 * withParameter(base, 'apiPriceMultiplier', 2).offering.outputUsdPerMtok; // twice the base price
 */
export function withParameter(base: Comparison, parameter: SensitivityParameter, value: number): Comparison {
  requireFinite('value', value);
  if (!(SENSITIVITY_PARAMETERS as readonly string[]).includes(parameter)) {
    throw new CalcInputError('parameter', `must be one of ${SENSITIVITY_PARAMETERS.join(', ')}`);
  }
  if (parameter === 'apiPriceMultiplier') {
    const o = base.offering;
    const scale = (p: number | null): number | null => (p === null ? null : p * value);
    return {
      ...base,
      offering: {
        ...o,
        inputUsdPerMtok: o.inputUsdPerMtok * value,
        cachedInputUsdPerMtok: scale(o.cachedInputUsdPerMtok),
        outputUsdPerMtok: o.outputUsdPerMtok * value,
        longContextInputUsdPerMtok: scale(o.longContextInputUsdPerMtok),
        longContextCachedInputUsdPerMtok: scale(o.longContextCachedInputUsdPerMtok),
        longContextOutputUsdPerMtok: scale(o.longContextOutputUsdPerMtok),
      },
    };
  }
  if (parameter === 'volumeMultiplier') {
    const w = base.workload;
    return {
      ...base,
      workload: { ...w, inputTokensPerMonth: w.inputTokensPerMonth * value, outputTokensPerMonth: w.outputTokensPerMonth * value },
    };
  }
  if (parameter === 'peakToAverageRatio') {
    return { ...base, workload: { ...base.workload, peakToAverageRatio: value } };
  }
  return {
    ...base,
    candidate: { ...base.candidate, assumptions: { ...base.candidate.assumptions, [parameter]: value } },
  };
}

/**
 * Evaluates a comparison into the metrics sensitivity runs report (via {@link breakEven}).
 *
 * @throws {CalcInputError} as {@link breakEven}.
 * @example
 * comparisonMetrics(base).selfHostUsdPerMonth; // 8 × 2.49 × 730 = 14,541.6
 * comparisonMetrics(base).apiUsdPerMonth;      // 13,750
 */
export function comparisonMetrics(comparison: Comparison): ComparisonMetrics {
  const r = breakEven(comparison.candidate, comparison.offering, comparison.workload);
  const self = r.selfHost;
  return {
    selfHostUsdPerMonth: self.fits ? self.totalUsdPerMonth : null,
    apiUsdPerMonth: r.api.totalUsdPerMonth,
    savingsUsdPerMonth: r.savingsUsdPerMonth,
    selfHostBlendedUsdPerMtok: self.fits ? self.blendedUsdPerMtok : null,
    breakEvenTokensPerMonth: r.breakEvenTokensPerMonth,
    outputTokensPerSecondPerGpu: self.fits ? self.deployment.outputTokensPerSecond.perGpu : null,
  };
}

export interface SensitivityResult {
  parameter: SensitivityParameter;
  lowValue: number;
  highValue: number;
  base: ComparisonMetrics;
  low: ComparisonMetrics;
  high: ComparisonMetrics;
}

/**
 * Re-runs a comparison with one input at a low and a high value.
 *
 * @throws {CalcInputError} for an unknown parameter, a non-finite value, or a value the engine
 *   rejects (e.g. `assumptions.targetUtilization` above 1).
 * @example
 * // base: 4 replicas of 2 rented H100 (8 GPUs)
 * const r = sensitivity(base, 'usdPerGpuHour', 1.5, 4);
 * r.low.selfHostUsdPerMonth;  // 8 × 1.5 × 730 = 8,760
 * r.high.selfHostUsdPerMonth; // 8 × 4 × 730 = 23,360
 */
export function sensitivity(base: Comparison, parameter: SensitivityParameter, lowValue: number, highValue: number): SensitivityResult {
  return {
    parameter,
    lowValue,
    highValue,
    base: comparisonMetrics(base),
    low: comparisonMetrics(withParameter(base, parameter, lowValue)),
    high: comparisonMetrics(withParameter(base, parameter, highValue)),
  };
}

export interface TornadoRange {
  parameter: SensitivityParameter;
  low: number;
  high: number;
}

export interface TornadoBar extends SensitivityResult {
  /** |metric(high) − metric(low)|; null when either side is undefined. */
  swing: number | null;
}

export interface Tornado {
  metric: ComparisonMetric;
  base: ComparisonMetrics;
  /** Sorted by swing, largest first; bars without a swing last, in input order. */
  bars: TornadoBar[];
}

/**
 * Sensitivity runs for several inputs, sorted by their impact on one metric (tornado chart).
 *
 * @throws {CalcInputError} as {@link sensitivity}.
 * @example
 * // base as in sensitivity(); API bill $13,750/month
 * tornado(base, [
 *   { parameter: 'pue', low: 1.1, high: 1.6 },                 // swing 0 (cloud pricing)
 *   { parameter: 'usdPerGpuHour', low: 2, high: 3 },           // swing 8 × 730 × 1 = 5,840
 *   { parameter: 'apiPriceMultiplier', low: 0.5, high: 2 },    // swing 1.5 × 13,750 = 20,625
 * ]).bars.map((b) => b.parameter); // ['apiPriceMultiplier', 'usdPerGpuHour', 'pue']
 */
export function tornado(base: Comparison, ranges: readonly TornadoRange[], metric: ComparisonMetric = 'savingsUsdPerMonth'): Tornado {
  const bars: TornadoBar[] = ranges.map((r) => {
    const s = sensitivity(base, r.parameter, r.low, r.high);
    const lo = s.low[metric];
    const hi = s.high[metric];
    return { ...s, swing: lo === null || hi === null ? null : Math.abs(hi - lo) };
  });
  const ordered = bars
    .map((bar, index) => ({ bar, index }))
    .sort((x, y) => {
      if (x.bar.swing === null && y.bar.swing === null) return x.index - y.index;
      if (x.bar.swing === null) return 1;
      if (y.bar.swing === null) return -1;
      return y.bar.swing - x.bar.swing || x.index - y.index;
    })
    .map((x) => x.bar);
  return { metric, base: comparisonMetrics(base), bars: ordered };
}
