import { describe, expect, it } from 'vitest';
import { toAppError } from './problem.js';

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

  it('leaves other server errors at 500', () => {
    const unique = Object.assign(new Error('Unique constraint failed'), { name: 'PrismaClientKnownRequestError', code: 'P2002' });
    expect(toAppError(unique).status).toBe(500);
    expect(toAppError(new Error('boom')).status).toBe(500);
  });
});
