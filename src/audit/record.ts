import type { Tx } from '../db/database.js';
import type { FieldChange } from './changes.js';

/**
 * The change log's write side: `record(tx, entry)` adds one row inside the caller's transaction,
 * so the row commits with the write it describes and vanishes with it when the write fails.
 * Every room that writes (profiles, scenarios, keys, price sync) calls it.
 */
export const ENTITY_KINDS = ['hardware', 'model', 'api-offering', 'scenario', 'key', 'sync'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ACTIONS = ['create', 'update', 'delete', 'restore'] as const;
export type ChangeAction = (typeof ACTIONS)[number];

/** Who wrote, when, under which request: built once per request (see `writeContext`). */
export interface WriteContext {
  /** `actorOf(req).name`, `reference-data`, `sync:genai-prices@<version>` or `anonymous`. */
  actor: string;
  requestId: string | null;
  /** Server time of the write. */
  at: Date;
}

export interface ChangeEntry {
  entityKind: EntityKind;
  entityId: string;
  action: ChangeAction;
  /** The entity's version after the write; null where the entity has no version. */
  version: number | null;
  changes: FieldChange[];
  /** The entity's own fields after the write (for a delete: as it was when deleted). */
  record: Record<string, unknown> | null;
  source?: string | null;
  valueAsOf?: string | null;
  /** When the value became valid; defaults to the write time (docs/catalog.md, "Which date asOf compares"). */
  effectiveAt?: Date;
}

/** Writes one change-log row in `tx`; returns its id. */
export async function record(tx: Tx, ctx: WriteContext, entry: ChangeEntry): Promise<number> {
  const row = await tx.changeRecord.create({
    data: {
      at: ctx.at,
      actor: ctx.actor,
      requestId: ctx.requestId,
      entityKind: entry.entityKind,
      entityId: entry.entityId,
      action: entry.action,
      version: entry.version,
      changes: JSON.stringify(entry.changes),
      record: entry.record === null ? null : JSON.stringify(entry.record),
      source: entry.source ?? null,
      valueAsOf: entry.valueAsOf ?? null,
      effectiveAt: entry.effectiveAt ?? ctx.at,
    },
    select: { id: true },
  });
  return row.id;
}
