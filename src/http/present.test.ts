import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { present, roundForDisplay, SIGNIFICANT_DIGITS } from './present.js';

describe('roundForDisplay', () => {
  it.each([
    [0.1 + 0.2, 0.3],
    [16817.7, 16817.7],
    [3.268750000000001, 3.26875],
    [1 / 3, 0.333333333333],
    [2 / 3, 0.666666666667],
    [123456789.12345, 123456789.123],
    [1e-7 / 3, 3.33333333333e-8],
    [5, 5],
    [-2.5000000000000004, -2.5],
  ])('%d → %d', (x, expected) => {
    expect(roundForDisplay(x)).toBe(expected);
  });

  it('turns non-finite numbers into null', () => {
    expect(roundForDisplay(Number.NaN)).toBeNull();
    expect(roundForDisplay(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('keeps 12 significant digits: within half a unit of the 12th digit of the input', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e15, noNaN: true }), fc.boolean(), (magnitude, negative) => {
        const x = negative ? -magnitude : magnitude;
        const r = roundForDisplay(x) as number;
        const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - SIGNIFICANT_DIGITS + 1);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(unit * 0.5000001 + Math.abs(x) * 1e-15);
        expect(r).toBe(roundForDisplay(r));
      }),
    );
  });
});

describe('present', () => {
  it('rounds every number of a nested value and copies it', () => {
    const input = { a: 0.1 + 0.2, b: [1 / 3, { c: Number.NaN }], d: 'text', e: null };
    const out = present(input);
    expect(out).toEqual({ a: 0.3, b: [0.333333333333, { c: null }], d: 'text', e: null });
    expect(input.a).not.toBe(0.3);
  });
});
