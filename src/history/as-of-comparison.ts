import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot } from '../services/catalog.js';
import { excludedResult } from '../services/comparison/presentation.js';
import type { CandidateResult, ComparisonResult } from '../services/comparison.js';
import { type CatalogAsOf, type RevisionUsed, revisionOf } from './catalog-as-of.js';

/**
 * A comparison evaluated with the catalogue as of a date. A candidate that references a profile
 * which did not exist then (not yet valid, or deleted) is excluded with the reason instead of
 * failing the request; the rest are evaluated by the ordinary comparison (`run`) against the
 * as-of catalogue, and the response names the revision of every stored profile used.
 */
export interface AsOfBlock {
  date: string;
  revisions: RevisionUsed[];
}

type Candidate = CompareRequest['candidates'][number];

function storedRefs(c: Candidate): { kind: RevisionUsed['kind']; id: string }[] {
  const refs: { kind: RevisionUsed['kind']; ref: unknown }[] =
    c.type === 'api'
      ? [{ kind: 'apiOffering', ref: c.offering }]
      : [
          { kind: 'model', ref: c.model },
          { kind: 'hardware', ref: c.hardware },
        ];
  return refs.flatMap((r) => (typeof r.ref === 'string' ? [{ kind: r.kind, id: r.ref }] : []));
}

function present(snapshot: CatalogSnapshot, kind: RevisionUsed['kind'], id: string): boolean {
  const map = kind === 'hardware' ? snapshot.hardware : kind === 'model' ? snapshot.models : snapshot.apiOfferings;
  return map.has(id);
}

function excluded(index: number, c: Candidate, reason: string): CandidateResult {
  const label =
    c.label ??
    storedRefs(c)
      .map((r) => r.id)
      .join(' on ');
  return excludedResult({ index, label, type: c.type }, reason);
}

/** Evaluates `request` as of `view.date`; `run` is the ordinary comparison on a snapshot. */
export async function compareAsOf(
  request: CompareRequest,
  view: CatalogAsOf,
  run: (request: CompareRequest, snapshot: CatalogSnapshot) => ComparisonResult,
): Promise<ComparisonResult & { asOf: AsOfBlock }> {
  const reasons = await Promise.all(
    request.candidates.map(async (c) => {
      for (const ref of storedRefs(c)) {
        if (present(view.snapshot, ref.kind, ref.id)) continue;
        // Never recorded at all: left in, so the comparison answers 422 for an unknown id.
        const why = await view.absence(ref.kind, ref.id);
        if (why) return `not available on ${view.date}: ${why}`;
      }
      return null;
    }),
  );
  const kept = request.candidates.flatMap((c, i) => (reasons[i] === null ? [{ c, i }] : []));
  const result = run({ ...request, candidates: kept.map((k) => k.c) }, view.snapshot);
  const byIndex = new Map(result.results.map((r) => [kept[r.index]?.i as number, { ...r, index: kept[r.index]?.i as number }]));
  const results = request.candidates.map((c, i) => byIndex.get(i) ?? excluded(i, c, reasons[i] as string));
  const revisions = result.profiles.flatMap((u) => {
    const rev = u.id === null ? undefined : revisionOf(view, u.kind, u.id);
    return rev ? [rev] : [];
  });
  return { ...result, results, asOf: { date: view.date, revisions } };
}
