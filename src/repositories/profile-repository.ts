import { type FieldChange, fieldChanges, ownFields } from '../audit/changes.js';
import { startOfAsOf } from '../audit/dates.js';
import { type EntityKind, record, type WriteContext } from '../audit/record.js';
import { type Database, inTransaction, type Tx } from '../db/database.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.js';

/**
 * The one Prisma boundary for profiles. A repository takes plain domain objects in and returns
 * them out (dates as ISO strings); Prisma types stay inside this folder.
 *
 * Writes use optimistic concurrency: every row has a `version`, each write increments it, and a
 * write conditioned on a version (If-Match) that no longer matches fails with 412. Two writers
 * racing on the same row never silently overwrite each other: the loser gets 409.
 *
 * Every write runs in one transaction with the change-log row that records it (src/audit):
 * who, when, which fields changed (old → new) and the record after the write. Deletes are soft
 * (`deletedAt`): a deleted profile is absent from reads and lists until it is restored.
 */

/** The subset of a Prisma model delegate the repository uses. */
export interface ProfileDelegate {
  findMany(args: { where?: object; orderBy?: object; skip?: number; take?: number }): Promise<object[]>;
  findUnique(args: { where: { id: string } }): Promise<object | null>;
  create(args: { data: object }): Promise<object>;
  createMany(args: { data: object[] }): Promise<{ count: number }>;
  updateMany(args: { where: object; data: object }): Promise<{ count: number }>;
}

export type ProfileModel = 'hardware' | 'model' | 'apiOffering';

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

/** Options of a write: how it dates its value, and whether it joins a caller's transaction. */
export interface ValueDating {
  /**
   * When the new value became valid, e.g. a dated price change's start date. Used only when it is
   * later than the profile's previous revision; otherwise the write time (docs/catalog.md).
   */
  effectiveAt?: Date;
  /** Run inside this transaction (a price sync applies all its writes in one) instead of a new one. */
  tx?: Tx;
}

export interface ProfileRepository<T extends StoredMeta> {
  readonly kind: string;
  readonly entityKind: EntityKind;
  /** Live (not deleted) records, ordered by id. */
  listAll(): Promise<T[]>;
  /** A live record; 404 when absent or deleted. */
  get(id: string): Promise<T>;
  find(id: string): Promise<T | null>;
  create(record: Writable<T>, ctx: WriteContext, dating?: ValueDating): Promise<T>;
  /** Every record, deleted ones included, with `deletedAt` (ISO or null). */
  listWithDeleted(): Promise<(T & { deletedAt: string | null })[]>;
  /**
   * Inserts the records whose ids are not present (deleted ones count as present, so a deletion
   * is never undone); returns how many were inserted. Each insert is recorded with its `asOf` as
   * the effective date.
   */
  insertMissing(records: Writable<T>[], ctx: WriteContext): Promise<number>;
  replace(
    id: string,
    record: Omit<Writable<T>, 'id'>,
    expectedVersion: number | undefined,
    ctx: WriteContext,
    dating?: ValueDating,
  ): Promise<T>;
  /** Soft delete. */
  delete(id: string, expectedVersion: number | undefined, ctx: WriteContext): Promise<void>;
  /** Undoes a soft delete; 404 when absent, 409 when not deleted. */
  restore(id: string, ctx: WriteContext): Promise<T>;
}

type Row = Record<string, unknown> & { id: string; version: number; deletedAt: Date | null };

function toDomain<T>(row: object): T {
  const { deletedAt: _deleted, ...r } = row as Record<string, unknown>;
  return {
    ...r,
    createdAt: (r.createdAt as Date).toISOString(),
    updatedAt: (r.updatedAt as Date).toISOString(),
  } as T;
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

/** The effective date of a write: `wanted` when later than the previous revision's, else the write time. */
async function effectiveDate(tx: Tx, entityKind: EntityKind, id: string, at: Date, wanted: Date | undefined): Promise<Date> {
  if (!wanted) return at;
  const last = await tx.changeRecord.findFirst({
    where: { entityKind, entityId: id },
    orderBy: { id: 'desc' },
    select: { effectiveAt: true },
  });
  return !last || wanted.getTime() > last.effectiveAt.getTime() ? wanted : at;
}

export function createProfileRepository<T extends StoredMeta>(
  kind: string,
  entityKind: EntityKind,
  model: ProfileModel,
  db: Pick<Database, 'prisma'>,
): ProfileRepository<T> {
  const delegateOf = (client: Tx | Database['prisma']) => client[model] as unknown as ProfileDelegate;
  const rows = delegateOf(db.prisma);

  async function findRow(client: Tx | Database['prisma'], id: string): Promise<Row | null> {
    return (await delegateOf(client).findUnique({ where: { id } })) as Row | null;
  }

  function notFound(id: string, row: Row | null): NotFoundError {
    const err = new NotFoundError(kind, id);
    if (row?.deletedAt) {
      err.message = `The ${kind} '${id}' was deleted at ${row.deletedAt.toISOString()}; POST its /restore path to restore it.`;
    }
    return err;
  }

  async function liveRow(client: Tx | Database['prisma'], id: string): Promise<Row> {
    const row = await findRow(client, id);
    if (!row || row.deletedAt) throw notFound(id, row);
    return row;
  }

  function checkVersion(current: Row, expectedVersion: number | undefined): void {
    if (expectedVersion !== undefined && current.version !== expectedVersion) {
      throw new PreconditionFailedError(
        `The ${kind} '${current.id}' is at version ${current.version}, not ${expectedVersion}; fetch it again and retry.`,
      );
    }
  }

  const within = <R>(tx: Tx | undefined, fn: (tx: Tx) => Promise<R>) => (tx ? fn(tx) : inTransaction(db, fn));

  const lost = (id: string) => new ConflictError(`The ${kind} '${id}' was changed by another request; fetch it again and retry.`);

  /** Conditional update of a row at `current.version`, then the change-log row; 409 when the row moved. */
  async function update(
    tx: Tx,
    current: Row,
    data: Record<string, unknown>,
    ctx: WriteContext,
    action: 'update' | 'delete' | 'restore',
    changes: FieldChange[],
    effectiveAt: Date,
  ): Promise<Row> {
    const { count } = await delegateOf(tx).updateMany({
      where: { id: current.id, version: current.version },
      data: { ...data, version: current.version + 1 },
    });
    if (count === 0) throw lost(current.id);
    const saved = (await findRow(tx, current.id)) as Row;
    const own = ownFields(saved);
    await record(tx, ctx, {
      entityKind,
      entityId: current.id,
      action,
      version: saved.version,
      changes,
      record: own,
      source: own.source as string,
      valueAsOf: own.asOf as string,
      effectiveAt,
    });
    return saved;
  }

  return {
    kind,
    entityKind,

    async find(id) {
      const row = await findRow(db.prisma, id);
      return row && !row.deletedAt ? toDomain<T>(row) : null;
    },

    async get(id) {
      return toDomain<T>(await liveRow(db.prisma, id));
    },

    async listAll() {
      const found = await rows.findMany({ where: { deletedAt: null }, orderBy: { id: 'asc' } });
      return found.map((r) => toDomain<T>(r));
    },

    async listWithDeleted() {
      const found = (await rows.findMany({ orderBy: { id: 'asc' } })) as Row[];
      return found.map((r) => ({ ...toDomain<T>(r), deletedAt: r.deletedAt ? r.deletedAt.toISOString() : null }));
    },

    async create(data, ctx, dating = {}) {
      try {
        return await within(dating.tx, async (tx) => {
          const created = (await delegateOf(tx).create({ data: { ...data, createdAt: ctx.at, updatedAt: ctx.at } })) as Row;
          const own = ownFields(created);
          await record(tx, ctx, {
            entityKind,
            entityId: created.id,
            action: 'create',
            version: created.version,
            changes: fieldChanges(null, own),
            record: own,
            source: own.source as string,
            valueAsOf: own.asOf as string,
            effectiveAt: await effectiveDate(tx, entityKind, created.id, ctx.at, dating.effectiveAt),
          });
          return toDomain<T>(created);
        });
      } catch (err) {
        if (isUniqueViolation(err)) {
          const existing = await findRow(db.prisma, data.id);
          const hint = existing?.deletedAt ? ` It was deleted; POST ${data.id}/restore to restore it.` : '';
          throw new ConflictError(`A ${kind} with id '${data.id}' already exists.${hint}`, [
            { field: 'id', message: `'${data.id}' is taken` },
          ]);
        }
        throw err;
      }
    },

    async insertMissing(records, ctx) {
      return inTransaction(db, async (tx) => {
        const existing = new Set(((await delegateOf(tx).findMany({})) as { id: string }[]).map((r) => r.id));
        const fresh = records.filter((r) => !existing.has(r.id));
        if (fresh.length === 0) return 0;
        const { count } = await delegateOf(tx).createMany({ data: fresh.map((r) => ({ ...r, createdAt: ctx.at, updatedAt: ctx.at })) });
        for (const r of fresh) {
          const own = ownFields(r);
          await record(tx, ctx, {
            entityKind,
            entityId: r.id,
            action: 'create',
            version: 1,
            changes: fieldChanges(null, own),
            record: own,
            source: own.source as string,
            valueAsOf: own.asOf as string,
            // Reference data is a dated observation: it has been valid since its source's date.
            effectiveAt: startOfAsOf(own.asOf as string),
          });
        }
        return count;
      });
    },

    async replace(id, data, expectedVersion, ctx, dating = {}) {
      const saved = await within(dating.tx, async (tx) => {
        const current = await liveRow(tx, id);
        checkVersion(current, expectedVersion);
        const next = { ...data, id };
        const changes = fieldChanges(ownFields(current), ownFields(next));
        const effectiveAt = await effectiveDate(tx, entityKind, id, ctx.at, dating.effectiveAt);
        return update(tx, current, { ...next, updatedAt: ctx.at }, ctx, 'update', changes, effectiveAt);
      });
      return toDomain<T>(saved);
    },

    async delete(id, expectedVersion, ctx) {
      await inTransaction(db, async (tx) => {
        const current = await liveRow(tx, id);
        checkVersion(current, expectedVersion);
        const changes: FieldChange[] = [{ field: 'deletedAt', old: null, new: ctx.at.toISOString() }];
        await update(tx, current, { deletedAt: ctx.at, updatedAt: ctx.at }, ctx, 'delete', changes, ctx.at);
      });
    },

    async restore(id, ctx) {
      const saved = await inTransaction(db, async (tx) => {
        const current = await findRow(tx, id);
        if (!current) throw new NotFoundError(kind, id);
        if (!current.deletedAt) throw new ConflictError(`The ${kind} '${id}' is not deleted; there is nothing to restore.`);
        const changes: FieldChange[] = [{ field: 'deletedAt', old: current.deletedAt.toISOString(), new: null }];
        return update(tx, current, { deletedAt: null, updatedAt: ctx.at }, ctx, 'restore', changes, ctx.at);
      });
      return toDomain<T>(saved);
    },
  };
}
