import type { BreakEvenMove, CostChange, ProfileFieldChange, ProfileSnapshot, RunChanges, RunEvaluation, RunSummary } from './types.js';

/**
 * Pure functions over stored runs: the summary of one run and the difference between two runs of
 * the same scenario. No I/O, no clock (docs/runs.md, "What changed").
 */

/** Cheapest option, monthly cost per candidate and break-even volume per pair of one evaluation. */
export function summarize(e: RunEvaluation): RunSummary {
  return {
    cheapest: e.cheapest,
    monthlyCostUsd: e.results.map((r) => ({ label: r.label, monthlyCostUsd: r.monthlyCostUsd })),
    breakEven: e.breakEven.map((b) => ({ selfHost: b.selfHost, api: b.api, outcome: b.outcome, monthlyTokens: b.monthlyTokens })),
  };
}

/**
 * Relative change in percent: (to − from) ÷ |from| × 100. Null when either value is null or
 * `from` is 0. Example: percentChange(26150, 20920) = −20.
 */
export function percentChange(from: number | null, to: number | null): number | null {
  if (from === null || to === null || from === 0) return null;
  return ((to - from) / Math.abs(from)) * 100;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v ?? null));

/** Field-by-field differences of the stored profiles (matched by kind and id) both runs used. */
export function profileChanges(before: ProfileSnapshot[], after: ProfileSnapshot[]): ProfileFieldChange[] {
  const key = (p: ProfileSnapshot) => `${p.kind}\u0000${p.id}`;
  const old = new Map(before.filter((p) => p.id !== null).map((p) => [key(p), p]));
  const out: ProfileFieldChange[] = [];
  for (const p of after) {
    const q = p.id === null ? undefined : old.get(key(p));
    if (!q || p.id === null) continue;
    const fields = [...new Set([...Object.keys(q.values), ...Object.keys(p.values)])].sort();
    for (const field of fields) {
      const from = q.values[field] ?? null;
      const to = p.values[field] ?? null;
      if (!same(from, to)) out.push({ kind: p.kind, id: p.id, field, from, to, text: `${p.id}.${field} ${show(from)} -> ${show(to)}` });
    }
  }
  return out;
}

/**
 * The difference of run `after` from run `before` (the previous successful run of the same
 * scenario). Candidates are matched by label, break-even pairs by (selfHost, api) labels.
 *
 * Example: an API candidate at $26,150/month whose output price drops 10 → 8 USD/Mtok on
 * 2.615 B output tokens becomes $20,920: monthlyCost [{ changeUsd: −5230, changePercent: −20 }]
 * and profileChanges ["openai-gpt-5.outputUsdPerMtok 10 -> 8"].
 */
export function diffRuns(
  before: { id: string; scenarioVersion: number; evaluation: RunEvaluation },
  after: { scenarioVersion: number; evaluation: RunEvaluation },
): RunChanges {
  const a = before.evaluation;
  const b = after.evaluation;
  const oldByLabel = new Map(a.results.map((r) => [r.label, r]));
  const newLabels = new Set(b.results.map((r) => r.label));
  const monthlyCost: CostChange[] = [];
  const newlyExcluded: { label: string; reason: string }[] = [];
  const stoppedFitting: string[] = [];
  for (const r of b.results) {
    const o = oldByLabel.get(r.label);
    if (!o) continue;
    if (o.monthlyCostUsd !== r.monthlyCostUsd) {
      monthlyCost.push({
        label: r.label,
        fromUsd: o.monthlyCostUsd,
        toUsd: r.monthlyCostUsd,
        changeUsd: o.monthlyCostUsd === null || r.monthlyCostUsd === null ? null : r.monthlyCostUsd - o.monthlyCostUsd,
        changePercent: percentChange(o.monthlyCostUsd, r.monthlyCostUsd),
      });
    }
    if (r.excluded !== null && o.excluded === null) newlyExcluded.push({ label: r.label, reason: r.excluded });
    if (r.fits === false && o.fits !== false) stoppedFitting.push(r.label);
  }
  const pairKey = (x: { selfHost: string; api: string }) => `${x.selfHost}\u0000${x.api}`;
  const oldPairs = new Map(a.breakEven.map((p) => [pairKey(p), p]));
  const breakEven: BreakEvenMove[] = [];
  for (const p of b.breakEven) {
    const o = oldPairs.get(pairKey(p));
    if (!o || (o.outcome === p.outcome && o.monthlyTokens === p.monthlyTokens)) continue;
    breakEven.push({
      selfHost: p.selfHost,
      api: p.api,
      fromOutcome: o.outcome,
      toOutcome: p.outcome,
      fromMonthlyTokens: o.monthlyTokens,
      toMonthlyTokens: p.monthlyTokens,
      changePercent: percentChange(o.monthlyTokens, p.monthlyTokens),
    });
  }
  const changes: Omit<RunChanges, 'changed'> = {
    previousRunId: before.id,
    cheapest: a.cheapest === b.cheapest ? null : { from: a.cheapest, to: b.cheapest },
    monthlyCost,
    breakEven,
    newlyExcluded,
    stoppedFitting,
    addedCandidates: b.results.filter((r) => !oldByLabel.has(r.label)).map((r) => r.label),
    removedCandidates: a.results.filter((r) => !newLabels.has(r.label)).map((r) => r.label),
    profileChanges: profileChanges(a.profiles, b.profiles),
    scenarioVersion: before.scenarioVersion === after.scenarioVersion ? null : { from: before.scenarioVersion, to: after.scenarioVersion },
  };
  const changed =
    changes.cheapest !== null ||
    [
      monthlyCost,
      breakEven,
      newlyExcluded,
      stoppedFitting,
      changes.addedCandidates,
      changes.removedCandidates,
      changes.profileChanges,
    ].some((l) => l.length > 0) ||
    changes.scenarioVersion !== null;
  return { ...changes, changed };
}
