import { endOfDay } from '../audit/dates.js';
import type { EntityKind } from '../audit/record.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { ChangeLogRepository, ChangeRow } from '../repositories/change-log.js';
import { apiOfferingSchemas, hardwareSchemas, modelSchemas } from '../schemas/profiles.js';
import type { CatalogSnapshot } from '../services/catalog.js';

/**
 * The catalogue as it was at the end of a day, rebuilt from the change log: for every profile,
 * its latest revision whose effective date is before the next midnight (UTC). Profiles deleted
 * by then, or not yet valid, are absent. The result is a CatalogSnapshot, so the comparison
 * services evaluate it exactly as they evaluate the live catalogue.
 */
export interface RevisionUsed {
  kind: 'hardware' | 'model' | 'apiOffering';
  id: string;
  revisionId: number;
  version: number | null;
  /** Server time the revision was written. */
  revisionAt: string;
  effectiveAt: string;
}

export interface CatalogAsOf {
  date: string;
  snapshot: CatalogSnapshot;
  revisions: ReadonlyMap<string, RevisionUsed>;
  /** Why a profile id is absent on that date, or null when it was never recorded. */
  absence(kind: RevisionUsed['kind'], id: string): Promise<string | null>;
}

const KINDS: { kind: RevisionUsed['kind']; entity: EntityKind; noun: string; defaults: Record<string, unknown> }[] = [
  { kind: 'hardware', entity: 'hardware', noun: 'hardware profile', defaults: hardwareSchemas.defaults },
  { kind: 'model', entity: 'model', noun: 'model profile', defaults: modelSchemas.defaults },
  { kind: 'apiOffering', entity: 'api-offering', noun: 'API offering', defaults: apiOfferingSchemas.defaults },
];

const revisionKey = (kind: RevisionUsed['kind'], id: string) => `${kind}/${id}`;

function profileOf(row: ChangeRow, defaults: Record<string, unknown>): { id: string } {
  return { ...defaults, ...row.record, version: row.version ?? 0, createdAt: row.at, updatedAt: row.at } as unknown as { id: string };
}

/** The catalogue valid at the end of `date` (`YYYY-MM-DD`). */
export async function catalogAsOf(changeLog: ChangeLogRepository, date: string): Promise<CatalogAsOf> {
  const cutoff = endOfDay(date);
  const latest = await changeLog.latestBefore(
    KINDS.map((k) => k.entity),
    cutoff,
  );
  const maps = {
    hardware: new Map<string, HardwareProfile>(),
    model: new Map<string, ModelProfile>(),
    apiOffering: new Map<string, ApiOffering>(),
  };
  const revisions = new Map<string, RevisionUsed>();
  for (const { row, live } of latest.values()) {
    const k = KINDS.find((x) => x.entity === row.entityKind);
    if (!k || !live || !row.record) continue;
    (maps[k.kind] as Map<string, unknown>).set(row.entityId, profileOf(row, k.defaults));
    revisions.set(revisionKey(k.kind, row.entityId), {
      kind: k.kind,
      id: row.entityId,
      revisionId: row.id,
      version: row.version,
      revisionAt: row.at,
      effectiveAt: row.effectiveAt,
    });
  }
  return {
    date,
    snapshot: { hardware: maps.hardware, models: maps.model, apiOfferings: maps.apiOffering },
    revisions,
    async absence(kind, id) {
      const k = KINDS.find((x) => x.kind === kind) as (typeof KINDS)[number];
      const entry = latest.get(`${k.entity}/${id}`);
      if (entry && !entry.live)
        return `the ${k.noun} '${id}' was deleted on ${entry.row.effectiveAt.slice(0, 10)} and not restored by ${date}`;
      const first = await changeLog.firstEffective(k.entity, id);
      return first ? `the ${k.noun} '${id}' has no revision valid on ${date}; its first is valid from ${first.slice(0, 10)}` : null;
    },
  };
}

/** The revision used for a profile reference, when the reference is a stored id. */
export function revisionOf(view: CatalogAsOf, kind: RevisionUsed['kind'], id: string): RevisionUsed | undefined {
  return view.revisions.get(revisionKey(kind, id));
}
