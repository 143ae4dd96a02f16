import { describe, expect, it } from 'vitest';
import { gpt5, h100, llama70b, rubin } from '../../test/helpers/calc-fixtures.js';
import { CalcInputError } from './errors.js';
import type { Comparison } from './sensitivity.js';
import { comparisonMetrics, sensitivity, tornado, withParameter } from './sensitivity.js';

const base: Comparison = {
  candidate: {
    model: llama70b,
    hardware: h100,
    pricing: 'cloud',
    deployment: { gpus: 2 },
    assumptions: { measuredOutputTokensPerSecondPerGpu: 150 },
  },
  offering: gpt5,
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
};

describe('withParameter', () => {
  it('scales API prices, volumes and sets assumptions', () => {
    expect(withParameter(base, 'apiPriceMultiplier', 2).offering).toMatchObject({
      inputUsdPerMtok: 2.5,
      cachedInputUsdPerMtok: 0.25,
      outputUsdPerMtok: 20,
    });
    expect(withParameter(base, 'volumeMultiplier', 3).workload).toMatchObject({ inputTokensPerMonth: 9e9, outputTokensPerMonth: 3e9 });
    expect(withParameter(base, 'usdPerGpuHour', 1.5).candidate.assumptions).toMatchObject({
      usdPerGpuHour: 1.5,
      measuredOutputTokensPerSecondPerGpu: 150,
    });
    expect(withParameter(base, 'peakToAverageRatio', 3).workload.peakToAverageRatio).toBe(3);
  });

  it('rejects unknown parameters and non-finite values', () => {
    expect(() => withParameter(base, 'colour' as never, 1)).toThrow(CalcInputError);
    expect(() => withParameter(base, 'pue', Number.NaN)).toThrow(CalcInputError);
  });
});

describe('sensitivity', () => {
  it('GPU price: cost scales with it (cloud), the API side does not move', () => {
    // 4 replicas × 2 GPUs × 730 h × price
    const r = sensitivity(base, 'usdPerGpuHour', 1.5, 4);
    expect(r.low.selfHostUsdPerMonth).toBeCloseTo(8 * 1.5 * 730, 9);
    expect(r.high.selfHostUsdPerMonth).toBeCloseTo(8 * 4 * 730, 9);
    expect(r.low.apiUsdPerMonth).toBe(r.high.apiUsdPerMonth);
    expect(r.base.selfHostUsdPerMonth).toBeCloseTo(8 * 2.49 * 730, 9);
  });

  it('utilisation: a lower target needs more replicas', () => {
    const r = sensitivity(base, 'targetUtilization', 0.4, 1);
    // peak 761 tokens/s ÷ (300 × 0.4) = 6.3 → 7 replicas; ÷ 300 → 2.5 → 3 replicas
    expect(r.low.selfHostUsdPerMonth).toBeCloseTo(7 * 2 * 2.49 * 730, 9);
    expect(r.high.selfHostUsdPerMonth).toBeCloseTo(3 * 2 * 2.49 * 730, 9);
  });

  it('realisation on vendor-claim hardware moves modelled throughput', () => {
    const claim: Comparison = { ...base, candidate: { model: llama70b, hardware: rubin, pricing: 'cloud' } };
    const r = sensitivity(claim, 'realisationFactor', 0.3, 1);
    expect(r.high.outputTokensPerSecondPerGpu as number).toBeGreaterThan(r.low.outputTokensPerSecondPerGpu as number);
  });
});

describe('tornado', () => {
  it('sorts inputs by their swing on the chosen metric', () => {
    const t = tornado(base, [
      { parameter: 'pue', low: 1.1, high: 1.6 }, // no effect on cloud pricing
      { parameter: 'usdPerGpuHour', low: 2, high: 3 }, // swing 8 × 730 × 1 = 5,840
      { parameter: 'apiPriceMultiplier', low: 0.5, high: 2 }, // swing 1.5 × 13,750 = 20,625
    ]);
    expect(t.bars.map((b) => b.parameter)).toEqual(['apiPriceMultiplier', 'usdPerGpuHour', 'pue']);
    expect(t.bars[0]?.swing).toBeCloseTo(1.5 * (3000 * 1.25 + 1000 * 10), 6);
    expect(t.bars[1]?.swing).toBeCloseTo(8 * 730, 6);
    expect(t.bars[2]?.swing).toBe(0);
    expect(t.base).toEqual(comparisonMetrics(base));
  });

  it('bars without a defined swing go last', () => {
    const t = tornado(
      base,
      [
        { parameter: 'apiPriceMultiplier', low: 0.01, high: 0.02 }, // API too cheap: never breaks even
        // R = 2 × price × 730 stays below p × K = 3.4375e-6 × 1.26144e9 = $4,336 for both prices
        { parameter: 'usdPerGpuHour', low: 2, high: 2.5 },
      ],
      'breakEvenTokensPerMonth',
    );
    expect(t.bars.map((b) => b.parameter)).toEqual(['usdPerGpuHour', 'apiPriceMultiplier']);
    expect(t.bars[0]?.swing).toBeGreaterThan(0);
    expect(t.bars[1]?.swing).toBeNull();
  });
});
