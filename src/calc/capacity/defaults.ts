/**
 * Sourced defaults of capacity planning. Every figure's source and date is in docs/capacity.md
 * ("Defaults and sources"); the short form is repeated here.
 */
import type { Slo } from './slo-sizing.js';

/** Workload classes: `interactive` users wait for the answer (SLO applies); `batch` is offline (no SLO). */
export const WORKLOAD_CLASSES = ['interactive', 'batch'] as const;
export type WorkloadClass = (typeof WORKLOAD_CLASSES)[number];

/**
 * Interactive SLO defaults: what closed frontier APIs deliver, taken at the slower of the two
 * compared in the README (median, Artificial Analysis):
 * - time to first token 2 s: Claude Sonnet 4.5 on Anthropic 1.80 s (Artificial Analysis, as quoted
 *   2025-11-24 by lattice.uptownhr.com/claude-opus-4-5/speed-analysis); GPT-5 (minimal) on OpenAI
 *   0.89 s (artificialanalysis.ai/models/gpt-5-minimal/providers, page of late 2025). MLPerf
 *   Inference's Llama-2-70B server scenario uses the same 2 s TTFT limit (at p99).
 * - 60 output tokens/s per user: Claude Sonnet 4.5 63 t/s; GPT-5 (minimal) 80 t/s (same sources).
 * - percentile 0.99: MLPerf Inference server-scenario latency limits are p99 (TTFT and TPOT).
 */
export const INTERACTIVE_SLO_DEFAULTS: Slo = {
  timeToFirstTokenSeconds: 2,
  outputTokensPerSecondPerUser: 60,
  percentile: 0.99,
};

/** Spare replicas by default: N+1 for interactive workloads, none for batch (docs/capacity.md §6). */
export const DEFAULT_REPLICAS_FOR_AVAILABILITY: Record<WorkloadClass, number> = { interactive: 1, batch: 0 };

/** GPU purchase commitments of a cloud rental. */
export const CLOUD_COMMITMENTS = ['on-demand', 'reserved', 'spot'] as const;
export type CloudCommitment = (typeof CLOUD_COMMITMENTS)[number];

/**
 * Default discount on the on-demand GPU-hour price, the low end of each published range:
 * - reserved (1-year) 0.35: "1-year reserved (committed use) pricing has settled at 35–40 % off
 *   on-demand for H100 instances" (digiterialabs.com/ai/insights/cloud-gpu-pricing-q1-2026, Q1 2026);
 *   Google Cloud resource-based committed use discounts: "up to 55 % for most resources like machine
 *   types or GPUs" (cloud.google.com/compute/docs/instances/signing-up-committed-use-discounts, 2026).
 * - spot 0.5: "Spot pricing on H100 instances is now 50–65 % below on-demand across all three
 *   hyperscalers" (digiterialabs, Q1 2026); AWS: Spot saves "up to 90 % off the On-Demand price".
 */
export const COMMITMENT_DISCOUNTS: Record<CloudCommitment, number> = { 'on-demand': 0, reserved: 0.35, spot: 0.5 };

/**
 * GPU-hour price after a commitment discount: on-demand × (1 − discount).
 *
 * @example
 * committedUsdPerGpuHour(2.49, 'reserved'); // 2.49 × 0.65 = 1.6185
 */
export function committedUsdPerGpuHour(onDemandUsdPerGpuHour: number, commitment: CloudCommitment, discount?: number): number {
  return onDemandUsdPerGpuHour * (1 - (discount ?? COMMITMENT_DISCOUNTS[commitment]));
}
