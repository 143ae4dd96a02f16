import { describe, expect, it } from 'vitest';
import { CalcInputError } from './errors.js';
import { moeArchitectureMultiplier, projectCostPerMtok } from './projection.js';

describe('projectCostPerMtok', () => {
  // The analysis: 10x hardware × 5–7x architecture = 50–70x nominal; at 30x realised,
  // $5–15/Mtok falls to about $0.17–0.50/Mtok.
  const p = projectCostPerMtok({
    baselineUsdPerMtok: { low: 5, high: 15 },
    hardware: { low: 10, high: 10 },
    architecture: { low: 5, high: 7 },
  });

  it('nominal: 10 × 5 = 50 to 10 × 7 = 70', () => {
    expect(p.nominalMultiplier).toEqual({ low: 50, high: 70 });
  });

  it('realised: hardware 10 × 0.5 = 5; architecture × 1; 25–35, central 30', () => {
    expect(p.hardwareRealisation).toBe(0.5);
    expect(p.architectureRealisation).toBe(1);
    expect(p.realisedMultiplier).toEqual({ low: 25, high: 35, central: 30 });
  });

  it('$5–15 ÷ 30 = $0.1667–0.50 per Mtok; widest $5 ÷ 35 to $15 ÷ 25', () => {
    expect(p.projectedAtCentralUsdPerMtok.low).toBeCloseTo(0.1667, 4);
    expect(p.projectedAtCentralUsdPerMtok.high).toBe(0.5);
    expect(p.projectedRangeUsdPerMtok.low).toBeCloseTo(5 / 35, 12);
    expect(p.projectedRangeUsdPerMtok.high).toBeCloseTo(0.6, 12);
  });

  it('shows the arithmetic', () => {
    expect(p.steps).toEqual([
      'Nominal: hardware 10x × architecture 5x–7x = 50x–70x',
      'Realised hardware: 10x × 0.5 = 5x',
      'Realised architecture: 5x–7x × 1 = 5x–7x',
      'Realised combined: 5x × 5x–7x = 25x–35x; central 30x',
      'At 30x realised, $5–$15/Mtok falls to $0.167–$0.5/Mtok',
      'Widest range: $5 ÷ 35 = $0.143 to $15 ÷ 25 = $0.6 per Mtok',
    ]);
  });

  it('explicit realisations override the defaults', () => {
    const q = projectCostPerMtok({
      baselineUsdPerMtok: { low: 1, high: 1 },
      hardware: { low: 10, high: 10, realisation: 1 },
      architecture: { low: 6.5, high: 6.5, realisation: 0.5 },
    });
    expect(q.realisedMultiplier.central).toBe(32.5);
  });

  it('rejects bad ranges and realisations', () => {
    const ok = { baselineUsdPerMtok: { low: 5, high: 15 }, hardware: { low: 10, high: 10 }, architecture: { low: 5, high: 7 } };
    expect(() => projectCostPerMtok({ ...ok, architecture: { low: 7, high: 5 } })).toThrow(CalcInputError);
    expect(() => projectCostPerMtok({ ...ok, hardware: { low: 10, high: 10, realisation: 1.5 } })).toThrow(CalcInputError);
    expect(() => projectCostPerMtok({ ...ok, baselineUsdPerMtok: { low: -1, high: 15 } })).toThrow(CalcInputError);
  });
});

describe('moeArchitectureMultiplier', () => {
  it('Gemma 4 26B with 4B active: 26 ÷ 4 = 6.5x', () => {
    expect(moeArchitectureMultiplier(26, 4)).toBe(6.5);
  });
  it('rejects active > total', () => {
    expect(() => moeArchitectureMultiplier(4, 26)).toThrow(CalcInputError);
  });
});
