import { present } from '../http/present.js';
import type { ComparisonResult, PreparedComparison } from '../services/comparison.js';
import type { ProfileKind, ProfileSnapshot, RunCandidate, RunEvaluation } from './types.js';

/**
 * The compact form of an evaluation that a run stores (docs/runs.md, "What a run stores"): the
 * request, every profile used with its field values, and per candidate the figures a reader
 * compares — not the engine breakdown, the defaults or the architecture notes, which follow
 * from the request and the profile values. Numbers are rounded as responses round them.
 */

/** Profile fields a run does not keep: free text and bookkeeping. */
const DROPPED_FIELDS = new Set(['id', 'version', 'createdAt', 'updatedAt', 'notes']);

function snapshotOf(kind: ProfileKind, profile: object): ProfileSnapshot {
  const p = profile as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!DROPPED_FIELDS.has(k) && v !== null && v !== undefined) values[k] = v;
  const stored = typeof p.version === 'number' && typeof p.id === 'string';
  return { kind, id: stored ? (p.id as string) : null, version: stored ? (p.version as number) : null, values };
}

/** Every profile the prepared candidates use, once per stored (kind, id); inline ones in order. */
export function profilesUsed(prepared: PreparedComparison): ProfileSnapshot[] {
  const seen = new Set<string>();
  const out: ProfileSnapshot[] = [];
  const add = (kind: ProfileKind, profile: object | null) => {
    if (!profile) return;
    const s = snapshotOf(kind, profile);
    const key = `${kind}\u0000${s.id}`;
    if (s.id !== null && seen.has(key)) return;
    seen.add(key);
    out.push(s);
  };
  for (const c of prepared.candidates) {
    if (c.type === 'api') {
      add('apiOffering', c.offering);
      add('model', c.servedModel);
    } else {
      add('model', c.model);
      add('hardware', c.hardware);
    }
  }
  return out;
}

export function compactEvaluation(request: Record<string, unknown>, prepared: PreparedComparison, result: ComparisonResult): RunEvaluation {
  const results = result.results.map((r): RunCandidate => {
    const base: RunCandidate = {
      label: r.label,
      type: r.type,
      excluded: r.excluded?.reason ?? null,
      fits: r.fits,
      monthlyCostUsd: r.monthlyCostUsd,
      usdPerMtok: r.usdPerMtok,
    };
    if (r.type !== 'self-host' || !r.detail) return base;
    const d = r.detail as { gpus?: number | null; replicas?: number | null; precision?: string | null };
    return { ...base, gpus: d.gpus ?? null, replicas: d.replicas ?? null, precision: d.precision ?? null };
  });
  return present({
    request,
    profiles: profilesUsed(prepared),
    results,
    cheapest: result.cheapest,
    breakEven: result.breakEven.map((b) => ({
      selfHost: b.selfHost,
      api: b.api,
      outcome: b.outcome,
      monthlyTokens: b.monthlyTokens,
      monthlyApiSpendUsd: b.monthlyApiSpendUsd,
      savingsAtCurrentVolumeUsd: b.savingsAtCurrentVolumeUsd,
    })),
    warnings: result.warnings.map((w) => ({ candidate: w.candidate, code: w.code, message: w.message })),
  });
}
