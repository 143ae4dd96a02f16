import { randomUUID } from 'node:crypto';
import type { Scope } from '../auth/actor.js';
import type { Database } from '../db/database.js';
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
  create(data: { name: string; scopes: Scope[]; secretHash: string }): Promise<ApiKey>;
  /** The key whose secret has this hash, revoked or not; null when none. */
  findByHash(secretHash: string): Promise<StoredApiKey | null>;
  list(query: { limit: number; offset: number }): Promise<{ items: ApiKey[]; total: number; limit: number; offset: number }>;
  /** Marks the key revoked (idempotent: an already revoked key keeps its first revocation time). */
  revoke(id: string): Promise<ApiKey>;
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

export function createApiKeyRepository(db: Database): ApiKeyRepository {
  const keys = db.prisma.apiKey;
  return {
    async create({ name, scopes, secretHash }) {
      return toPublic(await keys.create({ data: { id: randomUUID(), name, scopes: scopes.join(' '), secretHash } }));
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
    async revoke(id) {
      await keys.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
      const row = await keys.findUnique({ where: { id } });
      if (!row) throw new NotFoundError('API key', id);
      return toPublic(row);
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
