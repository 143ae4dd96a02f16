/**
 * Domain types of the profiles Breakeven stores: hardware, open-weight models and API offerings.
 *
 * These are plain data types shared by the repository layer, the HTTP layer and the pure
 * calculation core (src/calc). They carry units in their names: `Gb` is decimal gigabytes,
 * `TBps` decimal terabytes per second, `B` billions of parameters, `Mtok` one million tokens.
 * Dates (`asOf`) are ISO calendar dates, `YYYY-MM-DD` or `YYYY-MM` when the source gives only a month.
 */

/** Weight storage formats the engine knows the size of. `mxfp4` is 4-bit with a shared 8-bit scale per 32 values (4.25 bits). */
export const WEIGHT_PRECISIONS = ['bf16', 'fp8', 'fp4', 'mxfp4', 'int4'] as const;
export type WeightPrecision = (typeof WEIGHT_PRECISIONS)[number];

/** `hybrid` is an SSM/linear-attention and attention mix (Granite 4.0-H, Qwen3-Next). */
export const ARCHITECTURES = ['dense', 'moe', 'hybrid'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];

export const OFFERING_KINDS = ['closed', 'hosted-open-weight'] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

/** Fields every stored profile has. */
export interface ProfileMeta {
  /** Readable slug, unique within its kind: `[a-z0-9][a-z0-9.-]*`. */
  id: string;
  /** URL of the primary source of the figures. */
  source: string;
  /** Date of the source. */
  asOf: string;
  notes: string | null;
  /** Incremented on every write; used as the ETag. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface HardwareSpec {
  name: string;
  vendor: string;
  /** Accelerator memory per GPU, decimal GB. */
  memoryGb: number;
  /** Memory bandwidth per GPU, TB/s. */
  memoryBandwidthTBps: number;
  /** Dense (no 2:4 sparsity) peak tensor TFLOPS per GPU; null where the precision is unsupported or unknown. */
  tflopsBf16: number | null;
  tflopsFp8: number | null;
  tflopsFp4: number | null;
  tdpWatts: number | null;
  /** Scale-up link name, e.g. "NVLink 4", "PCIe Gen5". */
  interconnect: string | null;
  /** Scale-up bandwidth per GPU, GB/s. */
  interconnectGBps: number | null;
  /** Cloud rental price, USD per GPU-hour (one representative on-demand figure). */
  usdPerGpuHour: number | null;
  cloudPriceSource: string | null;
  /** Purchase price per GPU, USD (street estimate unless noted). */
  purchaseUsdPerGpu: number | null;
  purchasePriceSource: string | null;
  /**
   * Owned: server, network and storage share per GPU, USD; null to use the hardware class's sourced
   * default (src/calc/platform-capex.ts), if any.
   */
  platformCapexUsdPerGpu: number | null;
  platformCapexSource: string | null;
  /** True when the figures are vendor claims about an unreleased or unmeasured product. */
  vendorClaim: boolean;
}

export interface ModelSpec {
  name: string;
  family: string;
  vendor: string;
  /** SPDX licence id (e.g. `Apache-2.0`, `MIT`) or `custom` for a vendor licence. */
  license: string;
  /** Human-readable licence name where `license` is `custom`. */
  licenseName: string | null;
  iso42001Certified: boolean;
  architecture: Architecture;
  totalParamsB: number;
  activeParamsB: number;
  numLayers: number;
  /** Layers with attention (and so a KV cache); hybrids have fewer than numLayers. */
  numAttentionLayers: number;
  /** Attention layers whose KV cache is capped at `slidingWindowTokens` (sliding-window or chunked). */
  numSlidingWindowLayers: number;
  slidingWindowTokens: number | null;
  numKvHeads: number;
  headDim: number;
  /** KV heads and head dim of the full-attention layers where they differ from the windowed ones (Gemma 4). */
  globalNumKvHeads: number | null;
  globalHeadDim: number | null;
  /** Multi-head latent attention: elements cached per token per attention layer (K and V together), replacing 2 × KV heads × head dim. */
  kvLatentDim: number | null;
  /** Fixed recurrent state per sequence per non-attention (SSM / linear-attention) layer, in elements. */
  ssmStateElementsPerLayer: number | null;
  hiddenSize: number;
  numExperts: number | null;
  numExpertsActive: number | null;
  numSharedExperts: number | null;
  nativeContextTokens: number;
  nativeWeightPrecision: WeightPrecision;
  /** Where the checkpoint is mixed: the precision of the non-expert weights (gpt-oss: MXFP4 experts, BF16 rest). */
  nonExpertWeightPrecision: WeightPrecision | null;
  estimate: boolean;
}

export interface ApiOfferingSpec {
  provider: string;
  modelName: string;
  kind: OfferingKind;
  /** For hosted open-weight offerings: the model profile id served. */
  modelId: string | null;
  contextWindowTokens: number | null;
  inputUsdPerMtok: number;
  /** Price of cache-hit input tokens; null where the provider has no prompt caching price. */
  cachedInputUsdPerMtok: number | null;
  outputUsdPerMtok: number;
  /** Fraction taken off with the provider's batch API (0.5 = half price); 0 where there is none. */
  batchDiscountFraction: number;
  /** Requests whose input exceeds this many tokens are billed entirely at the long-context prices. */
  longContextThresholdTokens: number | null;
  longContextInputUsdPerMtok: number | null;
  longContextCachedInputUsdPerMtok: number | null;
  longContextOutputUsdPerMtok: number | null;
  estimate: boolean;
}

export type HardwareProfile = ProfileMeta & HardwareSpec;
export type ModelProfile = ProfileMeta & ModelSpec;
export type ApiOffering = ProfileMeta & ApiOfferingSpec;
