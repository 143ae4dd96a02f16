import { describe, expect, it } from 'vitest';
import { h100, l40s, mi300x, rubin } from '../../test/helpers/calc-fixtures.js';
import { defaultAssumptions, defaultMaxConcurrentSequences, HOURS_PER_MONTH, resolveAssumptions } from './assumptions.js';
import { CALIBRATED_EFFICIENCY } from './calibrated-defaults.js';
import { CalcInputError } from './errors.js';

describe('defaultAssumptions', () => {
  it('makes every default explicit, with the calibrated efficiency of the vendor and link', () => {
    const a = defaultAssumptions(h100, 'bf16');
    expect(a).toMatchObject({
      gpuMemoryUtilization: 0.9,
      maxTensorParallel: 8,
      maxConcurrentSequences: 1024,
      kvCachePrecision: 'bf16',
      attentionDataParallel: false,
      prefillChunkTokens: 8192,
      speculativeTokens: 0,
      draftAcceptanceRate: 0.85,
      draftCostShare: 0.05,
      tpComputeLossPerDoubling: CALIBRATED_EFFICIENCY.tpComputeLossPerDoubling,
      ssmStatePrecision: 'bf16',
      realisationFactor: 1,
      bandwidthEfficiency: CALIBRATED_EFFICIENCY.bandwidthEfficiency.nvidia,
      computeEfficiency: CALIBRATED_EFFICIENCY.computeEfficiency.nvidia,
      tpLatencyPerLayerUs: CALIBRATED_EFFICIENCY.tpLatencyPerLayerUs.nvlink,
      interconnectGBps: 900,
      targetUtilization: 0.8,
      usdPerGpuHour: 2.49,
      purchaseUsdPerGpu: 30000,
      scarcityPremium: 1,
      depreciationYears: 5,
      costOfCapitalAnnual: 0.08,
      pue: 1.3,
      electricityUsdPerKwh: 0.08,
      averagePowerLoadFraction: 0.7,
      hostOverheadFraction: 0.35,
      colocationUsdPerKwMonth: 184.06,
      hostingUsdPerGpuMonth: null,
      opsUsdPerMonth: 0,
    });
    expect(Object.values(a).every((v) => v !== undefined)).toBe(true);
  });

  it('discounts vendor-claim hardware by 0.5 and picks vendor and link classes', () => {
    expect(defaultAssumptions(rubin, 'fp4').realisationFactor).toBe(0.5);
    expect(defaultAssumptions(rubin, 'fp4').kvCachePrecision).toBe('fp8');
    expect(defaultAssumptions(mi300x, 'fp8').bandwidthEfficiency).toBe(CALIBRATED_EFFICIENCY.bandwidthEfficiency.amd);
    expect(defaultAssumptions(mi300x, 'fp8').interconnectGBps).toBe(896);
    expect(defaultAssumptions(l40s, 'fp8').tpLatencyPerLayerUs).toBe(CALIBRATED_EFFICIENCY.tpLatencyPerLayerUs.pcie);
  });

  it.each([
    ['H100 SXM 80 GB (74.5 GiB)', { name: 'H100 SXM', memoryGb: 80 }, 1024],
    ['MI300X 192 GB', { name: 'Instinct MI300X', memoryGb: 192 }, 1024],
    ['A100 80 GB (vLLM excludes A100)', { name: 'A100 SXM4 80GB', memoryGb: 80 }, 256],
    ['L40S 48 GB', { name: 'L40S', memoryGb: 48 }, 256],
    ['75 GB = 69.8 GiB', { name: 'X', memoryGb: 75 }, 256],
  ])('vLLM default max_num_seqs for %s: %i', (_label, hw, seqs) => {
    expect(defaultMaxConcurrentSequences(hw)).toBe(seqs);
  });

  it('a month is 730 hours', () => {
    expect(HOURS_PER_MONTH).toBe(730);
  });
});

describe('resolveAssumptions', () => {
  it('applies overrides and keeps defaults for undefined keys', () => {
    const a = resolveAssumptions(h100, 'bf16', { pue: 1.2, usdPerGpuHour: 1.85, kvCachePrecision: 'fp8', opsUsdPerMonth: undefined });
    expect(a.pue).toBe(1.2);
    expect(a.usdPerGpuHour).toBe(1.85);
    expect(a.kvCachePrecision).toBe('fp8');
    expect(a.opsUsdPerMonth).toBe(0);
  });

  it.each([
    ['pue', 0.9],
    ['gpuMemoryUtilization', 0],
    ['gpuMemoryUtilization', 1.2],
    ['targetUtilization', 0],
    ['realisationFactor', -0.1],
    ['bandwidthEfficiency', Number.NaN],
    ['electricityUsdPerKwh', -1],
    ['maxTensorParallel', 2.5],
    ['maxConcurrentSequences', 0],
    ['depreciationYears', 0],
    ['usdPerGpuHour', Number.POSITIVE_INFINITY],
    ['measuredOutputTokensPerSecondPerGpu', 0],
  ] as const)('rejects %s = %d with a typed error naming the field', (name, value) => {
    try {
      resolveAssumptions(h100, 'bf16', { [name]: value });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CalcInputError);
      expect((e as CalcInputError).field).toBe(`assumptions.${name}`);
    }
  });

  it('rejects unknown names and formats', () => {
    expect(() => resolveAssumptions(h100, 'bf16', { nope: 1 } as never)).toThrow(CalcInputError);
    expect(() => resolveAssumptions(h100, 'bf16', { kvCachePrecision: 'fp4' as never })).toThrow(CalcInputError);
  });
});
