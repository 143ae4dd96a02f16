import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { h200, qwen3_30b } from '../../test/helpers/calc-fixtures.js';
import { estimateDeployment } from './estimate-deployment.js';
import { expertsTouchedPerStep } from './expert-activation.js';
import type { ModelShape } from './model-checks.js';
import { expectedExpertsTouched } from './weights.js';

const T = (n: number) => 256 * (1 - (248 / 256) ** n);

describe('expertsTouchedPerStep: (1 − p) T(D) + p T(D + max(S, P)), p = min(1, P/S)', () => {
  it.each([
    // [E, k, decode tokens D, prompt tokens per step P, chunk S, expected]
    [256, 8, 4, 0, 1024, T(4)], // no prompts: decode tokens only
    [256, 8, 4, 4, 1024, (1020 / 1024) * T(4) + (4 / 1024) * T(1028)], // DeepSeek at concurrency 4, 1k/1k
    [256, 8, 4, 2048, 1024, T(4 + 2048)], // P ≥ S: every step carries P prompt tokens
    [128, 4, 1, 0.5, 100, 0.995 * 4 + 0.005 * 128 * (1 - (124 / 128) ** 101)],
  ])('E %d, k %d, D %d, P %d, S %d', (e, k, d, p, s, expected) => {
    expect(expertsTouchedPerStep(e, k, d, p, s)).toBeCloseTo(expected, 9);
  });

  it('is never more than spreading the prompt tokens evenly over steps (T is concave)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 512 }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 4096 }),
        fc.double({ min: 0, max: 10_000, noNaN: true }),
        fc.integer({ min: 1, max: 16_384 }),
        (e, kFrac, d, p, s) => {
          const k = Math.max(1, Math.floor(kFrac * (e - 1)));
          expect(expertsTouchedPerStep(e, k, d, p, s)).toBeLessThanOrEqual(expectedExpertsTouched(e, k, d + p) * (1 + 1e-12));
        },
      ),
    );
  });
});

/** An MoE with `experts` routed experts of `perExpertB` billion parameters each, `active` per token. */
function moe(experts: number, active: number, perExpertB: number, nonExpertB: number): ModelShape {
  return {
    ...qwen3_30b,
    totalParamsB: nonExpertB + experts * perExpertB,
    activeParamsB: nonExpertB + active * perExpertB,
    numExperts: experts,
    numExpertsActive: active,
  };
}

describe('property: more experts touched never raises throughput', () => {
  it('same expert size and active count, more experts to route over (more distinct experts read per step)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 4, max: 128 }),
        fc.integer({ min: 1, max: 128 }),
        fc.integer({ min: 1, max: 8 }),
        fc.double({ min: 0.01, max: 0.2, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 10, max: 4000 }),
        (experts, extra, active, perExpertB, concurrency, inputTokens) => {
          const k = Math.min(active, experts - 1);
          const options = { inputTokens, outputTokens: 256, concurrency, gpus: 8, precision: 'fp8' as const };
          const few = estimateDeployment(moe(experts, k, perExpertB, 2), h200, options);
          const many = estimateDeployment(moe(experts + extra, k, perExpertB, 2), h200, options);
          if (!few.fits || !many.fits || few.concurrency !== many.concurrency) return;
          expect(many.step.weightBytesRead).toBeGreaterThanOrEqual(few.step.weightBytesRead * (1 - 1e-12));
          expect(many.outputTokensPerSecond.total).toBeLessThanOrEqual(few.outputTokensPerSecond.total * (1 + 1e-12));
        },
      ),
      { numRuns: 200 },
    );
  });
});
