import type { Run } from './types.js';

export interface HistoryPoint {
  runId: string;
  at: string;
  monthlyCostUsd: number | null;
}

export interface RunHistory {
  series: { label: string; type: 'api' | 'self-host'; points: HistoryPoint[] }[];
  cheapest: { runId: string; at: string; label: string | null; monthlyCostUsd: number | null }[];
}

/**
 * Monthly cost per candidate over successful runs (given oldest first): one series per candidate
 * label in order of first appearance, one point per run that has the candidate (null when it was
 * excluded or did not fit), and the cheapest option of each run with its cost. Pure.
 */
export function runHistory(runs: readonly Run[]): RunHistory {
  const series = new Map<string, RunHistory['series'][number]>();
  const cheapest: RunHistory['cheapest'] = [];
  for (const run of runs) {
    if (!run.evaluation) continue;
    for (const r of run.evaluation.results) {
      let s = series.get(r.label);
      if (!s) {
        s = { label: r.label, type: r.type, points: [] };
        series.set(r.label, s);
      }
      s.points.push({ runId: run.id, at: run.createdAt, monthlyCostUsd: r.monthlyCostUsd });
    }
    const best = run.evaluation.results.find((r) => r.label === run.evaluation?.cheapest);
    cheapest.push({ runId: run.id, at: run.createdAt, label: run.evaluation.cheapest, monthlyCostUsd: best?.monthlyCostUsd ?? null });
  }
  return { series: [...series.values()], cheapest };
}
