import { describe, expect, it } from 'vitest';
import { gptOss120b, h100, llama70b } from '../../../test/helpers/calc-fixtures.js';
import { estimateDeployment } from '../estimate-deployment.js';
import type { SelfHostCandidate } from '../self-host-workload-cost.js';
import { resolveWorkload } from '../workload.js';
import { INTERACTIVE_SLO_DEFAULTS } from './defaults.js';
import { sizeCandidateForSlo } from './slo-candidate.js';

const workload = resolveWorkload({
  inputTokensPerMonth: 10e9,
  outputTokensPerMonth: 2e9,
  inputTokensPerRequest: 2000,
  outputTokensPerRequest: 400,
  peakToAverageRatio: 3,
});

describe('sizeCandidateForSlo: why the concurrency', () => {
  it('an SLO that caps the concurrency below what memory holds is reported as latency-target by the engine', () => {
    const candidate: SelfHostCandidate = { model: gptOss120b, hardware: h100, pricing: 'cloud' };
    const sized = sizeCandidateForSlo(candidate, workload, INTERACTIVE_SLO_DEFAULTS, 0.8, 1);
    const d = sized?.candidate.deployment;
    expect(d?.concurrencyReason).toBe('latency-target');
    const at = estimateDeployment(gptOss120b, h100, {
      inputTokens: 2000,
      outputTokens: 400,
      gpus: d?.gpus,
      concurrency: d?.concurrency,
      concurrencyReason: d?.concurrencyReason,
    });
    if (!at.fits) throw new Error('expected a fit');
    expect(at.concurrency).toBeLessThan(Math.min(at.memory.maxSequencesByMemory, at.assumptions.maxConcurrentSequences));
    expect(at.concurrencyReason).toBe('latency-target');
    expect(at.bottleneck).toBe('latency-target');
  });

  it('a concurrency fixed by the caller keeps no SLO reason', () => {
    const candidate: SelfHostCandidate = {
      model: llama70b,
      hardware: h100,
      pricing: 'cloud',
      deployment: { precision: 'fp8', gpus: 4, concurrency: 4 },
    };
    const sized = sizeCandidateForSlo(candidate, workload, INTERACTIVE_SLO_DEFAULTS, 0.8, 1);
    // 4 sequences per 4-GPU replica of Llama 70B fp8 reach 60 tokens/s per user: the SLO is met at the fixed concurrency.
    expect(sized?.sizing.met).toBe(true);
    expect(sized?.candidate.deployment?.concurrency).toBe(4);
    expect(sized?.candidate.deployment?.concurrencyReason).toBeUndefined();
  });

  // The caller's concurrency is kept and priced whether or not it meets the SLO; when it misses, the
  // sizing below it says what would meet. 60 tokens/s per user with Llama 70B fp8 on H100 needs few
  // sequences per replica; gpt-oss-120b on 8 GPUs at 256 sequences is also too slow per user.
  it.each([
    {
      name: 'Llama 70B fp8, 4 GPUs × 128',
      model: llama70b,
      deployment: { precision: 'fp8' as const, gpus: 4, concurrency: 128 },
      belowMet: true,
    },
    { name: 'gpt-oss-120b, 256 on any size', model: gptOss120b, deployment: { concurrency: 256 }, belowMet: true },
    // Memory holds fewer than 100,000 sequences: the engine lowers them and says so. On 2 GPUs even
    // 1 sequence is below 60 tokens/s, so nothing below meets either.
    {
      name: 'Llama 70B fp8, 2 GPUs × 100,000',
      model: llama70b,
      deployment: { precision: 'fp8' as const, gpus: 2, concurrency: 100_000 },
      belowMet: false,
    },
  ])('a fixed concurrency that misses the SLO is costed as given, with what would meet: $name', ({ model, deployment, belowMet }) => {
    const sized = sizeCandidateForSlo({ model, hardware: h100, pricing: 'cloud', deployment }, workload, INTERACTIVE_SLO_DEFAULTS, 0.8, 1);
    if (sized === null) throw new Error('expected a fit');
    expect(sized.sizing.met).toBe(false);
    const d = sized.candidate.deployment;
    expect(d?.concurrency).toBe(deployment.concurrency);
    expect(d?.concurrencyReason).toBeUndefined();
    const at = estimateDeployment(model, h100, {
      inputTokens: 2000,
      outputTokens: 400,
      precision: d?.precision,
      gpus: d?.gpus,
      concurrency: d?.concurrency,
    });
    if (!at.fits) throw new Error('expected a fit');
    expect(at.concurrency).toBe(sized.sizing.chosen.point.concurrency);
    expect(at.concurrencyReason).toBe(at.concurrency < deployment.concurrency ? 'memory-capacity' : 'given');
    expect(at.warnings.some((w) => w.code === 'concurrency-capped')).toBe(at.concurrency < deployment.concurrency);
    expect(at.outputTokensPerSecond.perUser).toBeLessThan(INTERACTIVE_SLO_DEFAULTS.outputTokensPerSecondPerUser);
    const below = sized.belowFixedConcurrency;
    expect(below?.met).toBe(belowMet);
    if (belowMet) expect(below?.chosen.point.concurrency).toBeLessThan(sized.sizing.chosen.point.concurrency);
  });

  it('a fixed concurrency that meets the SLO has nothing below to report', () => {
    const candidate: SelfHostCandidate = {
      model: llama70b,
      hardware: h100,
      pricing: 'cloud',
      deployment: { precision: 'fp8', gpus: 4, concurrency: 4 },
    };
    expect(sizeCandidateForSlo(candidate, workload, INTERACTIVE_SLO_DEFAULTS, 0.8, 1)?.belowFixedConcurrency).toBeUndefined();
  });
});
