/**
 * Per-sequence cache memory: the attention KV cache (grows with context, capped for
 * sliding-window layers) and the fixed recurrent state of SSM / linear-attention layers.
 */
import type { ModelShape } from './model-checks.js';
import type { KvCachePrecision, SsmStatePrecision } from './precision.js';
import { kvBytesPerElement, ssmBytesPerElement } from './precision.js';

export interface KvLayout {
  /** Attention layers whose cache grows with the full context. */
  fullLayers: number;
  /** Attention layers whose cache is capped at `windowTokens`. */
  windowedLayers: number;
  windowTokens: number;
  /** Elements cached per token per full-attention layer (K and V together). */
  elementsPerTokenFull: number;
  /** Elements cached per token per windowed layer (K and V together). */
  elementsPerTokenWindowed: number;
  /** Layers without attention (SSM / linear attention) holding a fixed state. */
  stateLayers: number;
  /** Recurrent-state elements per sequence per state layer (0 when unknown). */
  stateElementsPerLayer: number;
}

/**
 * The cache layout of a model.
 *
 * Per token per attention layer, K and V take 2 × KV heads × head dim elements; MLA replaces
 * that with `kvLatentDim`. Full-attention layers use `globalNumKvHeads`/`globalHeadDim` where
 * set (Gemma 4). Non-attention layers (numLayers − numAttentionLayers) each hold
 * `ssmStateElementsPerLayer` elements per sequence.
 *
 * @example
 * // Llama 3.1 70B: 80 full layers, 8 KV heads × 128 → 2 × 8 × 128 = 2048 elements per token per layer
 * kvLayout(llama70b).elementsPerTokenFull; // 2048
 */
export function kvLayout(model: ModelShape): KvLayout {
  const windowedLayers = model.numSlidingWindowLayers;
  const fullLayers = model.numAttentionLayers - windowedLayers;
  const windowed = model.kvLatentDim ?? 2 * model.numKvHeads * model.headDim;
  const full = model.kvLatentDim ?? 2 * (model.globalNumKvHeads ?? model.numKvHeads) * (model.globalHeadDim ?? model.headDim);
  return {
    fullLayers,
    windowedLayers,
    windowTokens: model.slidingWindowTokens ?? 0,
    elementsPerTokenFull: full,
    elementsPerTokenWindowed: windowed,
    stateLayers: model.numLayers - model.numAttentionLayers,
    stateElementsPerLayer: model.ssmStateElementsPerLayer ?? 0,
  };
}

/**
 * KV-cache bytes for one sequence holding `contextTokens` tokens:
 *   bytes/element × [full layers × elements/token × L + windowed layers × elements/token × min(L, window)]
 *
 * @example
 * // Llama 3.1 70B, bf16 cache: 80 × 2048 × 2 B = 327,680 B per token; 4,096 tokens → 1.342e9 B
 * kvCacheBytesPerSequence(kvLayout(llama70b), 4096, 'bf16'); // 1_342_177_280
 * // gpt-oss-120b, 18 full + 18 windowed (128) layers, 2 × 8 × 64 = 1024 elements, fp8 cache,
 * // 4,096 tokens: 18 × 1024 × 4096 + 18 × 1024 × 128 = 77,856,768 B
 */
export function kvCacheBytesPerSequence(layout: KvLayout, contextTokens: number, precision: KvCachePrecision): number {
  const windowed = Math.min(contextTokens, layout.windowTokens);
  const elements =
    layout.fullLayers * layout.elementsPerTokenFull * contextTokens + layout.windowedLayers * layout.elementsPerTokenWindowed * windowed;
  return elements * kvBytesPerElement(precision);
}

/**
 * Bytes per additional context token once every window is full (only full-attention layers
 * keep growing): full layers × elements/token × bytes/element.
 *
 * @example
 * kvCacheBytesPerToken(kvLayout(llama70b), 'bf16'); // 327,680
 */
export function kvCacheBytesPerToken(layout: KvLayout, precision: KvCachePrecision): number {
  return layout.fullLayers * layout.elementsPerTokenFull * kvBytesPerElement(precision);
}

/**
 * Fixed recurrent-state bytes per sequence for hybrid models:
 *   ssmStateElementsPerLayer × (numLayers − numAttentionLayers) × bytes/element.
 * The default state precision is BF16 (vLLM's `mamba_ssm_cache_dtype=auto` follows the model
 * dtype); FP32 can be chosen for numerically sensitive models.
 *
 * @example
 * // 36 Mamba-2 layers × 1,000,000 state elements × 2 B = 72e6 B per sequence
 */
export function ssmStateBytesPerSequence(layout: KvLayout, precision: SsmStatePrecision): number {
  return layout.stateLayers * layout.stateElementsPerLayer * ssmBytesPerElement(precision);
}
