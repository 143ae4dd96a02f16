/**
 * A monthly inference workload: token volumes, the typical request shape, prompt caching,
 * batch share and burstiness.
 */
import { CalcInputError } from './errors.js';
import { requireAtLeast, requireFraction, requireNonNegative, requirePositive } from './input-checks.js';

export interface Workload {
  /** Prompt tokens per month, cached ones included. */
  inputTokensPerMonth: number;
  /** Generated tokens per month. */
  outputTokensPerMonth: number;
  /** Typical prompt tokens per request (drives prefill cost, KV memory and long-context tiers). */
  inputTokensPerRequest: number;
  /** Typical generated tokens per request. */
  outputTokensPerRequest: number;
  /** Share of input tokens that are prompt-cache hits, [0, 1). Default 0. */
  cachedInputShare?: number;
  /** Share of traffic sent through the API's batch interface, [0, 1]. Default 0. */
  batchShare?: number;
  /** Peak hourly load ÷ monthly average load, ≥ 1. Default 2. */
  peakToAverageRatio?: number;
}

export type ResolvedWorkload = Required<Workload>;

/** Defaults for the optional workload fields (reasoning in docs/cost-model.md). */
export const WORKLOAD_DEFAULTS = {
  cachedInputShare: 0,
  batchShare: 0,
  peakToAverageRatio: 2,
} as const;

/**
 * Checks a workload and fills its defaults.
 *
 * @throws {CalcInputError} field `workload.<name>`: negative or non-finite volumes, zero output
 *   tokens, request tokens below 1, shares outside their range, peak-to-average below 1.
 * @example
 * resolveWorkload({ inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9,
 *   inputTokensPerRequest: 1500, outputTokensPerRequest: 500 }).peakToAverageRatio; // 2
 */
export function resolveWorkload(workload: Workload): ResolvedWorkload {
  requireNonNegative('workload.inputTokensPerMonth', workload.inputTokensPerMonth);
  requirePositive('workload.outputTokensPerMonth', workload.outputTokensPerMonth);
  requireAtLeast('workload.inputTokensPerRequest', workload.inputTokensPerRequest, 1);
  requireAtLeast('workload.outputTokensPerRequest', workload.outputTokensPerRequest, 1);
  const resolved: ResolvedWorkload = {
    inputTokensPerMonth: workload.inputTokensPerMonth,
    outputTokensPerMonth: workload.outputTokensPerMonth,
    inputTokensPerRequest: workload.inputTokensPerRequest,
    outputTokensPerRequest: workload.outputTokensPerRequest,
    cachedInputShare: workload.cachedInputShare ?? WORKLOAD_DEFAULTS.cachedInputShare,
    batchShare: workload.batchShare ?? WORKLOAD_DEFAULTS.batchShare,
    peakToAverageRatio: workload.peakToAverageRatio ?? WORKLOAD_DEFAULTS.peakToAverageRatio,
  };
  requireFraction('workload.cachedInputShare', resolved.cachedInputShare);
  if (resolved.cachedInputShare >= 1) throw new CalcInputError('workload.cachedInputShare', 'must be below 1');
  requireFraction('workload.batchShare', resolved.batchShare);
  requireAtLeast('workload.peakToAverageRatio', resolved.peakToAverageRatio, 1);
  return resolved;
}

/**
 * Total tokens per month (input + output).
 *
 * @example
 * totalTokensPerMonth({ inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, ... }); // 4e9
 */
export function totalTokensPerMonth(workload: Pick<Workload, 'inputTokensPerMonth' | 'outputTokensPerMonth'>): number {
  return workload.inputTokensPerMonth + workload.outputTokensPerMonth;
}

/**
 * The same workload at another total monthly volume: input and output scale together, the
 * request shape and shares stay.
 *
 * @throws {CalcInputError} field `tokensPerMonth` when not positive.
 * @example
 * // w: 3e9 input + 1e9 output tokens per month
 * withVolume(w, 8e9); // 6e9 input + 2e9 output
 */
export function withVolume(workload: ResolvedWorkload, tokensPerMonth: number): ResolvedWorkload {
  requirePositive('tokensPerMonth', tokensPerMonth);
  const factor = tokensPerMonth / totalTokensPerMonth(workload);
  return {
    inputTokensPerMonth: workload.inputTokensPerMonth * factor,
    outputTokensPerMonth: workload.outputTokensPerMonth * factor,
    inputTokensPerRequest: workload.inputTokensPerRequest,
    outputTokensPerRequest: workload.outputTokensPerRequest,
    cachedInputShare: workload.cachedInputShare,
    batchShare: workload.batchShare,
    peakToAverageRatio: workload.peakToAverageRatio,
  };
}
