/**
 * Break-even volume between a self-hosted deployment and a per-token API.
 */
import type { ApiPricing, ApiWorkloadCost } from './api-workload-cost.js';
import { apiWorkloadCost } from './api-workload-cost.js';
import type { Assumptions } from './assumptions.js';
import { HOURS_PER_MONTH } from './assumptions.js';
import { gpuCost } from './hourly-cost.js';
import type { SelfHostCandidate, SelfHostCostModel, SelfHostWorkloadCost } from './self-host-workload-cost.js';
import { selfHostCostAt, selfHostCostModel } from './self-host-workload-cost.js';
import type { CalcWarning } from './warnings.js';
import { mergeWarnings } from './warnings.js';
import type { ResolvedWorkload, Workload } from './workload.js';
import { resolveWorkload, totalTokensPerMonth } from './workload.js';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** `breaks-even`: a volume exists from which self-hosting stays cheaper. `never`: the API is
 * cheaper at every volume. `does-not-fit`: the model does not fit the hardware. */
export type BreakEvenOutcome = 'breaks-even' | 'never' | 'does-not-fit';

export interface BreakEvenResult {
  outcome: BreakEvenOutcome;
  workload: ResolvedWorkload;
  selfHost: SelfHostWorkloadCost;
  api: ApiWorkloadCost;
  /** Smallest total tokens/month from which self-host cost ≤ API cost at every larger volume; null when never. */
  breakEvenTokensPerMonth: number | null;
  breakEvenInputTokensPerMonth: number | null;
  breakEvenOutputTokensPerMonth: number | null;
  /** API spend at the break-even volume, USD/month (equals the self-host cost there). */
  breakEvenApiUsdPerMonth: number | null;
  /** Replicas the self-host deployment needs at the break-even volume. */
  replicasAtBreakEven: number | null;
  /** Self-host cost of one more replica, USD/month (GPU cost of one replica, ops excluded). */
  usdPerReplicaMonth: number | null;
  /** Fixed self-host cost independent of volume (operations + spare replicas for availability), USD/month. */
  fixedUsdPerMonth: number | null;
  /** Total tokens/month (workload mix) one replica serves at target utilisation and peak ratio. */
  replicaCapacityTokensPerMonth: number | null;
  /** usdPerReplicaMonth ÷ replica capacity in Mtok: self-host marginal cost per Mtok. */
  selfHostMarginalUsdPerMtok: number | null;
  /** API cost per Mtok of the workload mix. */
  apiBlendedUsdPerMtok: number;
  /** API cost − self-host cost at the workload's volume, USD/month (negative: API cheaper). */
  savingsUsdPerMonth: number | null;
  /** Owned hardware: upfront purchase ÷ monthly savings; null for cloud or without savings. */
  paybackMonths: number | null;
  assumptions: Assumptions;
  warnings: CalcWarning[];
}

/** Results the caller already has for the same candidate, offering and workload. */
export interface KnownCosts {
  model?: SelfHostCostModel;
  selfHost?: SelfHostWorkloadCost;
  api?: ApiWorkloadCost;
}

/**
 * The smallest volume V* (tokens/month) with self-host cost ≤ API cost for every V ≥ V*.
 *
 * Self-host cost is a step function S(V) = F + R × max(1, ceil(V / K)) (F fixed, R per replica,
 * K replica capacity in tokens/month); API cost is linear, A(V) = p × V. If p × K ≤ R the API
 * costs no more than one replica's worth of its own capacity, so every replica step takes
 * self-hosting back above the API: never (null). Otherwise the jump after step n stays below
 * the API once n ≥ x = (F + R) / (pK − R); with m = max(1, ceil(x)), V* = (F + m R) / p, which
 * falls inside step m. Exact: no search.
 *
 * @example
 * breakEvenVolume(0, 1000, 1e9, 2e-6);  // pK = 2000 > 1000; x = 1 → m = 1 → V* = 1000 / 2e-6 = 5e8
 * breakEvenVolume(0, 1000, 1e9, 1e-6);  // pK = 1000 ≤ R → null
 * breakEvenVolume(500, 1000, 1e9, 1.2e-6); // x = 1500 / 200 = 7.5 → m = 8 → V* = 8500 / 1.2e-6 ≈ 7.083e9
 */
export function breakEvenVolume(
  fixedUsdPerMonth: number,
  usdPerReplicaMonth: number,
  replicaCapacityTokensPerMonth: number,
  apiUsdPerToken: number,
): { tokensPerMonth: number; replicas: number } | null {
  const margin = apiUsdPerToken * replicaCapacityTokensPerMonth - usdPerReplicaMonth;
  if (!(margin > 0)) return null;
  const x = (fixedUsdPerMonth + usdPerReplicaMonth) / margin;
  const replicas = Math.max(1, Math.ceil(x));
  return { tokensPerMonth: (fixedUsdPerMonth + replicas * usdPerReplicaMonth) / apiUsdPerToken, replicas };
}

/**
 * Compares a self-host candidate with an API offering for a workload: the break-even volume
 * (same input/output mix and request shape, input and output scaled together), the API spend
 * there, savings at the workload's own volume and, for owned hardware, payback months.
 *
 * `known`: what the caller already computed for this same workload — the candidate's
 * {@link selfHostCostModel}, its {@link selfHostWorkloadCost}, the offering's
 * {@link apiWorkloadCost} — so a comparison costs each candidate once and reuses it for every
 * pair; whatever is omitted is computed here.
 *
 * @throws {CalcInputError} as {@link selfHostWorkloadCost} and {@link apiWorkloadCost}.
 * @example
 * // Rented 2 × H100 replicas of 300 output tokens/s at utilisation 0.8, $3,635.40 per replica-month,
 * // mix 3:1 input:output, peak ×2: K = 300 × 0.8 × 2,628,000 ÷ 2 × 4 = 1.261e9 tokens/month.
 * // Against GPT-5 (20 % cached input) at $3.26875/Mtok blended: pK = $4,123.33 > R = $3,635.40;
 * // x = 3,635.40 ÷ 487.93 = 7.45 → m = 8 replicas → V* = 8 × 3,635.40 ÷ 3.26875e-6 ≈ 8.90e9 tokens/month.
 */
export function breakEven(candidate: SelfHostCandidate, offering: ApiPricing, workload: Workload, known: KnownCosts = {}): BreakEvenResult {
  const w = resolveWorkload(workload);
  const selfHost = known.selfHost ?? selfHostCostAt(known.model ?? selfHostCostModel(candidate, w), w);
  const api = known.api ?? apiWorkloadCost(offering, w);
  const volume = totalTokensPerMonth(w);
  const apiUsdPerToken = api.totalUsdPerMonth / volume;
  const warnings = mergeWarnings(selfHost.warnings, api.warnings);
  if (!selfHost.fits) {
    return {
      workload: w,
      selfHost,
      api,
      apiBlendedUsdPerMtok: api.blendedUsdPerMtok,
      assumptions: selfHost.assumptions,
      warnings,
      outcome: 'does-not-fit',
      breakEvenTokensPerMonth: null,
      breakEvenInputTokensPerMonth: null,
      breakEvenOutputTokensPerMonth: null,
      breakEvenApiUsdPerMonth: null,
      replicasAtBreakEven: null,
      usdPerReplicaMonth: null,
      fixedUsdPerMonth: null,
      replicaCapacityTokensPerMonth: null,
      selfHostMarginalUsdPerMtok: null,
      savingsUsdPerMonth: null,
      paybackMonths: null,
    };
  }
  const a = selfHost.assumptions;
  const usdPerReplicaMonth = gpuCost(candidate.hardware, selfHost.gpusPerReplica, candidate.pricing, a).totalUsdPerMonth - a.opsUsdPerMonth;
  // Spare replicas for availability do not scale with volume: they are a fixed cost like operations.
  const fixedUsdPerMonth = a.opsUsdPerMonth + selfHost.spareReplicas * usdPerReplicaMonth;
  const outputShare = w.outputTokensPerMonth / volume;
  const replicaCapacityTokensPerMonth =
    (selfHost.replicaOutputTokensPerSecond * a.targetUtilization * SECONDS_PER_MONTH) / (w.peakToAverageRatio * outputShare);
  const found = breakEvenVolume(fixedUsdPerMonth, usdPerReplicaMonth, replicaCapacityTokensPerMonth, apiUsdPerToken);
  const savingsUsdPerMonth = api.totalUsdPerMonth - selfHost.totalUsdPerMonth;
  const paybackMonths = candidate.pricing === 'owned' && savingsUsdPerMonth > 0 ? selfHost.cost.upfrontUsd / savingsUsdPerMonth : null;
  const inputShare = w.inputTokensPerMonth / volume;
  return {
    workload: w,
    selfHost,
    api,
    apiBlendedUsdPerMtok: api.blendedUsdPerMtok,
    assumptions: selfHost.assumptions,
    warnings,
    outcome: found === null ? 'never' : 'breaks-even',
    breakEvenTokensPerMonth: found?.tokensPerMonth ?? null,
    breakEvenInputTokensPerMonth: found === null ? null : found.tokensPerMonth * inputShare,
    breakEvenOutputTokensPerMonth: found === null ? null : found.tokensPerMonth * outputShare,
    breakEvenApiUsdPerMonth: found === null ? null : found.tokensPerMonth * apiUsdPerToken,
    replicasAtBreakEven: found === null ? null : found.replicas + selfHost.spareReplicas,
    usdPerReplicaMonth,
    fixedUsdPerMonth,
    replicaCapacityTokensPerMonth,
    selfHostMarginalUsdPerMtok: (usdPerReplicaMonth / replicaCapacityTokensPerMonth) * 1e6,
    savingsUsdPerMonth,
    paybackMonths,
  };
}
