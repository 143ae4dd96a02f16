import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictError, PreconditionFailedError } from '../errors.js';

/**
 * The one policy for version-checked writes (PUT, PATCH, DELETE of profiles and scenarios), the
 * same on SQLite and PostgreSQL:
 * - with `If-Match` (`expected` given) the write runs once; a stale version — found when the record
 *   is read, or a race lost between read and write (the repositories' 409) — is a 412: the
 *   client's precondition failed;
 * - without `If-Match` the write is last-writer-wins: `write(undefined)` reads the current record
 *   and writes conditionally on the version it read; when another write got in between (412 or
 *   409 from the repository) it is run again from a fresh read, so a request that set no
 *   precondition never gets 412, and 409 only after `MAX_ATTEMPTS` lost races in a row.
 *
 * SQLite runs one transaction at a time, so there a race is never lost; PostgreSQL runs them
 * concurrently (read committed) and the loser's conditional UPDATE matches no row.
 */
export const MAX_ATTEMPTS = 100;

export async function conditionalWrite<T>(expected: number | undefined, write: (expected: number | undefined) => Promise<T>): Promise<T> {
  if (expected !== undefined) {
    try {
      return await write(expected);
    } catch (err) {
      if (err instanceof ConflictError) throw new PreconditionFailedError(`${err.message} (If-Match: "${expected}")`);
      throw err;
    }
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await write(undefined);
    } catch (err) {
      const lostRace = err instanceof ConflictError || err instanceof PreconditionFailedError;
      if (!lostRace || attempt >= MAX_ATTEMPTS) {
        if (err instanceof PreconditionFailedError) throw new ConflictError(err.message);
        throw err;
      }
      // A short random pause spreads the retries of writers that lost to the same winner.
      await sleep(Math.random() * Math.min(50, attempt * 2));
    }
  }
}
