import { randomUUID } from 'node:crypto';
import { fieldChanges } from '../audit/changes.js';
import { record, type WriteContext } from '../audit/record.js';
import type { Scope } from '../auth/actor.js';
import { type Database, inTransaction } from '../db/database.js';
import { NotFoundError } from '../errors.js';

/** An API key as the service shows it: never its secret, nor the secret's hash. */
export interface ApiKey {
  id: string;
  name: string;
  scopes: Scope[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A key with the hash of its secret, for authentication only. */
export interface StoredApiKey extends ApiKey {
  secretHash: string;
}

export interface ApiKeyRepository {
  /** Stores a key given the hash of its secret; the id is generated. */
  create(data: { name: string; scopes: Scope[]; secretHash: string }, ctx?: WriteContext): Promise<ApiKey>;
  /** The key whose secret has this hash, revoked or not; null when none. */
  findByHash(secretHash: string): Promise<StoredApiKey | null>;
  list(query: { limit: number; offset: number }): Promise<{ items: ApiKey[]; total: number; limit: number; offset: number }>;
  /** Marks the key revoked (idempotent: an already revoked key keeps its first revocation time). */
  revoke(id: string, ctx?: WriteContext): Promise<ApiKey>;
  /** Revokes every live key of that name except the one with `keepHash`; returns how many. */
  revokeNamedExcept(name: string, keepHash: string): Promise<number>;
  /** Records a use of the key. */
  touch(id: string, at: Date): Promise<void>;
  /** How many keys were ever created (revoked ones included). */
  count(): Promise<number>;
}

type Row = {
  id: string;
  name: string;
  secretHash: string;
  scopes: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function toPublic(row: Row): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes.split(' ').filter((s) => s !== '') as Scope[],
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

/** What the change log keeps of a key: never its secret or the secret's hash. */
const audited = (k: ApiKey) => ({ id: k.id, name: k.name, scopes: k.scopes, revokedAt: k.revokedAt });

export function createApiKeyRepository(db: Database): ApiKeyRepository {
  const keys = db.prisma.apiKey;
  return {
    async create({ name, scopes, secretHash }, ctx) {
      const data = { id: randomUUID(), name, scopes: scopes.join(' '), secretHash };
      if (!ctx) return toPublic(await keys.create({ data }));
      // Recorded in the change log in the same transaction (src/audit).
      return inTransaction(db, async (tx) => {
        const key = toPublic(await tx.apiKey.create({ data: { ...data, createdAt: ctx.at } }));
        const own = audited(key);
        await record(tx, ctx, {
          entityKind: 'key',
          entityId: key.id,
          action: 'create',
          version: null,
          changes: fieldChanges(null, own),
          record: own,
        });
        return key;
      });
    },
    async findByHash(secretHash) {
      const row = await keys.findUnique({ where: { secretHash } });
      return row ? { ...toPublic(row), secretHash: row.secretHash } : null;
    },
    async list({ limit, offset }) {
      const [rows, total] = await Promise.all([
        keys.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: offset, take: limit }),
        keys.count(),
      ]);
      return { items: rows.map(toPublic), total, limit, offset };
    },
    async revoke(id, ctx) {
      if (!ctx) {
        await keys.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
        const row = await keys.findUnique({ where: { id } });
        if (!row) throw new NotFoundError('API key', id);
        return toPublic(row);
      }
      return inTransaction(db, async (tx) => {
        const before = await tx.apiKey.findUnique({ where: { id } });
        if (!before) throw new NotFoundError('API key', id);
        const { count } = await tx.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: ctx.at } });
        const key = toPublic((await tx.apiKey.findUnique({ where: { id } })) as Row);
        // Revoking twice changes nothing, so records nothing.
        if (count > 0) {
          const own = audited(key);
          await record(tx, ctx, {
            entityKind: 'key',
            entityId: id,
            action: 'delete',
            version: null,
            changes: fieldChanges(audited(toPublic(before)), own),
            record: own,
          });
        }
        return key;
      });
    },
    async revokeNamedExcept(name, keepHash) {
      const { count } = await keys.updateMany({
        where: { name, revokedAt: null, secretHash: { not: keepHash } },
        data: { revokedAt: new Date() },
      });
      return count;
    },
    async touch(id, at) {
      await keys.updateMany({ where: { id }, data: { lastUsedAt: at } });
    },
    count: () => keys.count(),
  };
}
