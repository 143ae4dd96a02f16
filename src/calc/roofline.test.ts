import { describe, expect, it } from 'vitest';
import { gptOss120b, llama70b } from '../../test/helpers/calc-fixtures.js';
import { kvLayout } from './kv-cache.js';
import type { ModelShape } from './model-checks.js';
import type { ReplicaModel } from './roofline.js';
import {
  decodeAttentionFlopsPerToken,
  decodeStep,
  expertKernelEfficiency,
  prefillAttentionFlops,
  prefillFlops,
  prefillSeconds,
  tensorParallelSeconds,
} from './roofline.js';
import { parameterSplit, weightBytes } from './weights.js';

/** A 1 B-parameter dense model: 10 layers, 1 KV head of 64 (128 elements/token/layer), hidden 1024. */
const tiny: ModelShape = {
  ...llama70b,
  name: 'tiny',
  totalParamsB: 1,
  activeParamsB: 1,
  numLayers: 10,
  numAttentionLayers: 10,
  numKvHeads: 1,
  headDim: 64,
  hiddenSize: 1024,
};

function replicaOf(model: ModelShape, over: Partial<ReplicaModel> = {}): ReplicaModel {
  const split = parameterSplit(model);
  return {
    tensorParallel: 1,
    numLayers: model.numLayers,
    hiddenSize: model.hiddenSize,
    activeParams: split.activeParams,
    split,
    weights: weightBytes(model, 'bf16', split),
    layout: kvLayout(model),
    kvCachePrecision: 'bf16',
    ssmStateBytesPerSequence: 0,
    bandwidthBytesPerSecond: 1e12,
    flopsPerSecond: 1e14,
    moeEfficiency: 1,
    perStepOverheadSeconds: 0,
    tpLatencyPerLayerSeconds: 0,
    linkBytesPerSecond: 450e9,
    nonExpertReadCopies: 1,
    prefillChunkTokens: 8192,
    speculativeTokens: 0,
    tokensPerStep: 1,
    draftCostShare: 0.05,
    ...over,
  };
}

const shape = { inputTokens: 100, outputTokens: 100, cachedInputShare: 0 };

describe('FLOP counts', () => {
  it('Llama 3.1 70B prefill of 1,000 tokens: 2 × 70e9 × 1000 + 4 × 8192 × 80 × 1000²/2', () => {
    const r = replicaOf(llama70b);
    const s = { inputTokens: 1000, outputTokens: 1, cachedInputShare: 0 };
    expect(prefillAttentionFlops(r, s)).toBe(1.31072e12);
    expect(prefillFlops(r, s)).toBe(1.4e14 + 1.31072e12);
  });

  it('cached prefix tokens are not recomputed', () => {
    const r = replicaOf(llama70b);
    // 50 % of 1,000 cached: 2 × 70e9 × 500 + 4 × 8192 × 80 × (1000² − 500²)/2
    expect(prefillFlops(r, { inputTokens: 1000, outputTokens: 1, cachedInputShare: 0.5 })).toBe(7e13 + 4 * 8192 * 80 * 375_000);
  });

  it('sliding-window layers attend to at most the window', () => {
    const r = replicaOf(gptOss120b);
    // 18 full layers × 4096 + 18 windowed × 128, × 4 × 2880
    expect(decodeAttentionFlopsPerToken(r, 4096)).toBe(4 * 2880 * (18 * 4096 + 18 * 128));
  });
});

describe('tensorParallelSeconds', () => {
  it('is zero at TP 1', () => {
    expect(tensorParallelSeconds(replicaOf(llama70b), 64)).toBe(0);
  });

  it('2 all-reduces × layers × (latency + ring transfer)', () => {
    // TP 4, 10 µs × log2(4) = 20 µs per layer; 64 tokens × 8192 × 2 B = 1,048,576 B; × 2(4−1)/4 = 1.5 → 1,572,864 B
    // at 450e9 B/s = 3.495e-6 s; 2 × 80 × (20e-6 + 3.495e-6) = 3.759e-3 s
    const r = replicaOf(llama70b, { tensorParallel: 4, tpLatencyPerLayerSeconds: 20e-6, linkBytesPerSecond: 450e9 });
    expect(tensorParallelSeconds(r, 64)).toBeCloseTo(2 * 80 * (20e-6 + 1_572_864 / 450e9), 12);
  });
});

describe('decodeStep (hand-computed on a 1 B model, 1e12 B/s, 1e14 FLOP/s)', () => {
  it('batch 1 is bound by reading the weights', () => {
    // GEMM tokens = 1 decode + (1/100 requests) × 100 prompt tokens = 2
    // dense: max(2e9 B / 1e12, 2 × 2 × 1e9 / 1e14) = max(2e-3, 4e-5) = 2e-3 s
    // KV at 150 tokens: 10 × 128 × 150 × 2 B = 384,000 B → 3.84e-7 s (attention FLOPs 6.1e6 → 6.1e-8 s)
    // prefill attention: 0.01 × 4 × 1024 × 10 × 100²/2 = 2.048e6 FLOPs → 2.048e-8 s
    const step = decodeStep(replicaOf(tiny), shape, 1);
    expect(step.denseSeconds).toBeCloseTo(2e-3, 15);
    expect(step.decodeAttentionSeconds).toBeCloseTo(3.84e-7, 15);
    expect(step.prefillAttentionSeconds).toBeCloseTo(2.048e-8, 15);
    expect(step.stepSeconds).toBeCloseTo(2e-3 + 3.84e-7 + 2.048e-8, 15);
    expect(step.bound).toBe('memory-bandwidth');
    expect(step.prefillTokensPerStep).toBe(1);
    // Without prompt work the step is 2e-3 + 3.84e-7; prefill adds only its attention
    expect(step.prefillTimeShare).toBeCloseTo(2.048e-8 / step.stepSeconds, 12);
  });

  it('batch 1,000 is bound by GEMM compute, prompt tokens included', () => {
    // GEMM tokens = 1000 + 10 × 100 = 2000 → 2 × 2000 × 1e9 / 1e14 = 0.04 s (> 2e-3 s of weights)
    // KV: 1000 × 384,000 B = 3.84e8 B → 3.84e-4 s; prefill attention: 10 × 2.048e8 → 2.048e-5 s
    const step = decodeStep(replicaOf(tiny), shape, 1000);
    expect(step.denseSeconds).toBeCloseTo(0.04, 12);
    expect(step.stepSeconds).toBeCloseTo(0.04 + 3.84e-4 + 2.048e-5, 12);
    expect(step.bound).toBe('compute');
    // Prefill doubles the GEMM tokens: the step without it is 0.02 + 3.84e-4
    expect(step.prefillTimeShare).toBeCloseTo((0.04 + 2.048e-5 - 0.02) / step.stepSeconds, 12);
  });

  it('adds overhead and TP communication', () => {
    const base = decodeStep(replicaOf(tiny), shape, 8).stepSeconds;
    const r = replicaOf(tiny, { perStepOverheadSeconds: 0.003, tensorParallel: 2, tpLatencyPerLayerSeconds: 10e-6 });
    const tokens = 8 + 8;
    const expected = base + 0.003 + 2 * 10 * (10e-6 + (1 * tokens * 1024 * 2) / 450e9);
    expect(decodeStep(r, shape, 8).stepSeconds).toBeCloseTo(expected, 12);
  });

  it('MoE: expert reads grow with batch; expert efficiency slows only the expert FLOPs', () => {
    const r = replicaOf(gptOss120b, { weights: weightBytes(gptOss120b, 'mxfp4') });
    const one = decodeStep(r, { inputTokens: 1, outputTokens: 1000, cachedInputShare: 0 }, 1);
    // 1 decode token + 0.001 prompt token → ≈ 4 experts per layer are read
    expect(one.weightBytesRead / 1e9).toBeCloseTo(4.899, 1);
    const slow = decodeStep({ ...r, moeEfficiency: 0.25 }, { inputTokens: 1, outputTokens: 1000, cachedInputShare: 0 }, 1);
    expect(slow.expertSeconds).toBeCloseTo(one.expertSeconds, 12); // memory-bound: unchanged
    const big = decodeStep({ ...r, moeEfficiency: 0.25 }, shape, 512);
    expect(big.expertSeconds).toBeGreaterThan(decodeStep(r, shape, 512).expertSeconds);
  });
});

describe('expertKernelEfficiency', () => {
  it('gpt-oss-120b: width 0.9024e9 / 36 / (3 × 2880) ≈ 2,901 → 2,901 / (2,901 + 9,750)', () => {
    const width = parameterSplit(gptOss120b).paramsPerExpert / 36 / (3 * 2880);
    expect(expertKernelEfficiency(gptOss120b, parameterSplit(gptOss120b), 9750)).toBeCloseTo(width / (width + 9750), 12);
    expect(width).toBeCloseTo(2901.5, 0);
  });

  it('is 1 for dense models and for a zero half-efficiency width', () => {
    expect(expertKernelEfficiency(llama70b, parameterSplit(llama70b), 9750)).toBe(1);
    expect(expertKernelEfficiency(gptOss120b, parameterSplit(gptOss120b), 0)).toBe(1);
  });
});

describe('prefillSeconds', () => {
  it('one forward pass over the prompt: max(weights, GEMM FLOPs) + attention', () => {
    // 100 tokens: max(2e9 / 1e12, 2 × 100 × 1e9 / 1e14) = 2e-3; attention 2.048e8 / 1e14
    expect(prefillSeconds(replicaOf(tiny), shape)).toBeCloseTo(2e-3 + 2.048e-6, 12);
    // 10,000 tokens: compute-bound 0.2 s; attention 4 × 1024 × 10 × 1e8 / 2 / 1e14 = 0.02048 s
    expect(prefillSeconds(replicaOf(tiny), { inputTokens: 10_000, outputTokens: 1, cachedInputShare: 0 })).toBeCloseTo(0.22048, 12);
  });
});
