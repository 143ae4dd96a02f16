/**
 * Monthly cost of serving a workload on self-hosted GPUs: replicas sized for peak load, their
 * GPU cost, and the effective price per million tokens.
 */
import { reasoningOutputMultiplier } from './api-workload-cost.js';
import type { AssumptionOverrides, Assumptions } from './assumptions.js';
import { HOURS_PER_MONTH } from './assumptions.js';
import type { DeploymentOptions, FittingDeployment, NonFittingDeployment } from './estimate-deployment.js';
import { estimateDeployment, recommendedDeployment } from './estimate-deployment.js';
import type { GpuCost, PricingMode } from './hourly-cost.js';
import { gpuCost } from './hourly-cost.js';
import { optional, requireNonNegative } from './input-checks.js';
import type { HardwareShape, ModelShape } from './model-checks.js';
import type { CalcWarning } from './warnings.js';
import { mergeWarnings, warning } from './warnings.js';
import type { ResolvedWorkload, Workload } from './workload.js';
import { resolveWorkload } from './workload.js';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

/** Deployment choices of a self-host candidate (the request shape comes from the workload). */
export type SelfHostDeploymentChoices = Pick<
  DeploymentOptions,
  | 'gpus'
  | 'precision'
  | 'concurrency'
  | 'concurrencyReason'
  | 'minOutputTokensPerSecondPerUser'
  | 'maxTimeToFirstTokenSeconds'
  | 'maxTimePerOutputTokenSeconds'
>;

/** A way to self-host: a model on a GPU type, rented or owned, with optional choices and overrides. */
export interface SelfHostCandidate {
  model: ModelShape;
  hardware: HardwareShape;
  pricing: PricingMode;
  deployment?: SelfHostDeploymentChoices;
  assumptions?: AssumptionOverrides;
  /**
   * Hidden reasoning tokens the model generates per request on top of the workload's visible
   * output (docs/capacity.md §6): the replica decodes visible + reasoning tokens per request, so
   * it serves fewer visible tokens/s. Default 0.
   */
  reasoningTokensPerRequest?: number;
}

export interface FittingSelfHostCost {
  fits: true;
  pricing: PricingMode;
  workload: ResolvedWorkload;
  deployment: FittingDeployment;
  /** Monthly output tokens ÷ (730 × 3600 s). */
  averageOutputTokensPerSecond: number;
  /** Average × peakToAverageRatio. */
  peakOutputTokensPerSecond: number;
  /**
   * One replica's visible output tokens/s at the chosen concurrency: the modelled (or measured)
   * generated tokens/s × visible ÷ (visible + reasoning tokens per request).
   */
  replicaOutputTokensPerSecond: number;
  /** max(1, ceil(peak ÷ (replica output tokens/s × targetUtilization))) + replicasForAvailability. */
  replicas: number;
  /** Of `replicas`, the spare ones kept for availability (assumptions.replicasForAvailability). */
  spareReplicas: number;
  gpusPerReplica: number;
  /** replicas × gpusPerReplica. */
  gpus: number;
  cost: GpuCost;
  totalUsdPerMonth: number;
  /** Cost attributed to input tokens (prefill time share) ÷ input Mtok; null without input. */
  inputUsdPerMtok: number | null;
  /** Cost attributed to output tokens (decode time share) ÷ output Mtok. */
  outputUsdPerMtok: number;
  /** Total ÷ (input + output) Mtok. */
  blendedUsdPerMtok: number;
  /** Average load ÷ capacity of all replicas (100 % = every replica at its modelled maximum). */
  averageUtilization: number;
  assumptions: Assumptions;
  warnings: CalcWarning[];
}

export interface NonFittingSelfHostCost {
  fits: false;
  pricing: PricingMode;
  workload: ResolvedWorkload;
  deployment: NonFittingDeployment;
  assumptions: Assumptions;
  warnings: CalcWarning[];
}

export type SelfHostWorkloadCost = FittingSelfHostCost | NonFittingSelfHostCost;

/**
 * The volume-independent part of a self-host cost: the replica and its capacity. Used by
 * {@link selfHostWorkloadCost}, break-even and cost curves so that all three agree exactly.
 */
export interface SelfHostCostModel {
  candidate: SelfHostCandidate;
  deployment: FittingDeployment | NonFittingDeployment;
}

/**
 * Evaluates the candidate's replica for the workload's request shape (volume does not matter), so
 * that many volumes can then be costed with {@link selfHostCostAt} in O(1) each.
 *
 * Replica size: when the candidate fixes `deployment.gpus`, that size. Otherwise every
 * tensor-parallel size from the smallest that holds the model up to `maxTensorParallel` is
 * evaluated and the one with the highest output tokens/s per GPU is kept (ties: the smaller), so
 * that the cost per token — GPU cost is proportional to GPUs — is the lowest the model offers;
 * sizes that miss a given speed or latency target lose to sizes that meet it. A model that just
 * fits one GPU often leaves almost no KV cache there, and two GPUs then serve far more than twice
 * as much. (POST /estimates keeps the smallest size that holds the model, as its contract says.)
 *
 * @throws {CalcInputError} as {@link estimateDeployment}.
 * @example
 * // Llama 3.3 70B fp8 on H100: 1 GPU holds the weights (70 GB of 72 GB usable) but leaves ~2 GB
 * // of KV cache; 2 GPUs give several times the tokens/s per GPU, so the replica is 2 GPUs.
 * const m = selfHostCostModel(candidate, resolveWorkload(workload));
 * m.deployment.gpusPerReplica; // 2
 */
export function selfHostCostModel(candidate: SelfHostCandidate, workload: ResolvedWorkload): SelfHostCostModel {
  optional(requireNonNegative, 'reasoningTokensPerRequest', candidate.reasoningTokensPerRequest);
  const estimate = (gpus: number | undefined) =>
    estimateDeployment(candidate.model, candidate.hardware, {
      ...candidate.deployment,
      gpus,
      inputTokens: workload.inputTokensPerRequest,
      outputTokens: workload.outputTokensPerRequest + (candidate.reasoningTokensPerRequest ?? 0),
      cachedInputShare: workload.cachedInputShare,
      assumptions: candidate.assumptions,
    });
  const smallest = estimate(candidate.deployment?.gpus);
  if (candidate.deployment?.gpus !== undefined || !smallest.fits) return { candidate, deployment: smallest };
  return { candidate, deployment: recommendedDeployment(smallest, estimate) };
}

/**
 * The number of replicas for a peak output rate: max(1, ceil(peak ÷ (replica rate × utilisation))).
 *
 * @example
 * replicasForPeak(2500, 1000, 0.8); // ceil(3.125) = 4
 * replicasForPeak(10, 1000, 0.8);   // 1
 */
export function replicasForPeak(
  peakOutputTokensPerSecond: number,
  replicaOutputTokensPerSecond: number,
  targetUtilization: number,
): number {
  return Math.max(1, Math.ceil(peakOutputTokensPerSecond / (replicaOutputTokensPerSecond * targetUtilization)));
}

/**
 * Cost of a workload for a prepared {@link SelfHostCostModel}; same formulas and result as
 * {@link selfHostWorkloadCost}. The workload must be resolved and have the request shape the
 * model was prepared for.
 *
 * @throws {CalcInputError} when the pricing mode's GPU price is missing (see gpuCost).
 * @example
 * // 300 output tokens/s per 2-GPU replica, 1e9 output tokens/month, peak ×2 → 4 replicas
 * selfHostCostAt(m, resolveWorkload(workload)).gpus; // 8
 */
export function selfHostCostAt(model: SelfHostCostModel, workload: ResolvedWorkload): SelfHostWorkloadCost {
  const { candidate, deployment } = model;
  const a = deployment.assumptions;
  if (!deployment.fits) {
    return { fits: false, pricing: candidate.pricing, workload, deployment, assumptions: a, warnings: deployment.warnings };
  }
  const averageOutputTokensPerSecond = workload.outputTokensPerMonth / SECONDS_PER_MONTH;
  const peakOutputTokensPerSecond = averageOutputTokensPerSecond * workload.peakToAverageRatio;
  const replicaOutputTokensPerSecond =
    deployment.outputTokensPerSecond.total /
    reasoningOutputMultiplier(workload.outputTokensPerRequest, candidate.reasoningTokensPerRequest);
  const spareReplicas = a.replicasForAvailability;
  const replicas = replicasForPeak(peakOutputTokensPerSecond, replicaOutputTokensPerSecond, a.targetUtilization) + spareReplicas;
  const gpusPerReplica = deployment.gpusPerReplica;
  const gpus = replicas * gpusPerReplica;
  const cost = gpuCost(candidate.hardware, gpus, candidate.pricing, a);
  const total = cost.totalUsdPerMonth;
  const inputMtok = workload.inputTokensPerMonth / 1e6;
  const outputMtok = workload.outputTokensPerMonth / 1e6;
  const inputShare = inputMtok > 0 ? deployment.prefillTimeShare : 0;

  const warnings: CalcWarning[] = [];
  const monthlyRatio = workload.inputTokensPerMonth / workload.outputTokensPerMonth;
  const requestRatio = workload.inputTokensPerRequest / workload.outputTokensPerRequest;
  if (Math.abs(monthlyRatio - requestRatio) > 0.1 * requestRatio) {
    warnings.push(
      warning(
        'request-shape-mismatch',
        `monthly input/output ratio ${monthlyRatio.toFixed(2)} differs from the request shape's ${requestRatio.toFixed(2)}; capacity follows the request shape`,
      ),
    );
  }
  if (candidate.pricing === 'owned' && a.allInCapexUsdPerGpu === null && a.platformCapexUsdPerGpu === null) {
    warnings.push(
      warning(
        'capex-gpu-only',
        `owned cost counts the GPU price only: no sourced server, network and storage share for ${candidate.hardware.name}, so capital cost and payback are optimistic; set assumptions.platformCapexUsdPerGpu or allInCapexUsdPerGpu`,
      ),
    );
  }
  if (a.opsUsdPerMonth === 0) {
    warnings.push(warning('no-ops-cost', 'opsUsdPerMonth is 0: staff and operations cost are not included'));
  }
  return {
    fits: true,
    pricing: candidate.pricing,
    workload,
    deployment,
    averageOutputTokensPerSecond,
    peakOutputTokensPerSecond,
    replicaOutputTokensPerSecond,
    replicas,
    spareReplicas,
    gpusPerReplica,
    gpus,
    cost,
    totalUsdPerMonth: total,
    inputUsdPerMtok: inputMtok > 0 ? (total * inputShare) / inputMtok : null,
    outputUsdPerMtok: (total * (1 - inputShare)) / outputMtok,
    blendedUsdPerMtok: total / (inputMtok + outputMtok),
    averageUtilization: averageOutputTokensPerSecond / (replicas * replicaOutputTokensPerSecond),
    assumptions: a,
    warnings: mergeWarnings(deployment.warnings, warnings),
  };
}

/**
 * Monthly cost of serving `workload` with `candidate`, USD.
 *
 * Capacity: one replica (estimateDeployment at the workload's request shape, decoding visible +
 * reasoning tokens per request) serves R visible output tokens/s, where prompt work is already included — each decode step carries the
 * prefill of the requests that start in it, so input tokens lower R. Replicas are sized for
 * the peak: replicas = max(1, ceil(peak output tokens/s ÷ (R × targetUtilization))), with peak =
 * monthly output tokens ÷ 2,628,000 s × peakToAverageRatio. GPUs = replicas × GPUs per replica.
 *
 * Cost: cloud = gpus × usdPerGpuHour × 730 + opsUsdPerMonth (exactly); owned = amortised
 * purchase + power + hosting + ops (see gpuCost).
 *
 * Per-Mtok split: GPU time is attributed to input by the prefill share of the modelled step
 * (prefill compute ÷ (prefill compute + decode step alone)) and the rest to output;
 * blended = total ÷ total Mtok.
 *
 * A model that does not fit returns `{ fits: false }` with a `does-not-fit` warning.
 *
 * @throws {CalcInputError} for invalid workload, profiles, choices or assumptions; when the GPU
 *   price needed by the pricing mode is missing (`assumptions.usdPerGpuHour`, ...).
 * @example
 * // Llama 3.1 70B on rented H100 ($2.49), 1e9 output tokens/month, peak ×2:
 * // peak = 1e9 / 2,628,000 × 2 = 761 tokens/s; if one 2-GPU replica gives 300 tokens/s at 0.8
 * // utilisation → ceil(761 / 240) = 4 replicas = 8 GPUs → 8 × 2.49 × 730 = $14,541.60/month
 */
export function selfHostWorkloadCost(candidate: SelfHostCandidate, workload: Workload): SelfHostWorkloadCost {
  const w = resolveWorkload(workload);
  return selfHostCostAt(selfHostCostModel(candidate, w), w);
}
