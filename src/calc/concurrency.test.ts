import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { largestMeeting } from './concurrency.js';

describe('largestMeeting', () => {
  it.each([
    [256, 31, 31],
    [256, 0, null],
    [256, 1, 1],
    [256, 256, 256],
    [256, 10_000, 256],
    [1, 1, 1],
  ])('upper %d, threshold %d → %j', (upper, threshold, expected) => {
    expect(largestMeeting(upper, (n) => n <= threshold)).toBe(expected);
  });

  it('finds the boundary of any monotone predicate in at most ⌈log2(upper)⌉ + 2 evaluations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 120_000 }), (upper, threshold) => {
        let calls = 0;
        const found = largestMeeting(upper, (n) => {
          calls++;
          return n <= threshold;
        });
        expect(found).toBe(threshold < 1 ? null : Math.min(upper, threshold));
        expect(calls).toBeLessThanOrEqual(Math.ceil(Math.log2(upper)) + 2);
      }),
    );
  });
});
