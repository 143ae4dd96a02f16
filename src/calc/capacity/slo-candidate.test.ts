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
});
