import { describe, expect, it } from 'vitest';
import { CalcInputError } from '../calc/errors.js';
import { toAppError } from './problem.js';

describe('toAppError', () => {
  it('maps an engine error that no service mapped (curves, sensitivity, charts) to a 422 naming the engine field, never a 500', () => {
    const problem = toAppError(new CalcInputError('tokensPerMonth[0]', 'must be greater than 0, got 5e-324'));
    expect(problem.status).toBe(422);
    expect(problem.title).toBe('Unprocessable request');
    expect(problem.errors).toEqual([{ field: 'tokensPerMonth[0]', message: 'must be greater than 0, got 5e-324' }]);
  });

  it('keeps other unexpected errors a 500 that hides internals', () => {
    const problem = toAppError(new RangeError('Maximum call stack size exceeded'));
    expect(problem.status).toBe(500);
    expect(problem.message).not.toContain('stack');
  });
});
