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

describe('toAppError for a database that cannot be used', () => {
  it('answers 503 with Retry-After, hiding the driver message (was 500)', () => {
    const err = Object.assign(new Error("\nInvalid `client.scenario.create()` invocation\nCan't reach database server at 127.0.0.1:5432"), {
      name: 'PrismaClientKnownRequestError',
      code: 'P1001',
    });
    const problem = toAppError(err);
    expect(problem.status).toBe(503);
    expect(problem.title).toBe('Service unavailable');
    expect(problem.headers).toEqual({ 'retry-after': '2' });
    expect(problem.message).not.toMatch(/127\.0\.0\.1|Invalid/);
    expect(toAppError(new Error('Connection terminated unexpectedly')).status).toBe(503);
  });

  it('answers 503 when a transaction outlived its timeout: Prisma rolled it back, nothing was written (was 500)', () => {
    // The error a 1,000-item POST /batch-jobs got on PostgreSQL while another session locked BatchJobItem.
    const err = Object.assign(
      new Error(
        '\nInvalid `prisma.batchJobItem.createMany()` invocation:\n\n\nTransaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 30000 ms, however 38898 ms passed since the start of the transaction.',
      ),
      { name: 'PrismaClientKnownRequestError', code: 'P2028', meta: { modelName: 'BatchJobItem', timeout: 30000, timeTaken: 38898 } },
    );
    const problem = toAppError(err);
    expect(problem.status).toBe(503);
    expect(problem.headers).toEqual({ 'retry-after': '2' });
    expect(problem.message).toBe('The database is unavailable or too busy; the request was not carried out. Retry later.');
  });

  it('leaves other server errors at 500', () => {
    const unique = Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code: 'P2002' });
    expect(toAppError(unique).status).toBe(500);
    expect(toAppError(new Error('boom')).status).toBe(500);
  });
});
