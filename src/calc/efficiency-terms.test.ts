import { describe, expect, it } from 'vitest';
import { b200, h100, llama8b, mi300x } from '../../test/helpers/calc-fixtures.js';
import { defaultAssumptions } from './assumptions.js';
import { CALIBRATED_EFFICIENCY, lowBitFactor } from './calibrated-defaults.js';
import { estimateDeployment } from './estimate-deployment.js';

const p = { ...CALIBRATED_EFFICIENCY, lowBitEfficiency: { nvidia: 0.7, amd: 0.5, google: 1, other: 1 } };

describe('lowBitFactor: lowBitEfficiency[vendor] for fp4 / mxfp4 / int4, else 1', () => {
  it.each([
    ['amd', 'mxfp4', 0.5],
    ['amd', 'fp4', 0.5],
    ['amd', 'int4', 0.5],
    ['amd', 'fp8', 1],
    ['nvidia', 'fp4', 0.7],
    ['nvidia', 'bf16', 1],
  ] as const)('%s %s → %d', (vendor, precision, factor) => {
    expect(lowBitFactor(p, vendor, precision)).toBe(factor);
  });

  it('the defaults multiply both efficiencies of 4-bit weights by the calibrated factor', () => {
    for (const [hw, vendor] of [
      [b200, 'nvidia'],
      [mi300x, 'amd'],
    ] as const) {
      const f = CALIBRATED_EFFICIENCY.lowBitEfficiency[vendor];
      expect(defaultAssumptions(hw, 'fp4').bandwidthEfficiency).toBeCloseTo(CALIBRATED_EFFICIENCY.bandwidthEfficiency[vendor] * f, 12);
      expect(defaultAssumptions(hw, 'mxfp4').computeEfficiency).toBeCloseTo(CALIBRATED_EFFICIENCY.computeEfficiency[vendor] * f, 12);
      expect(defaultAssumptions(hw, 'fp8').computeEfficiency).toBe(CALIBRATED_EFFICIENCY.computeEfficiency[vendor]);
    }
  });
});

describe('tpComputeLossPerDoubling: compute efficiency × (1 − δ)^log2(TP)', () => {
  // A compute-bound 16,000-token prefill of Llama 3.1 8B on H100 with no TP latency, no step
  // overhead and an (almost) free link: time ∝ 1 / (TP × (1 − δ)^log2 TP).
  const prefill = (gpus: number, loss: number) => {
    const r = estimateDeployment(llama8b, h100, {
      inputTokens: 16_000,
      outputTokens: 1,
      gpus,
      assumptions: { tpComputeLossPerDoubling: loss, tpLatencyPerLayerUs: 0, perStepOverheadMs: 0, interconnectGBps: 1e9 },
    });
    return r.fits ? r.prefillSeconds : Number.NaN;
  };

  it.each([
    [2, 0, 0.5],
    [2, 0.2, 1 / (2 * 0.8)], // 0.625
    [4, 0.2, 1 / (4 * 0.64)], // 0.390625
    [8, 0.1, 1 / (8 * 0.729)],
  ])('TP %d, δ %d: prefill time ratio to TP 1 = %d', (tp, loss, ratio) => {
    expect(prefill(tp, loss) / prefill(1, loss)).toBeCloseTo(ratio, 4);
  });
});
