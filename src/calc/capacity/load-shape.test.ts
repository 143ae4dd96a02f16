import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalcInputError } from '../errors.js';
import { normalizeHourlyWeights, peakToAverageOf, resolveLoadShape, shapeFromPeakToAverage } from './load-shape.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('shapeFromPeakToAverage', () => {
  it('p = 2: 8 business hours at 2, the other 16 at (24 − 16) / 16 = 0.5', () => {
    const s = shapeFromPeakToAverage(2);
    expect(s.slice(9, 17)).toEqual(Array(8).fill(2));
    expect(s[8]).toBe(0.5);
    expect(s[17]).toBe(0.5);
  });

  it('p = 3: 8 hours at 3, nothing else (24 − 24 = 0)', () => {
    expect(shapeFromPeakToAverage(3).filter((w) => w > 0)).toEqual(Array(8).fill(3));
  });

  it('p = 5: floor(24 / 5) = 4 hours at 5 (09–12), 13:00 carries 24 − 20 = 4', () => {
    const s = shapeFromPeakToAverage(5);
    expect(s.slice(9, 13)).toEqual([5, 5, 5, 5]);
    expect(s[13]).toBe(4);
    expect(s.filter((w) => w > 0)).toHaveLength(5);
  });

  it('above 24 all traffic falls in one hour (hourly resolution)', () => {
    const s = shapeFromPeakToAverage(100);
    expect(s[9]).toBe(24);
    expect(s.filter((w) => w > 0)).toHaveLength(1);
  });

  it('mean 1 and peak p for every p up to 24 (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 24, noNaN: true }), (p) => {
        const s = shapeFromPeakToAverage(p);
        expect(mean(s)).toBeCloseTo(1, 12);
        expect(Math.max(...s) / p).toBeCloseTo(1, 12);
        expect(Math.min(...s)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('rejects a ratio below 1', () => {
    expect(() => shapeFromPeakToAverage(0.5)).toThrow(/workload.peakToAverage/);
  });
});

describe('hourly weights', () => {
  it('normalise to mean 1 and give their peak-to-average', () => {
    const w = [...Array(12).fill(1), ...Array(12).fill(3)];
    expect(normalizeHourlyWeights(w)).toEqual([...Array(12).fill(0.5), ...Array(12).fill(1.5)]);
    expect(peakToAverageOf(w)).toBe(1.5);
    expect(resolveLoadShape(w, 7)).toEqual(normalizeHourlyWeights(w));
  });

  it('name the bad field', () => {
    expect(() => normalizeHourlyWeights([1, 2])).toThrow(CalcInputError);
    expect(() => normalizeHourlyWeights(Array(24).fill(0))).toThrow(/workload.hourlyLoad/);
    expect(() => normalizeHourlyWeights([-1, ...Array(23).fill(1)])).toThrow(/workload.hourlyLoad.0/);
  });
});
