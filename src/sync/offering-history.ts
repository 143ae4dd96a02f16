import type { ChangeRow } from '../repositories/change-log.js';
import type { OfferingHistory } from './mapping.js';

/** The change-log actor prefix of syncs. */
export const SYNC_ACTOR_PREFIX = 'sync:';
/** Writers that are not people: syncs and the reference-data loader. */
const MACHINE_ACTORS = new Set(['reference-data']);

export const isPerson = (actor: string) => !actor.startsWith(SYNC_ACTOR_PREFIX) && !MACHINE_ACTORS.has(actor);

/**
 * Per offering, from its change-log rows (oldest first): the last sync write, the last write by a
 * person after it, and the last effective date. Pure.
 */
export function offeringHistories(rows: ChangeRow[]): Map<string, OfferingHistory> {
  const out = new Map<string, OfferingHistory>();
  for (const r of rows) {
    const h = out.get(r.entityId) ?? { lastSyncId: null, editAfterSync: null, lastEffectiveAt: null };
    if (r.actor.startsWith(SYNC_ACTOR_PREFIX)) {
      h.lastSyncId = r.id;
      h.editAfterSync = null;
    } else if (isPerson(r.actor)) {
      h.editAfterSync = { actor: r.actor, at: r.at };
    }
    h.lastEffectiveAt = r.effectiveAt;
    out.set(r.entityId, h);
  }
  return out;
}
