/**
 * fast-check generators of valid profiles and workloads for the calc property tests.
 * Not exported from index.ts.
 */
import fc from 'fast-check';
import type { ApiPricing } from '../../src/calc/api-workload-cost.js';
import type { HardwareShape, ModelShape } from '../../src/calc/model-checks.js';
import type { Workload } from '../../src/calc/workload.js';

const positive = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

const baseModel = {
  name: 'generated',
  license: 'Apache-2.0',
  licenseName: null,
  globalNumKvHeads: null,
  globalHeadDim: null,
  kvLatentDim: null,
  ssmStateElementsPerLayer: null,
  numSharedExperts: null,
  nonExpertWeightPrecision: null,
  estimate: false,
} as const;

/** Dense, sliding-window, MoE and hybrid models with consistent counts. */
export const modelArb: fc.Arbitrary<ModelShape> = fc
  .record({
    nonExpertB: positive(0.3, 60),
    moe: fc.option(fc.record({ perExpertB: positive(0.005, 4), experts: fc.integer({ min: 2, max: 256 }), kFrac: positive(0, 1) }), {
      nil: null,
    }),
    numLayers: fc.integer({ min: 2, max: 96 }),
    attentionFrac: positive(0.05, 1),
    windowFrac: positive(0, 1),
    window: fc.integer({ min: 64, max: 8192 }),
    numKvHeads: fc.integer({ min: 1, max: 16 }),
    headDim: fc.constantFrom(64, 128, 256),
    hiddenSize: fc.integer({ min: 512, max: 16384 }),
    ssm: fc.option(fc.integer({ min: 1000, max: 2_000_000 }), { nil: null }),
    nativeWeightPrecision: fc.constantFrom('bf16', 'fp8', 'mxfp4'),
    context: fc.integer({ min: 2048, max: 1_000_000 }),
  })
  .map((g): ModelShape => {
    const numAttentionLayers = Math.max(1, Math.round(g.numLayers * g.attentionFrac));
    const numSlidingWindowLayers = Math.round(numAttentionLayers * g.windowFrac);
    const hybrid = numAttentionLayers < g.numLayers;
    const experts = g.moe?.experts ?? null;
    const active = g.moe ? Math.min(g.moe.experts - 1, Math.max(1, Math.round(g.moe.kFrac * g.moe.experts))) : null;
    const totalParamsB = g.nonExpertB + (g.moe ? g.moe.perExpertB * g.moe.experts : 0);
    const activeParamsB = g.nonExpertB + (g.moe && active !== null ? g.moe.perExpertB * active : 0);
    return {
      ...baseModel,
      architecture: hybrid ? 'hybrid' : g.moe ? 'moe' : 'dense',
      totalParamsB,
      activeParamsB: Math.min(activeParamsB, totalParamsB),
      numLayers: g.numLayers,
      numAttentionLayers,
      numSlidingWindowLayers,
      slidingWindowTokens: numSlidingWindowLayers > 0 ? g.window : null,
      numKvHeads: g.numKvHeads,
      headDim: g.headDim,
      hiddenSize: g.hiddenSize,
      ssmStateElementsPerLayer: hybrid ? g.ssm : null,
      numExperts: experts,
      numExpertsActive: active,
      numSharedExperts: g.moe ? 0 : null,
      nativeContextTokens: g.context,
      nativeWeightPrecision: g.nativeWeightPrecision,
    };
  });

/** GPUs across the range of real parts, with or without FP8/FP4 figures, prices and TDP. */
export const hardwareArb: fc.Arbitrary<HardwareShape> = fc
  .record({
    vendor: fc.constantFrom('NVIDIA', 'AMD', 'Google', 'Other'),
    memoryGb: positive(16, 300),
    memoryBandwidthTBps: positive(0.5, 25),
    tflopsBf16: positive(100, 5000),
    fp8: fc.boolean(),
    fp4: fc.boolean(),
    tdpWatts: positive(150, 2000),
    interconnect: fc.constantFrom('NVLink 4', 'PCIe Gen5', 'AMD Infinity Fabric', 'ICI (2D torus)', null),
    usdPerGpuHour: positive(0.2, 15),
    purchaseUsdPerGpu: positive(3000, 80000),
    vendorClaim: fc.boolean(),
  })
  .map(
    (g): HardwareShape => ({
      name: 'generated GPU',
      vendor: g.vendor,
      memoryGb: g.memoryGb,
      memoryBandwidthTBps: g.memoryBandwidthTBps,
      tflopsBf16: g.tflopsBf16,
      tflopsFp8: g.fp8 ? g.tflopsBf16 * 2 : null,
      tflopsFp4: g.fp8 && g.fp4 ? g.tflopsBf16 * 4 : null,
      tdpWatts: g.tdpWatts,
      interconnect: g.interconnect,
      interconnectGBps: null,
      usdPerGpuHour: g.usdPerGpuHour,
      purchaseUsdPerGpu: g.purchaseUsdPerGpu,
      vendorClaim: g.vendorClaim,
    }),
  );

/** Monthly workloads from hobby scale to very large. */
export const workloadArb: fc.Arbitrary<Workload> = fc.record({
  inputTokensPerMonth: positive(1e5, 1e12),
  outputTokensPerMonth: positive(1e5, 1e12),
  inputTokensPerRequest: fc.integer({ min: 1, max: 32000 }),
  outputTokensPerRequest: fc.integer({ min: 1, max: 4000 }),
  cachedInputShare: positive(0, 0.95),
  batchShare: positive(0, 1),
  peakToAverageRatio: positive(1, 5),
});

export const offeringArb: fc.Arbitrary<ApiPricing> = fc
  .record({
    input: positive(0.01, 20),
    cachedFrac: fc.option(positive(0.05, 1), { nil: null }),
    output: positive(0.05, 80),
    batch: positive(0, 0.5),
    longContext: fc.boolean(),
  })
  .map((g) => ({
    modelName: 'generated API',
    contextWindowTokens: null,
    inputUsdPerMtok: g.input,
    cachedInputUsdPerMtok: g.cachedFrac === null ? null : g.input * g.cachedFrac,
    outputUsdPerMtok: g.output,
    batchDiscountFraction: g.batch,
    longContextThresholdTokens: g.longContext ? 8000 : null,
    longContextInputUsdPerMtok: g.longContext ? g.input * 2 : null,
    longContextCachedInputUsdPerMtok: null,
    longContextOutputUsdPerMtok: g.longContext ? g.output * 1.5 : null,
  }));

/** Every number reachable in a result object (recursively); for the no-NaN/Infinity property. */
export function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allNumbers(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) allNumbers(v, out);
  return out;
}
