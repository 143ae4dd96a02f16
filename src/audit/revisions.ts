import type { ChangeRow } from '../repositories/change-log.js';

/**
 * A profile's revisions and its state as of a date, from its change-log rows (oldest first).
 * Pure: the rows come from the change-log repository.
 */
export interface Revision {
  revisionId: number;
  version: number | null;
  action: ChangeRow['action'];
  at: string;
  effectiveAt: string;
  actor: string;
  requestId: string | null;
  changes: ChangeRow['changes'];
  source: string | null;
  asOf: string | null;
}

export function toRevision(r: ChangeRow): Revision {
  return {
    revisionId: r.id,
    version: r.version,
    action: r.action,
    at: r.at,
    effectiveAt: r.effectiveAt,
    actor: r.actor,
    requestId: r.requestId,
    changes: r.changes,
    source: r.source,
    asOf: r.valueAsOf,
  };
}

/** One page of revisions, newest first. */
export function revisionPage(history: ChangeRow[], limit: number, offset: number) {
  const newestFirst = [...history].reverse();
  return { items: newestFirst.slice(offset, offset + limit).map(toRevision), total: history.length, limit, offset };
}

export type StateAsOf =
  | { kind: 'found'; revision: ChangeRow; createdAt: string }
  | { kind: 'not-yet'; firstEffectiveAt: string | null }
  | { kind: 'deleted'; revision: ChangeRow };

/**
 * The revision valid just before `cutoff`: the latest row (by write order) whose effective date
 * is before it. `not-yet` when there is none, `deleted` when that row is a delete.
 * `createdAt` is the write time of the profile's first row.
 */
export function stateAsOf(history: ChangeRow[], cutoff: Date): StateAsOf {
  const valid = history.filter((r) => Date.parse(r.effectiveAt) < cutoff.getTime());
  const last = valid.at(-1);
  if (!last) {
    const first = [...history].sort((a, b) => Date.parse(a.effectiveAt) - Date.parse(b.effectiveAt))[0];
    return { kind: 'not-yet', firstEffectiveAt: first?.effectiveAt ?? null };
  }
  if (last.action === 'delete') return { kind: 'deleted', revision: last };
  return { kind: 'found', revision: last, createdAt: (history[0] as ChangeRow).at };
}
