import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hardwareArb, modelArb } from '../../test/helpers/calc-arbitraries.js';
import { deepseekV3, h200, llama8b } from '../../test/helpers/calc-fixtures.js';
import { estimateDeployment } from './estimate-deployment.js';
import { expectedTokensPerStep } from './speculative.js';

describe('expectedTokensPerStep: τ = (1 − α^(k+1)) / (1 − α)', () => {
  it.each([
    [0, 0.9, 1],
    [3, 0, 1],
    [1, 0.85, 1.85],
    [3, 0.5, 1.875], // 1 + 0.5 + 0.25 + 0.125
    [2, 1, 3],
    [4, 0.6, 2.3056], // 1 + 0.6 + 0.36 + 0.216 + 0.1296
  ])('k = %d, α = %d → %d', (k, alpha, tau) => {
    expect(expectedTokensPerStep(k, alpha)).toBeCloseTo(tau, 10);
  });
});

describe('speculative decoding in estimateDeployment', () => {
  const base = { inputTokens: 1000, outputTokens: 1000, concurrency: 4 };

  it('DeepSeek-V3 FP8 on 8×H200, 4 sequences, MTP k = 1 at α = 0.85: per-user speed × 1.85 ÷ (1 + extra verify and draft cost)', () => {
    const off = estimateDeployment(deepseekV3, h200, { ...base, gpus: 8 });
    const on = estimateDeployment(deepseekV3, h200, { ...base, gpus: 8, assumptions: { speculativeTokens: 1, draftAcceptanceRate: 0.85 } });
    if (!off.fits || !on.fits) throw new Error('expected both to fit');
    // Memory-bound step: verifying 2 tokens per sequence reads the same weights and cache, so the
    // step grows only by the extra experts touched, FLOPs and the draft (0.05 of a step).
    expect(on.step.tokensPerStep).toBeCloseTo(1.85, 12);
    // draft: 1 × 0.05 × the one-token decode step without prompt work
    expect(on.step.draftSeconds).toBeCloseTo(0.05 * off.step.totalSeconds * (1 - off.step.prefillTimeShare), 12);
    expect(on.timePerOutputTokenSeconds).toBeCloseTo(on.step.stepSeconds / 1.85, 12);
    const speedup = on.outputTokensPerSecond.perUser / off.outputTokensPerSecond.perUser;
    expect(speedup).toBeGreaterThan(1.3);
    expect(speedup).toBeLessThan(1.85);
  });

  it('Llama 3.1 8B: the draft cost share is charged per draft token', () => {
    const k = 3;
    const on = estimateDeployment(llama8b, h200, { ...base, gpus: 1, assumptions: { speculativeTokens: k, draftCostShare: 0.1 } });
    const plain = estimateDeployment(llama8b, h200, { ...base, gpus: 1 });
    if (!on.fits || !plain.fits) throw new Error('expected both to fit');
    // the one-token decode step without prompt work, times k × share
    const decodeOnly = plain.step.totalSeconds * (1 - plain.step.prefillTimeShare);
    expect(on.step.draftSeconds).toBeCloseTo(k * 0.1 * decodeOnly, 9);
  });

  it('property: with acceptance 0, speculative decoding never beats none (total and per user)', () => {
    fc.assert(
      fc.property(
        modelArb,
        hardwareArb,
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 64 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (model, hardware, k, concurrency, share) => {
          const options = { inputTokens: 500, outputTokens: 200, concurrency, gpus: 8 };
          const off = estimateDeployment(model, hardware, options);
          const on = estimateDeployment(model, hardware, {
            ...options,
            assumptions: { speculativeTokens: k, draftAcceptanceRate: 0, draftCostShare: share },
          });
          if (!off.fits || !on.fits) return;
          expect(on.outputTokensPerSecond.total).toBeLessThanOrEqual(off.outputTokensPerSecond.total * (1 + 1e-12));
          expect(on.outputTokensPerSecond.perUser).toBeLessThanOrEqual(off.outputTokensPerSecond.perUser * (1 + 1e-12));
        },
      ),
      { numRuns: 150 },
    );
  });
});
