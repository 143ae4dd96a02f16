import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.js';

/**
 * The one Prisma boundary for profiles. A repository takes plain domain objects in and returns
 * them out (dates as ISO strings); Prisma types stay inside this folder.
 *
 * Writes use optimistic concurrency: every row has a `version`, each write increments it, and a
 * write conditioned on a version (If-Match) that no longer matches fails with 412. Two writers
 * racing on the same row never silently overwrite each other: the loser gets 409.
 */

/** The subset of a Prisma model delegate the repository uses. */
export interface ProfileDelegate {
  findMany(args: { where?: object; orderBy?: object; skip?: number; take?: number }): Promise<object[]>;
  count(args: { where?: object }): Promise<number>;
  findUnique(args: { where: { id: string } }): Promise<object | null>;
  create(args: { data: object }): Promise<object>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
  deleteMany(args: { where: object }): Promise<{ count: number }>;
}

export interface StoredMeta {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A record as written: everything but the bookkeeping fields. */
export type Writable<T> = Omit<T, 'version' | 'createdAt' | 'updatedAt'>;

export interface ProfileRepository<T extends StoredMeta> {
  readonly kind: string;
  listAll(): Promise<T[]>;
  get(id: string): Promise<T>;
  find(id: string): Promise<T | null>;
  create(record: Writable<T>): Promise<T>;
  /** Inserts the records whose ids are not present; returns how many were inserted. */
  insertMissing(records: Writable<T>[]): Promise<number>;
  replace(id: string, record: Omit<Writable<T>, 'id'>, expectedVersion?: number): Promise<T>;
  delete(id: string, expectedVersion?: number): Promise<void>;
}

function toDomain<T>(row: object): T {
  const r = row as Record<string, unknown>;
  return {
    ...r,
    createdAt: (r.createdAt as Date).toISOString(),
    updatedAt: (r.updatedAt as Date).toISOString(),
  } as T;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

export function createProfileRepository<T extends StoredMeta>(kind: string, delegate: ProfileDelegate): ProfileRepository<T> {
  async function find(id: string): Promise<T | null> {
    const row = await delegate.findUnique({ where: { id } });
    return row ? toDomain<T>(row) : null;
  }

  async function get(id: string): Promise<T> {
    const found = await find(id);
    if (!found) throw new NotFoundError(kind, id);
    return found;
  }

  function checkVersion(current: T, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `The ${kind} '${current.id}' is at version ${current.version}, not ${expectedVersion}; fetch it again and retry.`,
      );
    }
  }

  return {
    kind,
    find,
    get,

    async listAll() {
      const rows = await delegate.findMany({ orderBy: { id: 'asc' } });
      return rows.map((r) => toDomain<T>(r));
    },

    async create(record) {
      try {
        return toDomain<T>(await delegate.create({ data: record }));
      } catch (err) {
        if (isUniqueViolation(err)) {
          throw new ConflictError(`A ${kind} with id '${record.id}' already exists.`, [
            { field: 'id', message: `'${record.id}' is taken` },
          ]);
        }
        throw err;
      }
    },

    async insertMissing(records) {
      const existing = new Set(((await delegate.findMany({})) as { id: string }[]).map((r) => r.id));
      const fresh = records.filter((r) => !existing.has(r.id));
      if (fresh.length === 0) return 0;
      const { count } = await delegate.createMany({ data: fresh });
      return count;
    },

    async replace(id, record, expectedVersion) {
      const current = await get(id);
      checkVersion(current, expectedVersion);
      const { count } = await delegate.updateMany({
        where: { id, version: current.version },
        data: { ...record, id, version: current.version + 1 },
      });
      if (count === 0) {
        throw new ConflictError(`The ${kind} '${id}' was changed by another request; fetch it again and retry.`);
      }
      return get(id);
    },

    async delete(id, expectedVersion) {
      const current = await get(id);
      checkVersion(current, expectedVersion);
      const { count } = await delegate.deleteMany({ where: { id, version: current.version } });
      if (count === 0) {
        throw new ConflictError(`The ${kind} '${id}' was changed by another request; fetch it again and retry.`);
      }
    },
  };
}
