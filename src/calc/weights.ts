/**
 * Weight memory: how a model's parameters split into expert and always-read (non-expert)
 * parts, their size in bytes at a precision, and how many bytes a decode step reads.
 */
import type { WeightPrecision } from '../domain/profiles.js';
import { CalcInputError } from './errors.js';
import type { ModelShape } from './model-checks.js';
import { bytesPerWeight } from './precision.js';

const BILLION = 1e9;

export interface ParameterSplit {
  /** True when the model routes tokens to a subset of experts (numExperts > numExpertsActive). */
  isMoe: boolean;
  numExperts: number;
  numExpertsActive: number;
  /** Parameters of one routed expert summed over all MoE layers. */
  paramsPerExpert: number;
  /** All routed-expert parameters: numExperts × paramsPerExpert. */
  expertParams: number;
  /** Parameters read for every token: attention, embeddings, router, dense layers, shared experts. */
  nonExpertParams: number;
  totalParams: number;
  activeParams: number;
}

/**
 * Splits a model's parameters into routed experts and the always-read remainder.
 *
 * For an MoE with E routed experts of which k are active per token:
 *   p = (total − active) / (E − k)          parameters per routed expert
 *   non-expert = active − k × p              attention, embeddings, router, dense layers
 * Shared experts (always active) appear in both total and active, so they cancel in
 * total − active and end up in the non-expert part, which is what a decode step always reads.
 * Dense and hybrid-dense models (no experts, or E = k) are all non-expert.
 *
 * @throws {CalcInputError} field `model.activeParamsB` when active − k × p is negative (the
 *   parameter counts and expert counts contradict each other).
 * @example
 * // gpt-oss-120b: 117 B total, 5.1 B active, 128 experts, 4 active
 * parameterSplit(gptOss120b);
 * // paramsPerExpert = 111.9e9 / 124 = 0.9024e9, nonExpertParams = 5.1e9 − 4 × 0.9024e9 = 1.490e9
 */
export function parameterSplit(model: ModelShape): ParameterSplit {
  const totalParams = model.totalParamsB * BILLION;
  const activeParams = model.activeParamsB * BILLION;
  const numExperts = model.numExperts ?? 1;
  const numExpertsActive = model.numExpertsActive ?? numExperts;
  if (model.numExperts === null || numExperts <= numExpertsActive) {
    return {
      isMoe: false,
      numExperts: 1,
      numExpertsActive: 1,
      paramsPerExpert: 0,
      expertParams: 0,
      nonExpertParams: totalParams,
      totalParams,
      activeParams,
    };
  }
  const paramsPerExpert = (totalParams - activeParams) / (numExperts - numExpertsActive);
  const nonExpertParams = activeParams - numExpertsActive * paramsPerExpert;
  if (nonExpertParams < -1e-9 * totalParams) {
    throw new CalcInputError(
      'model.activeParamsB',
      `inconsistent with ${numExperts} experts (${numExpertsActive} active): active − k × p = ${(nonExpertParams / BILLION).toFixed(3)} B is negative`,
    );
  }
  return {
    isMoe: true,
    numExperts,
    numExpertsActive,
    paramsPerExpert,
    expertParams: numExperts * paramsPerExpert,
    nonExpertParams: Math.max(0, nonExpertParams),
    totalParams,
    activeParams,
  };
}

export interface WeightBytes {
  /** Precision of routed-expert weights (and of all weights in a non-mixed checkpoint). */
  expertPrecision: WeightPrecision;
  /** Precision of the non-expert weights. */
  nonExpertPrecision: WeightPrecision;
  bytesPerExpert: number;
  expertBytes: number;
  nonExpertBytes: number;
  /** All weights resident in memory, bytes. */
  totalBytes: number;
}

/**
 * Resident weight bytes at a precision.
 *
 * Mixed native checkpoints: when `precision` equals the model's native precision and the profile
 * sets `nonExpertWeightPrecision`, the non-expert weights are stored at that precision and the
 * experts at `precision` (gpt-oss: MXFP4 experts, BF16 rest). Any other requested precision
 * applies to all weights.
 *
 * @example
 * // gpt-oss-120b native mxfp4 with bf16 non-expert weights:
 * // 128 × 0.9024e9 × 0.53125 + 1.490e9 × 2 = 61.36e9 + 2.98e9 ≈ 64.3e9 bytes
 * weightBytes(gptOss120b, 'mxfp4').totalBytes / 1e9; // ≈ 64.3
 * // Llama 3.1 70B at bf16: 70e9 × 2 = 140e9 bytes
 * weightBytes(llama70b, 'bf16').totalBytes; // 140e9
 */
export function weightBytes(model: ModelShape, precision: WeightPrecision, split = parameterSplit(model)): WeightBytes {
  const nonExpertPrecision =
    precision === model.nativeWeightPrecision && model.nonExpertWeightPrecision !== null ? model.nonExpertWeightPrecision : precision;
  const bytesPerExpert = split.paramsPerExpert * bytesPerWeight(precision);
  const expertBytes = split.numExperts * bytesPerExpert;
  const nonExpertBytes = split.nonExpertParams * bytesPerWeight(nonExpertPrecision);
  return {
    expertPrecision: precision,
    nonExpertPrecision,
    bytesPerExpert,
    expertBytes,
    nonExpertBytes,
    totalBytes: expertBytes + nonExpertBytes,
  };
}

/**
 * Expected number of distinct experts (per MoE layer) touched when `tokens` tokens each pick
 * `numActive` of `numExperts` experts uniformly at random: E × (1 − (1 − k/E)^B).
 * Real routers are not uniform (popular experts are hit more often), so this slightly
 * overstates the experts touched at moderate batch; at batch 1 it is exactly k.
 *
 * @example
 * expectedExpertsTouched(128, 4, 1);   // 4
 * expectedExpertsTouched(128, 4, 64);  // 128 × (1 − (124/128)^64) ≈ 109.1
 */
export function expectedExpertsTouched(numExperts: number, numActive: number, tokens: number): number {
  if (tokens <= 0) return 0;
  return numExperts * (1 - (1 - numActive / numExperts) ** tokens);
}

/**
 * Weight bytes read from memory by one forward step that processes `tokens` tokens: all
 * non-expert weights plus every expert touched (see {@link expectedExpertsTouched}).
 * Dense models read all weights every step.
 *
 * @example
 * // gpt-oss-120b mxfp4, 1 token: 2.98e9 + 4 × 0.4794e9 ≈ 4.90e9 bytes
 * weightBytesReadPerStep(parameterSplit(m), weightBytes(m, 'mxfp4'), 1);
 */
export function weightBytesReadPerStep(split: ParameterSplit, bytes: WeightBytes, tokens: number): number {
  if (!split.isMoe) return bytes.totalBytes;
  return bytes.nonExpertBytes + expectedExpertsTouched(split.numExperts, split.numExpertsActive, tokens) * bytes.bytesPerExpert;
}
