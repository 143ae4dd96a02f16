import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalcInputError } from './errors.js';
import { type CalcWarning, mergeWarnings, WARNING_CODES, warning } from './warnings.js';

describe('CalcInputError', () => {
  it('carries the field and a message naming it', () => {
    const e = new CalcInputError('workload.outputTokensPerMonth', 'must be greater than 0');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('CalcInputError');
    expect(e.field).toBe('workload.outputTokensPerMonth');
    expect(e.message).toBe('workload.outputTokensPerMonth: must be greater than 0');
  });
});

describe('mergeWarnings', () => {
  it('keeps first-seen order and drops exact duplicates', () => {
    const a = warning('does-not-fit', 'x');
    const b = warning('no-ops-cost', 'y');
    expect(mergeWarnings([a, b], [a, warning('does-not-fit', 'z')])).toEqual([a, b, warning('does-not-fit', 'z')]);
  });

  it('gives the same lists for few warnings (compared one by one) and many (by key), copies and equal values alike', () => {
    const pool = fc
      .record({ code: fc.constantFrom(...WARNING_CODES.slice(0, 3)), message: fc.constantFrom('x', 'y', 'x y') })
      .map(({ code, message }) => warning(code, message));
    const reference = (lists: CalcWarning[][]) => {
      const out: CalcWarning[] = [];
      for (const w of lists.flat()) if (!out.some((o) => o.code === w.code && o.message === w.message)) out.push(w);
      return out;
    };
    fc.assert(
      fc.property(fc.array(fc.array(pool, { maxLength: 12 }), { maxLength: 4 }), (lists) => {
        const merged = mergeWarnings(...lists);
        const want = reference(lists);
        expect(merged).toHaveLength(want.length);
        for (const [i, w] of merged.entries()) expect(w).toBe(want[i]);
      }),
    );
  });
});
