import { describe, expect, it } from 'vitest';
import { CalcInputError } from './errors.js';
import { mergeWarnings, warning } from './warnings.js';

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
});
