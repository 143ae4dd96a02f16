import type { Database } from '../db/database.js';

/** A response stored under an `Idempotency-Key` (src/auth/idempotency.ts). */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyEntry =
  | { state: 'in-flight'; fingerprint: string; expiresAt: Date }
  | { state: 'done'; fingerprint: string; expiresAt: Date; response: StoredResponse };

export interface IdempotencyRepository {
  /**
   * Claims (owner, key) for a first request; true when claimed. False when an entry exists that
   * has not expired; an expired one is replaced.
   */
  claim(owner: string, key: string, fingerprint: string, expiresAt: Date, now: Date): Promise<boolean>;
  find(owner: string, key: string): Promise<IdempotencyEntry | null>;
  /** Stores the response of the claimed request, replayed until `expiresAt`. */
  complete(owner: string, key: string, response: StoredResponse, expiresAt: Date): Promise<void>;
  /** Drops a claim whose request failed, so that the client may retry with the same key. */
  release(owner: string, key: string): Promise<void>;
  /** Deletes entries that expired before `now`; returns how many. */
  purgeExpired(now: Date): Promise<number>;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

export function createIdempotencyRepository(db: Database): IdempotencyRepository {
  const records = db.prisma.idempotencyRecord;
  const id = (ownerKey: string, key: string) => ({ ownerKey_key: { ownerKey, key } });
  return {
    async claim(ownerKey, key, fingerprint, expiresAt, now) {
      // An expired entry no longer holds the key; removing it first lets the insert below decide.
      await records.deleteMany({ where: { ownerKey, key, expiresAt: { lt: now } } });
      try {
        await records.create({ data: { ownerKey, key, fingerprint, state: 'in-flight', expiresAt } });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },
    async find(ownerKey, key) {
      const row = await records.findUnique({ where: id(ownerKey, key) });
      if (!row) return null;
      if (row.state === 'done' && row.status !== null) {
        return {
          state: 'done',
          fingerprint: row.fingerprint,
          expiresAt: row.expiresAt,
          response: { status: row.status, headers: JSON.parse(row.headers ?? '{}') as Record<string, string>, body: row.body ?? '' },
        };
      }
      return { state: 'in-flight', fingerprint: row.fingerprint, expiresAt: row.expiresAt };
    },
    async complete(ownerKey, key, response, expiresAt) {
      await records.updateMany({
        where: { ownerKey, key, state: 'in-flight' },
        data: { state: 'done', status: response.status, headers: JSON.stringify(response.headers), body: response.body, expiresAt },
      });
    },
    async release(ownerKey, key) {
      await records.deleteMany({ where: { ownerKey, key, state: 'in-flight' } });
    },
    async purgeExpired(now) {
      const { count } = await records.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
  };
}
