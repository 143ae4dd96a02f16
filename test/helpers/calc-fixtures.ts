/**
 * Profiles used by the calc tests, transcribed from /work/shared/reference-data (figures and
 * sources there). Not exported from index.ts.
 */

import type { HardwareShape, ModelShape } from '../../src/calc/model-checks.js';
import type { ApiOfferingSpec } from '../../src/domain/profiles.js';

const hw = (over: Partial<HardwareShape> & Pick<HardwareShape, 'name' | 'memoryGb' | 'memoryBandwidthTBps'>): HardwareShape => ({
  vendor: 'NVIDIA',
  tflopsBf16: null,
  tflopsFp8: null,
  tflopsFp4: null,
  tdpWatts: null,
  interconnect: null,
  interconnectGBps: null,
  usdPerGpuHour: null,
  purchaseUsdPerGpu: null,
  vendorClaim: false,
  ...over,
});

export const h100: HardwareShape = hw({
  name: 'H100 SXM',
  memoryGb: 80,
  memoryBandwidthTBps: 3.35,
  tflopsBf16: 989,
  tflopsFp8: 1979,
  tdpWatts: 700,
  interconnect: 'NVLink 4',
  interconnectGBps: 900,
  usdPerGpuHour: 2.49,
  purchaseUsdPerGpu: 30000,
});

export const h200: HardwareShape = hw({
  name: 'H200 SXM',
  memoryGb: 141,
  memoryBandwidthTBps: 4.8,
  tflopsBf16: 989,
  tflopsFp8: 1979,
  tdpWatts: 700,
  interconnect: 'NVLink 4',
  interconnectGBps: 900,
  usdPerGpuHour: 3.59,
  purchaseUsdPerGpu: 35000,
});

export const b200: HardwareShape = hw({
  name: 'B200 HGX',
  memoryGb: 180,
  memoryBandwidthTBps: 8,
  tflopsBf16: 2250,
  tflopsFp8: 4500,
  tflopsFp4: 9000,
  tdpWatts: 1000,
  interconnect: 'NVLink 5',
  interconnectGBps: 1800,
  usdPerGpuHour: 5.98,
  purchaseUsdPerGpu: 40000,
});

export const mi300x: HardwareShape = hw({
  name: 'MI300X',
  vendor: 'AMD',
  memoryGb: 192,
  memoryBandwidthTBps: 5.3,
  tflopsBf16: 1307.4,
  tflopsFp8: 2614.9,
  tdpWatts: 750,
  interconnect: 'AMD Infinity Fabric, 7 links per GPU',
  usdPerGpuHour: 2.1,
  purchaseUsdPerGpu: 15000,
});

export const l40s: HardwareShape = hw({
  name: 'L40S',
  memoryGb: 48,
  memoryBandwidthTBps: 0.864,
  tflopsBf16: 362.05,
  tflopsFp8: 733,
  tdpWatts: 350,
  interconnect: 'PCIe Gen4 x16, no NVLink',
  interconnectGBps: 64,
  usdPerGpuHour: 0.99,
  purchaseUsdPerGpu: 8000,
});

/** Vera Rubin with the vendor's preliminary figures (vendorClaim). */
export const rubin: HardwareShape = hw({
  name: 'Vera Rubin',
  memoryGb: 288,
  memoryBandwidthTBps: 22,
  tflopsBf16: 8000,
  tflopsFp8: 16000,
  tflopsFp4: 50000,
  tdpWatts: 1800,
  interconnect: 'NVLink 6',
  interconnectGBps: 3600,
  usdPerGpuHour: 10,
  purchaseUsdPerGpu: 60000,
  vendorClaim: true,
});

const model = (over: Partial<ModelShape> & Pick<ModelShape, 'name' | 'totalParamsB' | 'activeParamsB'>): ModelShape => ({
  license: 'Apache-2.0',
  licenseName: null,
  architecture: 'dense',
  numLayers: 32,
  numAttentionLayers: 32,
  numSlidingWindowLayers: 0,
  slidingWindowTokens: null,
  numKvHeads: 8,
  headDim: 128,
  globalNumKvHeads: null,
  globalHeadDim: null,
  kvLatentDim: null,
  ssmStateElementsPerLayer: null,
  hiddenSize: 4096,
  numExperts: null,
  numExpertsActive: null,
  numSharedExperts: null,
  nativeContextTokens: 131072,
  nativeWeightPrecision: 'bf16',
  nonExpertWeightPrecision: null,
  estimate: false,
  ...over,
});

export const llama70b: ModelShape = model({
  name: 'Llama 3.1 70B',
  license: 'custom',
  licenseName: 'Llama 3.1 Community License',
  totalParamsB: 70,
  activeParamsB: 70,
  numLayers: 80,
  numAttentionLayers: 80,
  hiddenSize: 8192,
});

export const llama8b: ModelShape = model({
  name: 'Llama 3.1 8B',
  license: 'custom',
  licenseName: 'Llama 3.1 Community License',
  totalParamsB: 8,
  activeParamsB: 8,
});

export const gptOss120b: ModelShape = model({
  name: 'gpt-oss-120b',
  architecture: 'moe',
  totalParamsB: 117,
  activeParamsB: 5.1,
  numLayers: 36,
  numAttentionLayers: 36,
  numSlidingWindowLayers: 18,
  slidingWindowTokens: 128,
  numKvHeads: 8,
  headDim: 64,
  hiddenSize: 2880,
  numExperts: 128,
  numExpertsActive: 4,
  numSharedExperts: 0,
  nativeWeightPrecision: 'mxfp4',
  nonExpertWeightPrecision: 'bf16',
});

export const qwen3_30b: ModelShape = model({
  name: 'Qwen3-30B-A3B',
  architecture: 'moe',
  totalParamsB: 30,
  activeParamsB: 3,
  numLayers: 48,
  numAttentionLayers: 48,
  numKvHeads: 4,
  headDim: 128,
  hiddenSize: 2048,
  numExperts: 128,
  numExpertsActive: 8,
  numSharedExperts: 0,
  nativeContextTokens: 32768,
});

/** Granite 4.0 H-Small: 4 attention + 36 Mamba-2 layers; state 128 heads × 64 × 128 + conv (estimate). */
export const graniteHSmall: ModelShape = model({
  name: 'Granite 4.0 H-Small',
  architecture: 'hybrid',
  totalParamsB: 32,
  activeParamsB: 9,
  numLayers: 40,
  numAttentionLayers: 4,
  numKvHeads: 8,
  headDim: 128,
  hiddenSize: 4096,
  numExperts: 72,
  numExpertsActive: 10,
  numSharedExperts: 1,
  ssmStateElementsPerLayer: 1_073_920,
});

export const deepseekV3: ModelShape = model({
  name: 'DeepSeek-V3',
  license: 'custom',
  licenseName: 'DeepSeek Model License',
  architecture: 'moe',
  totalParamsB: 671,
  activeParamsB: 37,
  numLayers: 61,
  numAttentionLayers: 61,
  numKvHeads: 128,
  headDim: 128,
  kvLatentDim: 576,
  hiddenSize: 7168,
  numExperts: 256,
  numExpertsActive: 8,
  numSharedExperts: 1,
  nativeWeightPrecision: 'fp8',
});

export const gemma4_31b: ModelShape = model({
  name: 'Gemma 4 31B',
  totalParamsB: 30.7,
  activeParamsB: 30.7,
  numLayers: 60,
  numAttentionLayers: 60,
  numSlidingWindowLayers: 50,
  slidingWindowTokens: 1024,
  numKvHeads: 16,
  headDim: 256,
  globalNumKvHeads: 4,
  globalHeadDim: 512,
  hiddenSize: 5376,
  nativeContextTokens: 262144,
});

const offering = (
  over: Partial<ApiOfferingSpec> & Pick<ApiOfferingSpec, 'modelName' | 'inputUsdPerMtok' | 'outputUsdPerMtok'>,
): ApiOfferingSpec => ({
  provider: 'Test',
  kind: 'closed',
  modelId: null,
  contextWindowTokens: null,
  cachedInputUsdPerMtok: null,
  batchDiscountFraction: 0,
  longContextThresholdTokens: null,
  longContextInputUsdPerMtok: null,
  longContextCachedInputUsdPerMtok: null,
  longContextOutputUsdPerMtok: null,
  estimate: false,
  ...over,
});

/** GPT-5: $1.25 in, $0.125 cached, $10 out, 50 % batch discount. */
export const gpt5 = offering({
  provider: 'OpenAI',
  modelName: 'gpt-5',
  contextWindowTokens: 400000,
  inputUsdPerMtok: 1.25,
  cachedInputUsdPerMtok: 0.125,
  outputUsdPerMtok: 10,
  batchDiscountFraction: 0.5,
});

/** Gemini 2.5 Pro: $1.25 / $0.125 / $10, above 200K input $2.50 / $0.25 / $15. */
export const gemini25Pro = offering({
  provider: 'Google',
  modelName: 'gemini-2.5-pro',
  contextWindowTokens: 1048576,
  inputUsdPerMtok: 1.25,
  cachedInputUsdPerMtok: 0.125,
  outputUsdPerMtok: 10,
  batchDiscountFraction: 0.5,
  longContextThresholdTokens: 200000,
  longContextInputUsdPerMtok: 2.5,
  longContextCachedInputUsdPerMtok: 0.25,
  longContextOutputUsdPerMtok: 15,
});

/** OpenRouter-hosted gpt-oss-120b: $0.039 in, $0.18 out, no cache price. */
export const hostedGptOss = offering({
  provider: 'OpenRouter',
  kind: 'hosted-open-weight',
  modelName: 'gpt-oss-120b',
  inputUsdPerMtok: 0.039,
  outputUsdPerMtok: 0.18,
});
