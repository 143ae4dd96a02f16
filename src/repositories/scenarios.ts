import { randomUUID } from 'node:crypto';
import { fieldChanges } from '../audit/changes.js';
import { type ChangeAction, record, type WriteContext } from '../audit/record.js';
import { type Database, inTransaction, type Tx } from '../db/database.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Page } from './profile-repository.js';

/** A saved, named comparison. `request` is a /compare body, stored as JSON text. */
export interface Scenario {
  id: string;
  name: string;
  description: string | null;
  request: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioWrite {
  name: string;
  description: string | null;
  request: Record<string, unknown>;
}

/**
 * Whose scenarios a repository view shows (docs/auth.md, "Ownership"): those of one API key
 * (`keyId`, null for scenarios written without a key), or all of them (`seesAll`, for admin keys).
 * A view creates scenarios owned by `keyId`.
 */
export interface ScenarioOwner {
  keyId: string | null;
  seesAll: boolean;
}

/** The view that sees every scenario and creates them without an owner. */
export const ALL_SCENARIOS: ScenarioOwner = Object.freeze({ keyId: null, seesAll: true });

export interface ScenarioRepository {
  /** The same repository restricted to one owner's scenarios: another owner's ids are not found. */
  ownedBy(owner: ScenarioOwner): ScenarioRepository;
  list(query: { name?: string; limit: number; offset: number }): Promise<Page<Scenario>>;
  get(id: string): Promise<Scenario>;
  create(data: ScenarioWrite, ctx: WriteContext): Promise<Scenario>;
  replace(id: string, data: ScenarioWrite, expectedVersion: number | undefined, ctx: WriteContext): Promise<Scenario>;
  delete(id: string, expectedVersion: number | undefined, ctx: WriteContext): Promise<void>;
}

type Row = { id: string; name: string; description: string | null; request: string; version: number; createdAt: Date; updatedAt: Date };

function toDomain(row: Row): Scenario {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    request: JSON.parse(row.request) as Record<string, unknown>,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** `text` as a LIKE pattern that matches it literally, with backslash as the escape character. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The columns a write sets from the domain object: `nameLower` keeps the name filter's key. */
function columns(data: ScenarioWrite) {
  return { name: data.name, nameLower: data.name.toLowerCase(), description: data.description, request: JSON.stringify(data.request) };
}

/** A scenario's own fields, as the change log keeps them. */
function ownFields(s: Scenario): Record<string, unknown> {
  return { id: s.id, name: s.name, description: s.description, request: s.request };
}

/** The change-log row of one scenario write, in the write's transaction. */
function audit(tx: Tx, ctx: WriteContext, action: ChangeAction, before: Scenario | null, after: Scenario | null, version: number) {
  const id = (after ?? before)?.id as string;
  return record(tx, ctx, {
    entityKind: 'scenario',
    entityId: id,
    action,
    version,
    changes: fieldChanges(before && ownFields(before), after && ownFields(after)),
    record: ownFields((after ?? before) as Scenario),
  });
}

export function createScenarioRepository(db: Database, owner: ScenarioOwner = ALL_SCENARIOS): ScenarioRepository {
  const scenarios = db.prisma.scenario;
  const mine = owner.seesAll ? {} : { ownerKeyId: owner.keyId };
  const mineSql = owner.seesAll
    ? Prisma.empty
    : owner.keyId === null
      ? Prisma.sql`AND "ownerKeyId" IS NULL`
      : Prisma.sql`AND "ownerKeyId" = ${owner.keyId}`;

  /**
   * One page of the scenarios whose name contains `name`, ignoring case, taking it literally.
   * Prisma's `contains` cannot express that the same way on both databases (SQLite's LIKE folds
   * ASCII only, PostgreSQL's is case-sensitive, and neither escapes `%` or `_`), so the filter is
   * portable SQL on the lower-cased `nameLower` column with an explicit ESCAPE.
   */
  async function findByName(name: string, limit: number, offset: number): Promise<{ rows: Row[]; total: number }> {
    const where = Prisma.sql`WHERE "nameLower" LIKE ${`%${likeLiteral(name.toLowerCase())}%`} ESCAPE '\\' ${mineSql}`;
    const [ids, [count]] = await Promise.all([
      db.prisma.$queryRaw<
        { id: string }[]
      >`SELECT "id" FROM "Scenario" ${where} ORDER BY "createdAt" ASC, "id" ASC LIMIT ${limit} OFFSET ${offset}`,
      db.prisma.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(*) AS "total" FROM "Scenario" ${where}`,
    ]);
    const rows = await scenarios.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { rows: ids.flatMap((r) => byId.get(r.id) ?? []), total: Number(count?.total ?? 0) };
  }

  async function get(id: string, client: Tx | Database['prisma'] = db.prisma): Promise<Scenario> {
    const row = await client.scenario.findFirst({ where: { id, ...mine } });
    if (!row) throw new NotFoundError('scenario', id);
    return toDomain(row);
  }
  function checkVersion(current: Scenario, expected: number | undefined): void {
    if (expected !== undefined && current.version !== expected) {
      throw new PreconditionFailedError(
        `The scenario '${current.id}' is at version ${current.version}, not ${expected}; fetch it again and retry.`,
      );
    }
  }
  const lost = (id: string) => new ConflictError(`The scenario '${id}' was changed by another request; fetch it again and retry.`);
  return {
    ownedBy: (other) => createScenarioRepository(db, other),
    get,
    async list({ name, limit, offset }) {
      const { rows, total } = name
        ? await findByName(name, limit, offset)
        : await Promise.all([
            scenarios.findMany({ where: mine, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: offset, take: limit }),
            scenarios.count({ where: mine }),
          ]).then(([rows, total]) => ({ rows, total }));
      return { items: rows.map(toDomain), total, limit, offset };
    },
    async create(data, ctx) {
      return inTransaction(db, async (tx) => {
        const created = toDomain(
          await tx.scenario.create({
            data: { id: randomUUID(), ownerKeyId: owner.keyId, ...columns(data), createdAt: ctx.at, updatedAt: ctx.at },
          }),
        );
        await audit(tx, ctx, 'create', null, created, created.version);
        return created;
      });
    },
    async replace(id, data, expectedVersion, ctx) {
      return inTransaction(db, async (tx) => {
        const current = await get(id, tx);
        checkVersion(current, expectedVersion);
        const { count } = await tx.scenario.updateMany({
          where: { id, version: current.version },
          data: { ...columns(data), version: current.version + 1, updatedAt: ctx.at },
        });
        if (count === 0) throw lost(id);
        const saved = await get(id, tx);
        await audit(tx, ctx, 'update', current, saved, saved.version);
        return saved;
      });
    },
    async delete(id, expectedVersion, ctx) {
      await inTransaction(db, async (tx) => {
        const current = await get(id, tx);
        checkVersion(current, expectedVersion);
        const { count } = await tx.scenario.deleteMany({ where: { id, version: current.version } });
        if (count === 0) throw lost(id);
        await audit(tx, ctx, 'delete', current, null, current.version);
      });
    },
  };
}
