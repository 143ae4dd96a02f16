import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardwareArb, modelArb } from '../../test/helpers/calc-arbitraries.js';
import { deepseekV3, h200, llama70b, qwen3_30b } from '../../test/helpers/calc-fixtures.js';
import { estimateDeployment } from './estimate-deployment.js';
import { kvLayout } from './kv-cache.js';
import { groupKvLayout, kvCopies } from './kv-replication.js';

describe('kvCopies: TP ÷ min(TP, KV heads); MLA → TP; attention data parallel → 1', () => {
  it.each([
    [8, 1, false, false, 1], // TP 1 never replicates
    [8, 8, false, false, 1], // Llama 3.1 70B at TP 8
    [8, 4, false, false, 1],
    [4, 8, false, false, 2], // Qwen3 (4 KV heads) at TP 8
    [1, 8, false, false, 8],
    [1, 8, true, false, 8], // MLA latent at TP 8
    [1, 4, true, false, 4],
    [1, 8, true, true, 1], // MLA with attention data parallelism
    [4, 8, false, true, 1],
  ])('heads %d, TP %d, latent %s, DP attention %s → %d copies', (heads, tp, latent, dp, copies) => {
    expect(kvCopies(heads, tp, latent, dp)).toBe(copies);
  });

  it('groupKvLayout multiplies elements per token per layer: Qwen3-30B-A3B (4 × 128 heads) at TP 8 → 2 × 4 × 128 × 2 = 2,048', () => {
    const layout = kvLayout(qwen3_30b);
    expect(layout.elementsPerTokenFull).toBe(1024);
    expect(groupKvLayout(layout, qwen3_30b, 8, false).elementsPerTokenFull).toBe(2048);
    expect(groupKvLayout(layout, qwen3_30b, 4, false)).toBe(layout);
  });

  it('DeepSeek-V3 at TP 8: the 576-element latent is kept on all 8 GPUs (8 × 61 × 576 B per token at FP8), once with attention DP', () => {
    const options = { inputTokens: 1000, outputTokens: 1000, gpus: 8, precision: 'fp8' as const };
    const tp = estimateDeployment(deepseekV3, h200, options);
    const dp = estimateDeployment(deepseekV3, h200, { ...options, assumptions: { attentionDataParallel: true } });
    expect(tp.memory.kvCacheBytesPerToken).toBe(8 * 61 * 576);
    expect(dp.memory.kvCacheBytesPerToken).toBe(61 * 576);
    // attention DP keeps a full copy of the non-expert weights on every GPU
    expect(dp.memory.weightsGbPerGpu - tp.memory.weightsGbPerGpu).toBeCloseTo((tp.memory.nonExpertWeightsGb * 7) / 8, 9);
  });

  it('Llama 3.1 70B (8 KV heads) at TP 8: no replication', () => {
    const r = estimateDeployment(llama70b, h200, { inputTokens: 1000, outputTokens: 1000, gpus: 8 });
    expect(r.memory.kvCacheBytesPerToken).toBe(80 * 2048 * 2);
  });
});

describe('property: larger TP never lowers per-GPU memory headroom', () => {
  it('free memory per GPU and cache capacity per GPU do not fall from TP t to 2t', () => {
    fc.assert(
      fc.property(modelArb, hardwareArb, fc.constantFrom(1, 2, 4, 8, 16), fc.boolean(), (model, hardware, tp, dp) => {
        const options = { inputTokens: 1000, outputTokens: 500, assumptions: { attentionDataParallel: dp, maxTensorParallel: 32 } };
        const small = estimateDeployment(model, hardware, { ...options, gpus: tp });
        const large = estimateDeployment(model, hardware, { ...options, gpus: 2 * tp });
        const headroom = (r: typeof small) => r.memory.usableGbPerGpu - r.memory.weightsGbPerGpu;
        expect(headroom(large)).toBeGreaterThanOrEqual(headroom(small) - 1e-9);
        // sequences' cache per GPU: (KV at final length + state) ÷ TP
        const cachePerGpu = (r: typeof small, t: number) => (r.memory.kvCacheGbPerSequence + r.memory.ssmStateGbPerSequence) / t;
        expect(cachePerGpu(large, 2 * tp)).toBeLessThanOrEqual(cachePerGpu(small, tp) * (1 + 1e-12));
      }),
      { numRuns: 200 },
    );
  });
});
