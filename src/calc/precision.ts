/**
 * Numeric formats: storage size of weights, KV cache and recurrent state, and which peak
 * TFLOPS figure a weight format runs its matrix multiplies at.
 */
import type { HardwareSpec, WeightPrecision } from '../domain/profiles.js';
import { CalcInputError } from './errors.js';

/**
 * Storage bits per weight, including block-scale overhead.
 * - bf16: 16. fp8: 8 (per-tensor or 128×128 block scales add < 0.01 bit).
 * - fp4: 4.5 — NVFP4, an FP8 (E4M3) scale per 16 values.
 * - mxfp4: 4.25 — OCP MX, an 8-bit shared exponent per 32 values.
 * - int4: 4.25 — GPTQ/AWQ style, a 16-bit scale and a packed zero point per group of 128
 *   (rounded up to 0.25 bit).
 */
export const BITS_PER_WEIGHT: Readonly<Record<WeightPrecision, number>> = {
  bf16: 16,
  fp8: 8,
  fp4: 4.5,
  mxfp4: 4.25,
  int4: 4.25,
};

/**
 * Bytes one weight occupies in the given format.
 *
 * @example
 * bytesPerWeight('bf16');  // 2
 * bytesPerWeight('mxfp4'); // 0.53125
 */
export function bytesPerWeight(precision: WeightPrecision): number {
  return BITS_PER_WEIGHT[precision] / 8;
}

export const KV_CACHE_PRECISIONS = ['bf16', 'fp8'] as const;
/** Element format of the KV cache. */
export type KvCachePrecision = (typeof KV_CACHE_PRECISIONS)[number];

export const SSM_STATE_PRECISIONS = ['bf16', 'fp32'] as const;
/** Element format of the recurrent (SSM / linear-attention) state. */
export type SsmStatePrecision = (typeof SSM_STATE_PRECISIONS)[number];

/**
 * Bytes per element of the KV cache.
 *
 * @example
 * kvBytesPerElement('fp8'); // 1
 */
export function kvBytesPerElement(precision: KvCachePrecision): number {
  return precision === 'fp8' ? 1 : 2;
}

/**
 * Bytes per element of the recurrent state of SSM layers.
 *
 * @example
 * ssmBytesPerElement('fp32'); // 4
 */
export function ssmBytesPerElement(precision: SsmStatePrecision): number {
  return precision === 'fp32' ? 4 : 2;
}

/**
 * Default KV-cache format for a weight format: FP8 when the weights are 8-bit or 4-bit floats
 * (fp8, fp4, mxfp4), since published FP8/FP4 runs almost always pair them with an FP8 cache;
 * BF16 otherwise (bf16 weights, and int4 weight-only quantisation which keeps 16-bit activations).
 *
 * @example
 * defaultKvCachePrecision('fp8');  // 'fp8'
 * defaultKvCachePrecision('int4'); // 'bf16'
 */
export function defaultKvCachePrecision(weightPrecision: WeightPrecision): KvCachePrecision {
  return weightPrecision === 'bf16' || weightPrecision === 'int4' ? 'bf16' : 'fp8';
}

/** Tensor-core precision a matrix multiply runs at. */
export type MathPrecision = 'bf16' | 'fp8' | 'fp4';

export interface ComputePeak {
  /** Dense peak TFLOPS per GPU used for this weight format (before any efficiency factor). */
  tflops: number;
  /** Precision the matrix multiplies run at. */
  mathPrecision: MathPrecision;
  /** Set when the figure was derived (bf16 = fp8 / 2 or fp4 / 4) because the profile lacked it. */
  derivedFrom: MathPrecision | null;
}

/**
 * The dense peak TFLOPS per GPU a weight format computes at on some hardware.
 *
 * Rule: fp8 weights use FP8 tensor cores, fp4/mxfp4 use FP4 tensor cores, where the hardware
 * lists that figure; otherwise (and always for bf16 and int4) the multiplies run in BF16 — the
 * weight-only path engines use for formats the hardware cannot compute in (e.g. MXFP4 on
 * Hopper). If the BF16 figure itself is missing it is derived as FP8 / 2 or FP4 / 4.
 *
 * @throws {CalcInputError} field `hardware.tflopsBf16` when the hardware has no TFLOPS figure at all.
 * @example
 * // H100 SXM: bf16 989, fp8 1979, fp4 null
 * computePeak(h100, 'fp8').tflops;   // 1979
 * computePeak(h100, 'mxfp4').tflops; // 989 (weight-only, BF16 math)
 */
export function computePeak(
  hardware: Pick<HardwareSpec, 'tflopsBf16' | 'tflopsFp8' | 'tflopsFp4'>,
  weightPrecision: WeightPrecision,
): ComputePeak {
  const wanted: MathPrecision =
    weightPrecision === 'fp8' ? 'fp8' : weightPrecision === 'fp4' || weightPrecision === 'mxfp4' ? 'fp4' : 'bf16';
  const table: Record<MathPrecision, number | null> = {
    bf16: hardware.tflopsBf16,
    fp8: hardware.tflopsFp8,
    fp4: hardware.tflopsFp4,
  };
  const direct = table[wanted];
  if (direct !== null && direct > 0) return { tflops: direct, mathPrecision: wanted, derivedFrom: null };
  if (hardware.tflopsBf16 !== null && hardware.tflopsBf16 > 0) {
    return { tflops: hardware.tflopsBf16, mathPrecision: 'bf16', derivedFrom: null };
  }
  if (hardware.tflopsFp8 !== null && hardware.tflopsFp8 > 0) {
    return { tflops: hardware.tflopsFp8 / 2, mathPrecision: 'bf16', derivedFrom: 'fp8' };
  }
  if (hardware.tflopsFp4 !== null && hardware.tflopsFp4 > 0) {
    return { tflops: hardware.tflopsFp4 / 4, mathPrecision: 'bf16', derivedFrom: 'fp4' };
  }
  throw new CalcInputError('hardware.tflopsBf16', 'the hardware has no peak TFLOPS figure for any precision');
}
