import { describe, expect, it } from 'vitest';
import fit from '../../data/calibration/fit.json' with { type: 'json' };
import { CALIBRATED_EFFICIENCY, vendorClass } from './calibrated-defaults.js';

describe('calibrated defaults', () => {
  it('equal the fitted values in data/calibration/fit.json (re-run `npx tsx scripts/validate.ts` and copy them)', () => {
    expect(CALIBRATED_EFFICIENCY).toEqual(fit.parameters);
  });

  it('every efficiency is a fraction in (0, 1]', () => {
    for (const v of [
      ...Object.values(CALIBRATED_EFFICIENCY.bandwidthEfficiency),
      ...Object.values(CALIBRATED_EFFICIENCY.computeEfficiency),
    ]) {
      expect(v).toBeGreaterThan(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it.each([
    ['NVIDIA', 'nvidia'],
    ['AMD', 'amd'],
    ['Google', 'google'],
    ['Intel', 'other'],
  ] as const)('vendorClass(%s) = %s', (vendor, cls) => {
    expect(vendorClass(vendor)).toBe(cls);
  });
});
