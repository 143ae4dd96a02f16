/**
 * Self-host and API monthly cost over a range of volumes, for charts.
 */
import type { ApiPricing } from './api-workload-cost.js';
import { apiWorkloadCost } from './api-workload-cost.js';
import type { Assumptions } from './assumptions.js';
import { CalcInputError } from './errors.js';
import { requirePositive } from './input-checks.js';
import type { SelfHostCandidate } from './self-host-workload-cost.js';
import { selfHostCostAt, selfHostCostModel } from './self-host-workload-cost.js';
import type { CalcWarning } from './warnings.js';
import { mergeWarnings } from './warnings.js';
import type { ResolvedWorkload, Workload } from './workload.js';
import { resolveWorkload, withVolume } from './workload.js';

export interface CostCurvePoint {
  /** Total tokens per month (input + output in the workload's mix). */
  tokensPerMonth: number;
  /** Self-host cost, USD/month; null when the model does not fit. */
  selfHostUsdPerMonth: number | null;
  replicas: number | null;
  gpus: number | null;
  apiUsdPerMonth: number;
}

export interface CostCurve {
  workload: ResolvedWorkload;
  points: CostCurvePoint[];
  assumptions: Assumptions;
  warnings: CalcWarning[];
}

/**
 * Self-host and API cost at each volume in `tokensPerMonth` (the workload rescaled, mix and
 * request shape unchanged). The replica is modelled once; each point is then O(1).
 *
 * @throws {CalcInputError} field `tokensPerMonth` when empty or holding a non-positive value;
 *   otherwise as {@link selfHostWorkloadCost} and {@link apiWorkloadCost}.
 * @example
 * // 2-GPU H100 replicas of 300 output tokens/s (measured), 3:1 input:output, peak ×2 → one replica
 * // serves 1.26144e9 tokens/month; GPT-5 at $3.4375/Mtok for this mix
 * const c = costCurve(candidate, gpt5, workload, [1e8, 1.26144e9, 1.3e9, 4e9]);
 * c.points.map((p) => p.replicas);          // [1, 1, 2, 4]
 * c.points[3].selfHostUsdPerMonth;          // 4 × 2 × 2.49 × 730 = 14,541.6
 * c.points[3].apiUsdPerMonth;               // 4,000 × 3.4375 = 13,750
 */
export function costCurve(
  candidate: SelfHostCandidate,
  offering: ApiPricing,
  workload: Workload,
  tokensPerMonth: readonly number[],
): CostCurve {
  if (tokensPerMonth.length === 0) throw new CalcInputError('tokensPerMonth', 'needs at least one volume');
  for (const [i, v] of tokensPerMonth.entries()) requirePositive(`tokensPerMonth[${i}]`, v);
  const w = resolveWorkload(workload);
  const model = selfHostCostModel(candidate, w);
  const warnings: CalcWarning[][] = [];
  const points = tokensPerMonth.map((volume) => {
    const scaled = withVolume(w, volume);
    const self = selfHostCostAt(model, scaled);
    const api = apiWorkloadCost(offering, scaled);
    warnings.push(api.warnings);
    return {
      tokensPerMonth: volume,
      selfHostUsdPerMonth: self.fits ? self.totalUsdPerMonth : null,
      replicas: self.fits ? self.replicas : null,
      gpus: self.fits ? self.gpus : null,
      apiUsdPerMonth: api.totalUsdPerMonth,
    };
  });
  return {
    workload: w,
    points,
    assumptions: model.deployment.assumptions,
    warnings: mergeWarnings(model.deployment.warnings, ...warnings),
  };
}
