import { describe, expect, it } from 'vitest';
import { h100, rubin } from '../../test/helpers/calc-fixtures.js';
import { resolveAssumptions } from './assumptions.js';
import { CalcInputError } from './errors.js';
import { gpuCost } from './hourly-cost.js';

describe('gpuCost: cloud', () => {
  it('gpus × USD per GPU-hour × 730 + ops', () => {
    const c = gpuCost(h100, 2, 'cloud', resolveAssumptions(h100, 'bf16'));
    expect(c.totalUsdPerMonth).toBe(2 * 2.49 * 730); // 3,635.40
    expect(c.totalUsdPerHour).toBeCloseTo(4.98, 12);
    expect(c.upfrontUsd).toBe(0);
    const withOps = gpuCost(h100, 2, 'cloud', resolveAssumptions(h100, 'bf16', { opsUsdPerMonth: 5000 }));
    expect(withOps.totalUsdPerMonth).toBe(2 * 2.49 * 730 + 5000);
  });

  it('needs a rental price', () => {
    expect(() => gpuCost(rubin, 1, 'cloud', resolveAssumptions({ ...rubin, usdPerGpuHour: null }, 'fp4'))).toThrow(CalcInputError);
  });
});

describe('gpuCost: owned (hand-computed, one H100)', () => {
  // Capital: 30,000 × CRF(0.08/12, 60) = 608.29
  // Power: 0.7 kW × 1.35 host × 0.7 load × 1.3 PUE = 0.85995 kW × 730 h × $0.08 = 50.22
  // Hosting: 0.7 × 1.35 = 0.945 kW provisioned × $184.06 = 173.94
  const a = resolveAssumptions(h100, 'bf16');
  const c = gpuCost(h100, 1, 'owned', a);

  it('components', () => {
    expect(c.capitalUsdPerMonth).toBeCloseTo(608.2918, 3);
    expect(c.averagePowerKw).toBeCloseTo(0.85995, 9);
    expect(c.powerUsdPerMonth).toBeCloseTo(50.22108, 4);
    expect(c.hostingUsdPerMonth).toBeCloseTo(173.9367, 4);
    expect(c.totalUsdPerMonth).toBeCloseTo(832.4496, 3);
    expect(c.upfrontUsd).toBe(30000);
  });

  it('scales linearly with GPUs', () => {
    expect(gpuCost(h100, 8, 'owned', a).totalUsdPerMonth).toBeCloseTo(8 * c.totalUsdPerMonth, 8);
  });

  it('scarcity premium raises the purchase price only; per-GPU hosting replaces colocation', () => {
    const scarce = gpuCost(h100, 1, 'owned', resolveAssumptions(h100, 'bf16', { scarcityPremium: 1.5 }));
    expect(scarce.upfrontUsd).toBe(45000);
    expect(scarce.capitalUsdPerMonth).toBeCloseTo(1.5 * c.capitalUsdPerMonth, 9);
    expect(scarce.powerUsdPerMonth).toBe(c.powerUsdPerMonth);
    const hosted = gpuCost(h100, 2, 'owned', resolveAssumptions(h100, 'bf16', { hostingUsdPerGpuMonth: 300 }));
    expect(hosted.hostingUsdPerMonth).toBe(600);
  });

  it('needs a purchase price and a TDP', () => {
    expect(() => gpuCost(h100, 1, 'owned', resolveAssumptions(h100, 'bf16', { purchaseUsdPerGpu: null }))).toThrow(CalcInputError);
    expect(() => gpuCost({ ...h100, tdpWatts: null }, 1, 'owned', a)).toThrow(CalcInputError);
    expect(() => gpuCost(h100, 0, 'owned', a)).toThrow(CalcInputError);
  });
});

describe('gpuCost: owned, all-in capital cost per GPU', () => {
  const base = gpuCost(h100, 1, 'owned', resolveAssumptions(h100, 'bf16'));

  it('the platform share (server, network, storage) adds to the GPU price: $30,000 + $20,000 = $50,000', () => {
    const c = gpuCost(h100, 2, 'owned', resolveAssumptions(h100, 'bf16', { platformCapexUsdPerGpu: 20_000 }));
    expect(c.gpuCapexUsdPerGpu).toBe(30_000);
    expect(c.platformCapexUsdPerGpu).toBe(20_000);
    expect(c.capexUsdPerGpu).toBe(50_000);
    expect(c.upfrontUsd).toBe(100_000);
    // 50,000 × CRF(0.08/12, 60) = 1,013.82 per GPU; power and hosting unchanged.
    expect(c.capitalUsdPerMonth).toBeCloseTo(2 * 1013.8197, 3);
    expect(c.capitalUsdPerMonth).toBeCloseTo(2 * base.capitalUsdPerMonth * (50_000 / 30_000), 9);
    expect(c.powerUsdPerMonth).toBeCloseTo(2 * base.powerUsdPerMonth, 9);
  });

  it('the scarcity premium applies to the GPU part only', () => {
    const c = gpuCost(h100, 1, 'owned', resolveAssumptions(h100, 'bf16', { platformCapexUsdPerGpu: 20_000, scarcityPremium: 1.5 }));
    expect(c.gpuCapexUsdPerGpu).toBe(45_000);
    expect(c.capexUsdPerGpu).toBe(65_000);
  });

  it('allInCapexUsdPerGpu replaces the sum, and needs no purchase price', () => {
    const c = gpuCost(
      h100,
      1,
      'owned',
      resolveAssumptions(h100, 'bf16', { purchaseUsdPerGpu: null, platformCapexUsdPerGpu: 20_000, allInCapexUsdPerGpu: 42_000 }),
    );
    expect(c.capexUsdPerGpu).toBe(42_000);
    expect(c.gpuCapexUsdPerGpu).toBeNull();
    expect(c.platformCapexUsdPerGpu).toBeNull();
    expect(c.upfrontUsd).toBe(42_000);
    expect(c.capitalUsdPerMonth).toBeCloseTo(base.capitalUsdPerMonth * (42_000 / 30_000), 9);
  });

  it('without a platform share the GPU price alone is counted (platform 0)', () => {
    expect(base.capexUsdPerGpu).toBe(30_000);
    expect(base.platformCapexUsdPerGpu).toBe(0);
  });

  it('rejects a negative platform share and a zero all-in cost, naming the field', () => {
    expect(() => resolveAssumptions(h100, 'bf16', { platformCapexUsdPerGpu: -1 })).toThrow(/platformCapexUsdPerGpu/);
    expect(() => resolveAssumptions(h100, 'bf16', { allInCapexUsdPerGpu: 0 })).toThrow(/allInCapexUsdPerGpu/);
  });
});
