import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.js';

/** Error shapes as logged by the service while PostgreSQL was stopped and restarted (test/durability-postgres-stop.test.ts). */
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error('x'), { name: 'DriverAdapterError', cause });
const prismaKnown = (code: string, driverAdapterError?: unknown, message = '') =>
  Object.assign(new Error(`\nInvalid \`client.scenario.findFirst()\` invocation${message}`), {
    name: 'PrismaClientKnownRequestError',
    code,
    meta: { modelName: 'Scenario', driverAdapterError },
  });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['P1001 cannot reach the server', prismaKnown('P1001', adapterError({ kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5432 }))],
    ['P1017 the server closed the connection', prismaKnown('P1017')],
    ['P2024 no pooled connection in time', prismaKnown('P2024')],
    [
      // As logged on PostgreSQL: a batch job's items inserted while another session held a lock on the table.
      'P2028 a transaction that outlived its timeout',
      prismaKnown(
        'P2028',
        undefined,
        '\n\nTransaction API error: A query cannot be executed on an expired transaction. The timeout for this transaction was 30000 ms, however 38898 ms passed since the start of the transaction.',
      ),
    ],
    [
      'P2028 no transaction within maxWait',
      prismaKnown('P2028', undefined, '\n\nTransaction API error: Unable to start a transaction in the given time.'),
    ],
    ['node-postgres: connection ended under a query', new Error('Connection terminated unexpectedly')],
    ['node-postgres: a broken client reused', new Error('Client has encountered a connection error and is not queryable')],
    [
      '57P03 the database system is starting up',
      adapterError({ kind: 'postgres', code: '57P03', severity: 'FATAL', message: 'the database system is starting up' }),
    ],
    ['57P01 terminating connection due to administrator command', adapterError({ kind: 'postgres', code: '57P01', severity: 'FATAL' })],
    ['08006 connection failure', adapterError({ kind: 'postgres', code: '08006', severity: 'FATAL' })],
    ['ConnectionClosed kind', adapterError({ kind: 'ConnectionClosed' })],
    [
      'a socket errno',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' }),
    ],
    ['wrapped as a cause', new Error('outer', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s: unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['P2002 unique violation', prismaKnown('P2002', adapterError({ kind: 'UniqueConstraintViolation', constraint: { fields: ['id'] } }))],
    ['P2025 record not found', prismaKnown('P2025')],
    [
      'P2028 transaction misuse (a bug, not a busy database)',
      prismaKnown(
        'P2028',
        undefined,
        '\n\nTransaction API error: Transaction already closed: A commit cannot be executed on a committed transaction.',
      ),
    ],
    ['23505 from the driver', adapterError({ kind: 'postgres', code: '23505', severity: 'ERROR' })],
    ['57014 statement cancelled (a failed query, not an outage)', adapterError({ kind: 'postgres', code: '57014', severity: 'ERROR' })],
    ['an ordinary error', new Error('boom')],
    ['not an error', 'Connection terminated unexpectedly'],
    ['null', null],
  ])('%s: not unavailable', (_name, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  it('terminates on a cause cycle', () => {
    const a = new Error('a') as Error & { cause?: unknown };
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
