import type { FieldChange } from '../audit/changes.js';
import type { ChangeAction, EntityKind } from '../audit/record.js';
import type { Database } from '../db/database.js';
import type { Page } from './profile-repository.js';

/**
 * The change log's read side (the write side is src/audit/record.ts, inside each write's
 * transaction): the audit trail, a profile's revisions, and the state of the catalogue as of a
 * date. Rows come back as plain objects with ISO timestamps and parsed JSON.
 */
export interface ChangeRow {
  id: number;
  at: string;
  actor: string;
  requestId: string | null;
  entityKind: EntityKind;
  entityId: string;
  action: ChangeAction;
  version: number | null;
  changes: FieldChange[];
  record: Record<string, unknown> | null;
  source: string | null;
  valueAsOf: string | null;
  effectiveAt: string;
}

export interface ChangeFilter {
  entityKind?: EntityKind;
  entityId?: string;
  actor?: string;
  /** Write time at or after. */
  from?: Date;
  /** Write time before. */
  to?: Date;
}

/** The last revision of a profile valid before an instant. */
export interface RevisionAsOf {
  row: ChangeRow;
  /** False when that revision is a delete (the profile did not exist then). */
  live: boolean;
}

export interface ChangeLogRepository {
  list(filter: ChangeFilter, limit: number, offset: number): Promise<Page<ChangeRow>>;
  /** Latest revision of each entity of the given kinds whose effective date is before `cutoff`. */
  latestBefore(kinds: EntityKind[], cutoff: Date): Promise<Map<string, RevisionAsOf>>;
  /** The earliest effective date of an entity, or null when it has no revision. */
  firstEffective(kind: EntityKind, id: string): Promise<string | null>;
  /** Every row of one kind, oldest first, for the sync's per-offering history (who wrote last). */
  allOfKind(kind: EntityKind): Promise<ChangeRow[]>;
  /** Every row of one entity, oldest first. */
  history(kind: EntityKind, id: string): Promise<ChangeRow[]>;
}

type Stored = {
  id: number;
  at: Date;
  actor: string;
  requestId: string | null;
  entityKind: string;
  entityId: string;
  action: string;
  version: number | null;
  changes: string;
  record: string | null;
  source: string | null;
  valueAsOf: string | null;
  effectiveAt: Date;
};

function toDomain(r: Stored): ChangeRow {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    requestId: r.requestId,
    entityKind: r.entityKind as EntityKind,
    entityId: r.entityId,
    action: r.action as ChangeAction,
    version: r.version,
    changes: JSON.parse(r.changes) as FieldChange[],
    record: r.record === null ? null : (JSON.parse(r.record) as Record<string, unknown>),
    source: r.source,
    valueAsOf: r.valueAsOf,
    effectiveAt: r.effectiveAt.toISOString(),
  };
}

/** Key of an entity in `latestBefore`'s map. */
export const entityKey = (kind: EntityKind, id: string) => `${kind}/${id}`;

export function createChangeLogRepository(db: Pick<Database, 'prisma'>): ChangeLogRepository {
  const log = db.prisma.changeRecord;
  return {
    async list(filter, limit, offset) {
      const where = {
        ...(filter.entityKind ? { entityKind: filter.entityKind } : {}),
        ...(filter.entityId ? { entityId: filter.entityId } : {}),
        ...(filter.actor ? { actor: filter.actor } : {}),
        ...(filter.from || filter.to
          ? { at: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
          : {}),
      };
      const [rows, total] = await Promise.all([
        log.findMany({ where, orderBy: { id: 'desc' }, skip: offset, take: limit }),
        log.count({ where }),
      ]);
      return { items: rows.map(toDomain), total, limit, offset };
    },

    async latestBefore(kinds, cutoff) {
      const rows = await log.findMany({
        where: { entityKind: { in: kinds }, effectiveAt: { lt: cutoff } },
        orderBy: { id: 'asc' },
      });
      const latest = new Map<string, RevisionAsOf>();
      for (const r of rows) {
        const row = toDomain(r);
        latest.set(entityKey(row.entityKind, row.entityId), { row, live: row.action !== 'delete' });
      }
      return latest;
    },

    async firstEffective(kind, id) {
      const first = await log.findFirst({
        where: { entityKind: kind, entityId: id },
        orderBy: { effectiveAt: 'asc' },
        select: { effectiveAt: true },
      });
      return first ? first.effectiveAt.toISOString() : null;
    },

    async history(kind, id) {
      return (await log.findMany({ where: { entityKind: kind, entityId: id }, orderBy: { id: 'asc' } })).map(toDomain);
    },

    async allOfKind(kind) {
      return (await log.findMany({ where: { entityKind: kind }, orderBy: { id: 'asc' } })).map(toDomain);
    },
  };
}
