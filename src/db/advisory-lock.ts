import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * PostgreSQL advisory locks coordinate the instances that share one database (migrations and
 * reference data at start-up). A lock is named; its key is the first 8 bytes of the SHA-256 of
 * `breakeven:<name>`, as a signed 64-bit integer in text (PostgreSQL's bigint).
 *
 * @example advisoryLockKey('migrations') // the same key in every process, e.g. '-3120599574352440063'
 */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(`breakeven:${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `fn` while holding the session-level advisory lock `name` on a connection of `pool`,
 * waiting for any other holder first. `fn` may use other connections; the lock is released when
 * it settles, or by the server if this process dies.
 */
export async function withAdvisoryLock<T>(pool: pg.Pool, name: string, fn: () => Promise<T>): Promise<T> {
  const key = advisoryLockKey(name);
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key]);
  } catch (err) {
    client.release(true);
    throw err;
  }
  try {
    return await fn();
  } finally {
    // Closing the connection (release(true)) also releases the lock should the unlock fail.
    await client.query('SELECT pg_advisory_unlock($1)', [key]).then(
      () => client.release(),
      () => client.release(true),
    );
  }
}
