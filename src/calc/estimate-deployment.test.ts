import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allNumbers, hardwareArb, modelArb } from '../../test/helpers/calc-arbitraries.js';
import {
  deepseekV3,
  gptOss120b,
  graniteHSmall,
  h100,
  l40s,
  llama8b,
  llama70b,
  qwen3_30b,
  rubin,
} from '../../test/helpers/calc-fixtures.js';
import { CalcInputError } from './errors.js';
import type { DeploymentEstimate, DeploymentOptions, FittingDeployment } from './estimate-deployment.js';
import { bindingLimit, estimateDeployment, recommendedDeployment } from './estimate-deployment.js';
import { kvLayout } from './kv-cache.js';
import type { HardwareShape, ModelShape } from './model-checks.js';
import { prefillFlops } from './roofline.js';

const fitting = (r: DeploymentEstimate): FittingDeployment => {
  if (!r.fits) throw new Error(`expected a fit: ${JSON.stringify(r.warnings)}`);
  return r;
};
const codes = (r: DeploymentEstimate): string[] => r.warnings.map((w) => w.code);

/** Efficiency factors pinned so the hand calculations below do not move when the fit is re-run. */
const pinned = { bandwidthEfficiency: 0.8, computeEfficiency: 0.5, perStepOverheadMs: 2, tpLatencyPerLayerUs: 10 };

describe('estimateDeployment: memory and tensor parallelism', () => {
  it('Llama 3.1 70B bf16 on H100 picks TP 2 and fills the 4 GB KV budget', () => {
    // 140 GB of weights; 2 × 72 GB usable leaves 4 GB; 1,200 tokens × 327,680 B = 393.2 MB per sequence → 10
    const r = fitting(estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200 }));
    expect(r.gpusPerReplica).toBe(2);
    expect(r.memory.weightsGb).toBe(140);
    expect(r.memory.kvBudgetGb).toBeCloseTo(4, 9);
    expect(r.concurrency).toBe(10);
    expect(r.concurrencySelection).toBe('max-throughput');
    expect(r.bottleneck).toBe('memory-capacity');
    expect(r.outputTokensPerSecond.perGpu).toBeCloseTo(r.outputTokensPerSecond.total / 2, 9);
    expect(codes(r)).toContain('license-not-permissive');
  });

  it('with the engine limiting concurrency (TP 4: 196+ sequences fit, 256 allowed) the bottleneck is the step bound', () => {
    const r = fitting(
      estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200, gpus: 4, assumptions: { maxConcurrentSequences: 256 } }),
    );
    expect(r.concurrency).toBe(256);
    expect(r.bottleneck).not.toBe('memory-capacity');
  });

  it('gpt-oss-120b fits one 80 GB H100', () => {
    const r = fitting(estimateDeployment(gptOss120b, h100, { inputTokens: 1000, outputTokens: 1000 }));
    expect(r.gpusPerReplica).toBe(1);
    expect(r.memory.weightsGb).toBeGreaterThan(61);
    expect(r.memory.weightsGb).toBeLessThan(66);
    expect(r.kvCachePrecision).toBe('fp8');
  });

  it('DeepSeek-V3 (671 GB) does not fit 8 × H100: a result, not an error', () => {
    const r = estimateDeployment(deepseekV3, h100, { inputTokens: 1000, outputTokens: 1000 });
    expect(r.fits).toBe(false);
    expect(r.bottleneck).toBe('memory-capacity');
    expect(r.gpusPerReplica).toBe(8);
    expect(codes(r)).toContain('does-not-fit');
  });
});

describe('estimateDeployment: throughput and latency (hand-computed)', () => {
  it('Llama 3.1 70B bf16, TP 4, one user: weights read + overhead + TP latency per step', () => {
    const r = fitting(
      estimateDeployment(llama70b, h100, { inputTokens: 1, outputTokens: 1000, gpus: 4, concurrency: 1, assumptions: pinned }),
    );
    // Bandwidth 4 × 3.35e12 × 0.8 = 10.72e12 B/s → 140e9 B in 13.06 ms.
    // KV at 501 tokens: 501 × 327,680 B → 15.3 µs. Overhead 2 ms.
    // TP: 2 × 80 layers × (10 µs × log2 4 + 1.5 × 1.001 tokens × 8192 × 2 B / 450e9 B/s) = 3.209 ms.
    const dense = 140e9 / 10.72e12;
    const kv = (501 * 327_680) / 10.72e12;
    const tp = 2 * 80 * (20e-6 + (1.5 * 1.001 * 8192 * 2) / 450e9);
    const step = dense + kv + 2e-3 + tp;
    expect(r.timePerOutputTokenSeconds).toBeCloseTo(step, 6);
    expect(r.outputTokensPerSecond.perUser).toBeCloseTo(1 / step, 3); // ≈ 54.7 tokens/s
    expect(r.outputTokensPerSecond.total).toBeCloseTo(1 / step, 3);
    expect(r.bottleneck).toBe('memory-bandwidth');
    expect(r.requestsPerSecond).toBeCloseTo(1 / step / 1000, 9);
  });

  it('TTFT is the prompt alone plus one decode step', () => {
    const r = fitting(estimateDeployment(llama8b, h100, { inputTokens: 2000, outputTokens: 100, concurrency: 4, assumptions: pinned }));
    expect(r.timeToFirstTokenSeconds).toBeCloseTo(r.prefillSeconds + r.timePerOutputTokenSeconds, 12);
    // 2,000-token prompt: 2 × 8e9 × 2000 FLOPs at 989e12 × 0.5 ≈ 64.7 ms + attention + 2 ms overhead
    expect(r.prefillSeconds).toBeGreaterThan(0.0647);
    expect(r.prefillSeconds).toBeLessThan(0.08);
  });

  it('longer prompts cut output throughput (prefill interference)', () => {
    const short = fitting(estimateDeployment(llama8b, h100, { inputTokens: 200, outputTokens: 200, concurrency: 64 }));
    const long = fitting(estimateDeployment(llama8b, h100, { inputTokens: 8000, outputTokens: 200, concurrency: 64 }));
    expect(long.outputTokensPerSecond.total).toBeLessThan(short.outputTokensPerSecond.total / 2);
    expect(long.prefillTimeShare).toBeGreaterThan(short.prefillTimeShare);
  });

  it('a measured throughput per GPU drives the result', () => {
    const r = fitting(
      estimateDeployment(llama70b, h100, {
        inputTokens: 1000,
        outputTokens: 200,
        gpus: 4,
        concurrency: 50,
        assumptions: { measuredOutputTokensPerSecondPerGpu: 500 },
      }),
    );
    expect(r.throughputSource).toBe('measured');
    expect(r.outputTokensPerSecond.total).toBe(2000);
    expect(r.outputTokensPerSecond.perUser).toBe(40);
    expect(r.timePerOutputTokenSeconds).toBe(0.025);
    expect(codes(r)).toContain('measured-throughput-used');
  });
});

describe('estimateDeployment: concurrency selection', () => {
  it('a per-user speed target gives the largest concurrency that still meets it', () => {
    const r = fitting(estimateDeployment(llama8b, h100, { inputTokens: 1000, outputTokens: 500, minOutputTokensPerSecondPerUser: 60 }));
    expect(r.concurrencySelection).toBe('target');
    expect(r.targetsMet).toBe(true);
    expect(r.outputTokensPerSecond.perUser).toBeGreaterThanOrEqual(60);
    const next = fitting(estimateDeployment(llama8b, h100, { inputTokens: 1000, outputTokens: 500, concurrency: r.concurrency + 1 }));
    expect(next.outputTokensPerSecond.perUser).toBeLessThan(60);
  });

  it('latency targets (TTFT, time per output token) are honoured together', () => {
    const r = fitting(
      estimateDeployment(llama8b, h100, {
        inputTokens: 4000,
        outputTokens: 300,
        maxTimeToFirstTokenSeconds: 0.5,
        maxTimePerOutputTokenSeconds: 0.03,
      }),
    );
    expect(r.timeToFirstTokenSeconds).toBeLessThanOrEqual(0.5);
    expect(r.timePerOutputTokenSeconds).toBeLessThanOrEqual(0.03);
  });

  it('an unreachable target falls back to concurrency 1 with a warning', () => {
    const r = fitting(estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200, minOutputTokensPerSecondPerUser: 5000 }));
    expect(r.concurrency).toBe(1);
    expect(r.targetsMet).toBe(false);
    expect(codes(r)).toContain('slo-unreachable');
  });

  it('a requested concurrency above what memory holds is lowered with a warning', () => {
    const r = fitting(estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200, concurrency: 500 }));
    expect(r.concurrency).toBe(10);
    expect(r.bottleneck).toBe('memory-capacity');
    expect(codes(r)).toContain('concurrency-capped');
  });
});

describe('estimateDeployment: what binds (bottleneck) and why the concurrency (concurrencyReason)', () => {
  // Llama 3.3 70B fp8 on one H100 (the README example): 70 GB of weights in 72 GB usable leaves
  // ~2 GB of KV cache, 4 sequences of 2,500 tokens; a 20 tokens/s target would allow more.
  const readme: DeploymentOptions = { inputTokens: 2000, outputTokens: 500, precision: 'fp8', minOutputTokensPerSecondPerUser: 20 };

  it('memory-capacity: the KV cache capped the concurrency below what the target allows', () => {
    const r = fitting(estimateDeployment(llama70b, h100, readme));
    expect(r.gpusPerReplica).toBe(1);
    expect(r.memory.maxSequencesByMemory).toBe(4);
    expect(r.concurrency).toBe(4);
    expect(r.concurrencySelection).toBe('target');
    expect(r.targetsMet).toBe(true);
    expect(r.concurrencyReason).toBe('memory-capacity');
    expect(r.bottleneck).toBe('memory-capacity');
    // One more sequence would still meet the target: the target did not bind, memory did.
    const more = fitting(estimateDeployment(llama70b, h100, { ...readme, gpus: 2, concurrency: 5 }));
    expect(more.outputTokensPerSecond.perUser).toBeGreaterThan(20);
  });

  it('latency-target: the target capped the concurrency below what memory holds', () => {
    const r = fitting(estimateDeployment(llama70b, h100, { ...readme, gpus: 4, minOutputTokensPerSecondPerUser: 60 }));
    expect(r.concurrency).toBeLessThan(r.memory.maxSequencesByMemory);
    expect(r.concurrencyReason).toBe('latency-target');
    expect(r.bottleneck).toBe('latency-target');
    const next = fitting(estimateDeployment(llama70b, h100, { ...readme, gpus: 4, concurrency: r.concurrency + 1 }));
    expect(next.outputTokensPerSecond.perUser).toBeLessThan(60);
  });

  it('latency-target also when no concurrency meets the target (target-unreachable)', () => {
    const r = fitting(estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200, minOutputTokensPerSecondPerUser: 5000 }));
    expect(r.concurrencyReason).toBe('target-unreachable');
    expect(r.bottleneck).toBe('latency-target');
  });

  it('memory-bandwidth: the engine limit (not memory) set the concurrency and weight/KV reads dominate the step', () => {
    const r = fitting(
      estimateDeployment(llama70b, h100, {
        inputTokens: 1000,
        outputTokens: 200,
        gpus: 4,
        assumptions: { ...pinned, maxConcurrentSequences: 8 },
      }),
    );
    expect(r.concurrency).toBe(8);
    expect(r.concurrencyReason).toBe('engine-limit');
    expect(r.step.memoryBoundSeconds).toBeGreaterThan(r.step.computeBoundSeconds);
    expect(r.step.memoryBoundSeconds).toBeGreaterThan(r.step.tensorParallelSeconds);
    expect(r.bottleneck).toBe('memory-bandwidth');
  });

  it('compute: a large batch of a small model makes the GEMMs compute-bound', () => {
    const r = fitting(estimateDeployment(llama8b, h100, { inputTokens: 1000, outputTokens: 100, concurrency: 128, assumptions: pinned }));
    expect(r.concurrencyReason).toBe('given');
    expect(r.step.computeBoundSeconds).toBeGreaterThanOrEqual(r.step.memoryBoundSeconds);
    expect(r.bottleneck).toBe('compute');
  });

  it('interconnect: one sequence over 8 PCIe GPUs spends most of its step in tensor-parallel communication', () => {
    const r = fitting(
      estimateDeployment(llama8b, l40s, {
        inputTokens: 200,
        outputTokens: 200,
        gpus: 8,
        concurrency: 1,
        assumptions: { tpLatencyPerLayerUs: 40 },
      }),
    );
    expect(r.step.tensorParallelSeconds).toBeGreaterThan(r.step.memoryBoundSeconds);
    expect(r.step.tensorParallelSeconds).toBeGreaterThan(r.step.computeBoundSeconds);
    expect(r.bottleneck).toBe('interconnect');
  });

  it.each([
    ['latency-target', { memoryBoundSeconds: 2, computeBoundSeconds: 1, tensorParallelSeconds: 0 }, 'latency-target'],
    ['target-unreachable', { memoryBoundSeconds: 2, computeBoundSeconds: 1, tensorParallelSeconds: 9 }, 'latency-target'],
    ['memory-capacity', { memoryBoundSeconds: 2, computeBoundSeconds: 1, tensorParallelSeconds: 0 }, 'memory-capacity'],
    ['memory-capacity', { memoryBoundSeconds: 1, computeBoundSeconds: 2, tensorParallelSeconds: 0 }, 'compute'],
    ['engine-limit', { memoryBoundSeconds: 2, computeBoundSeconds: 1, tensorParallelSeconds: 0 }, 'memory-bandwidth'],
    ['given', { memoryBoundSeconds: 1, computeBoundSeconds: 1, tensorParallelSeconds: 0 }, 'compute'],
    ['given', { memoryBoundSeconds: 1, computeBoundSeconds: 2, tensorParallelSeconds: 3 }, 'interconnect'],
  ] as const)('bindingLimit(%s, %o) = %s', (reason, step, expected) => {
    expect(bindingLimit(reason, step)).toBe(expected);
  });
});

describe('recommendedDeployment: the size /compare costs', () => {
  it('Llama 3.3 70B fp8 on H100 (README): the smallest size is 1 GPU, the recommended 2 (more tokens/s per GPU)', () => {
    const opts: DeploymentOptions = { inputTokens: 2000, outputTokens: 500, precision: 'fp8', minOutputTokensPerSecondPerUser: 20 };
    const smallest = fitting(estimateDeployment(llama70b, h100, opts));
    const rec = recommendedDeployment(smallest, (gpus) => estimateDeployment(llama70b, h100, { ...opts, gpus }));
    expect(smallest.gpusPerReplica).toBe(1);
    expect(rec.gpusPerReplica).toBe(2);
    expect(rec.outputTokensPerSecond.perGpu).toBeGreaterThan(smallest.outputTokensPerSecond.perGpu);
    for (const gpus of [4, 8]) {
      const d = fitting(estimateDeployment(llama70b, h100, { ...opts, gpus }));
      expect(d.outputTokensPerSecond.perGpu).toBeLessThanOrEqual(rec.outputTokensPerSecond.perGpu);
    }
  });

  it('a size that meets the targets beats one that misses them, whatever its tokens/s per GPU', () => {
    const opts: DeploymentOptions = { inputTokens: 2000, outputTokens: 500, precision: 'fp8', minOutputTokensPerSecondPerUser: 60 };
    const smallest = fitting(estimateDeployment(llama70b, h100, opts));
    expect(smallest.targetsMet).toBe(false);
    const rec = recommendedDeployment(smallest, (gpus) => estimateDeployment(llama70b, h100, { ...opts, gpus }));
    expect(rec.targetsMet).toBe(true);
    expect(rec.gpusPerReplica).toBeGreaterThan(1);
  });
});

describe('estimateDeployment: warnings', () => {
  it.each<[string, ModelShape, HardwareShape, DeploymentOptions, string]>([
    ['vendor-claim hardware', llama8b, rubin, { inputTokens: 100, outputTokens: 100 }, 'vendor-claim-hardware'],
    ['context beyond native', qwen3_30b, h100, { inputTokens: 40000, outputTokens: 1000 }, 'context-exceeds-native'],
    ['quantised weights', llama70b, h100, { inputTokens: 100, outputTokens: 100, precision: 'fp8' }, 'quantised-weights'],
    ['estimated profile', { ...llama8b, estimate: true }, h100, { inputTokens: 100, outputTokens: 100 }, 'estimated-figures'],
    ['TP over PCIe', llama70b, l40s, { inputTokens: 100, outputTokens: 100, precision: 'fp8' }, 'pcie-tensor-parallel'],
    [
      'hybrid without state size',
      { ...graniteHSmall, ssmStateElementsPerLayer: null },
      h100,
      { inputTokens: 100, outputTokens: 100 },
      'ssm-state-unknown',
    ],
  ])('%s', (_name, model, hardware, options, code) => {
    expect(codes(estimateDeployment(model, hardware, options))).toContain(code);
  });

  it('a permissive model on ordinary hardware has no licence or vendor warning', () => {
    const r = estimateDeployment(gptOss120b, h100, { inputTokens: 1000, outputTokens: 1000 });
    expect(codes(r)).not.toContain('license-not-permissive');
    expect(codes(r)).not.toContain('vendor-claim-hardware');
  });

  it('vendor-claim hardware is discounted by the realisation factor', () => {
    const claimed = fitting(estimateDeployment(llama8b, rubin, { inputTokens: 100, outputTokens: 100, concurrency: 1 }));
    const taken = fitting(
      estimateDeployment(llama8b, rubin, { inputTokens: 100, outputTokens: 100, concurrency: 1, assumptions: { realisationFactor: 1 } }),
    );
    expect(claimed.assumptions.realisationFactor).toBe(0.5);
    expect(claimed.outputTokensPerSecond.total).toBeLessThan(taken.outputTokensPerSecond.total);
  });
});

describe('estimateDeployment: invalid input throws CalcInputError naming the field', () => {
  const ok: DeploymentOptions = { inputTokens: 100, outputTokens: 100 };
  it.each<[string, ModelShape, HardwareShape, DeploymentOptions]>([
    ['inputTokens', llama8b, h100, { ...ok, inputTokens: -1 }],
    ['inputTokens', llama8b, h100, { ...ok, inputTokens: Number.NaN }],
    ['outputTokens', llama8b, h100, { ...ok, outputTokens: 0 }],
    ['gpus', llama8b, h100, { ...ok, gpus: 0 }],
    ['gpus', llama8b, h100, { ...ok, gpus: 1.5 }],
    ['concurrency', llama8b, h100, { ...ok, concurrency: -3 }],
    ['cachedInputShare', llama8b, h100, { ...ok, cachedInputShare: 1 }],
    ['minOutputTokensPerSecondPerUser', llama8b, h100, { ...ok, minOutputTokensPerSecondPerUser: 0 }],
    ['precision', llama8b, h100, { ...ok, precision: 'fp16' as never }],
    ['model.activeParamsB', { ...llama8b, activeParamsB: 9 }, h100, ok],
    ['model.totalParamsB', { ...llama8b, totalParamsB: 0 }, h100, ok],
    ['model.numAttentionLayers', { ...llama8b, numAttentionLayers: 33 }, h100, ok],
    ['model.numExpertsActive', { ...qwen3_30b, numExpertsActive: 200 }, h100, ok],
    ['model.slidingWindowTokens', { ...llama8b, numSlidingWindowLayers: 4, slidingWindowTokens: null }, h100, ok],
    ['hardware.memoryGb', llama8b, { ...h100, memoryGb: -80 }, ok],
    ['hardware.memoryBandwidthTBps', llama8b, { ...h100, memoryBandwidthTBps: 0 }, ok],
    ['assumptions.gpuMemoryUtilization', llama8b, h100, { ...ok, assumptions: { gpuMemoryUtilization: 2 } }],
  ])('%s', (field, model, hardware, options) => {
    try {
      estimateDeployment(model, hardware, options);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalcInputError);
      expect((e as CalcInputError).field).toBe(field);
    }
  });

  it('any negative or NaN token count is rejected', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ max: 0, noNaN: true }), fc.constant(Number.NaN), fc.constant(Number.NEGATIVE_INFINITY)), (bad) => {
        expect(() => estimateDeployment(llama8b, h100, { inputTokens: bad, outputTokens: 10 })).toThrow(CalcInputError);
      }),
    );
  });
});

const optionsArb = fc.record({
  inputTokens: fc.integer({ min: 1, max: 64000 }),
  outputTokens: fc.integer({ min: 1, max: 8000 }),
  cachedInputShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
  precision: fc.constantFrom(undefined, 'bf16', 'fp8', 'fp4', 'int4' as const),
});

describe('estimateDeployment: properties', () => {
  it('never returns NaN or Infinity for valid input', () => {
    fc.assert(
      fc.property(modelArb, hardwareArb, optionsArb, fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }), (m, h, o, c) => {
        const r = estimateDeployment(m, h, { ...o, concurrency: c });
        for (const n of allNumbers(r)) expect(Number.isFinite(n)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('throughput never falls as concurrency rises', () => {
    fc.assert(
      fc.property(
        modelArb,
        hardwareArb,
        optionsArb,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 300 }),
        (m, h, o, c, d) => {
          const a = estimateDeployment(m, h, { ...o, concurrency: c });
          if (!a.fits || a.concurrency < c) return;
          const b = estimateDeployment(m, h, { ...o, concurrency: c + d });
          if (!b.fits || b.concurrency < c + d) return;
          expect(b.outputTokensPerSecond.total).toBeGreaterThanOrEqual(a.outputTokensPerSecond.total * (1 - 1e-9));
          expect(b.timePerOutputTokenSeconds).toBeGreaterThanOrEqual(a.timePerOutputTokenSeconds * (1 - 1e-9));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('higher bandwidth or realisation never lowers throughput (with or without a speed target)', () => {
    fc.assert(
      fc.property(
        modelArb,
        hardwareArb,
        optionsArb,
        fc.double({ min: 1, max: 4, noNaN: true }),
        fc.double({ min: 0.1, max: 1, noNaN: true }),
        fc.option(fc.double({ min: 1, max: 200, noNaN: true }), { nil: undefined }),
        (m, h, o, k, realisation, target) => {
          const opts = { ...o, minOutputTokensPerSecondPerUser: target };
          const base = estimateDeployment(m, h, { ...opts, assumptions: { realisationFactor: realisation } });
          if (!base.fits) return;
          const faster = fitting(
            estimateDeployment(
              m,
              { ...h, memoryBandwidthTBps: h.memoryBandwidthTBps * k },
              { ...opts, assumptions: { realisationFactor: realisation } },
            ),
          );
          const realised = fitting(estimateDeployment(m, h, { ...opts, assumptions: { realisationFactor: Math.min(1, realisation * k) } }));
          const t = base.outputTokensPerSecond.total * (1 - 1e-9);
          expect(faster.outputTokensPerSecond.total).toBeGreaterThanOrEqual(t);
          expect(realised.outputTokensPerSecond.total).toBeGreaterThanOrEqual(t);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an MoE with fewer active experts never needs more compute per token', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 256 }),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 8 }),
        optionsArb,
        fc.integer({ min: 1, max: 64 }),
        (experts, perExpertB, nonExpertB, kMore, o, c) => {
          const kFew = Math.max(1, Math.min(experts - 2, kMore) - 1);
          const kMany = kFew + 1;
          const moe = (k: number): ModelShape => ({
            ...qwen3_30b,
            numExperts: experts,
            numExpertsActive: k,
            totalParamsB: nonExpertB + experts * perExpertB,
            activeParamsB: nonExpertB + k * perExpertB,
          });
          const shape = { inputTokens: o.inputTokens, outputTokens: o.outputTokens, cachedInputShare: 0 };
          const few = estimateDeployment(moe(kFew), h100, { ...o, concurrency: c, gpus: 8, assumptions: { maxTensorParallel: 8 } });
          const many = estimateDeployment(moe(kMany), h100, { ...o, concurrency: c, gpus: 8, assumptions: { maxTensorParallel: 8 } });
          if (!few.fits || !many.fits || few.concurrency !== many.concurrency) return;
          expect(few.step.flops).toBeLessThanOrEqual(many.step.flops);
          const replicaOf = (m: ModelShape) => ({ layout: kvLayout(m), hiddenSize: m.hiddenSize, activeParams: m.activeParamsB * 1e9 });
          expect(prefillFlops(replicaOf(moe(kFew)), shape)).toBeLessThan(prefillFlops(replicaOf(moe(kMany)), shape));
        },
      ),
      { numRuns: 150 },
    );
  });
});
