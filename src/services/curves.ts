import { apiWorkloadCost, type SelfHostCostModel, selfHostCostAt, totalTokensPerMonth, withVolume } from '../calc/index.js';
import { BadRequestError } from '../errors.js';
import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot } from './catalog.js';
import { freshReplicaModels, type ReplicaModels } from './comparison/candidates.js';
import { evaluateComparison } from './comparison.js';

/**
 * Monthly cost of every candidate of a comparison as a function of monthly volume (the
 * workload's input/output mix and request shape kept), over a range that spans the current
 * volume and every break-even volume.
 */
export interface CurveOptions {
  fromTokens?: number;
  toTokens?: number;
  points: number;
}

/** `n` log-spaced volumes from `from` to `to`, plus `anchors` inside the range, sorted and unique. */
export function volumeGrid(from: number, to: number, n: number, anchors: number[]): number[] {
  const ratio = Math.log(to / from);
  const grid = Array.from({ length: n }, (_, i) => from * Math.exp((ratio * i) / (n - 1)));
  grid[n - 1] = to;
  const inside = anchors.filter((a) => a >= from && a <= to);
  return [...new Set([...grid, ...inside])].sort((a, b) => a - b);
}

export function breakEvenCurves(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  options: CurveOptions,
  models: ReplicaModels = freshReplicaModels,
) {
  const { result: comparison, prepared } = evaluateComparison(request, snapshot, models);
  const current = totalTokensPerMonth(prepared.workload);
  const breakEvenPoints = comparison.breakEven.flatMap((b) =>
    b.monthlyTokens !== null && b.monthlyApiSpendUsd !== null
      ? [{ selfHost: b.selfHost, api: b.api, monthlyTokens: b.monthlyTokens, monthlyCostUsd: b.monthlyApiSpendUsd }]
      : [],
  );
  const anchors = [current, ...breakEvenPoints.map((p) => p.monthlyTokens)];
  const from = options.fromTokens ?? Math.min(...anchors) / 4;
  const to = options.toTokens ?? Math.max(...anchors) * 4;
  if (!(to > from)) {
    throw new BadRequestError('The volume range is empty.', [
      { field: 'querystring.toTokens', message: `must be greater than fromTokens (${from})` },
    ]);
  }
  const volumes = volumeGrid(from, to, options.points, anchors);
  const pointsInRange = breakEvenPoints.filter((p) => p.monthlyTokens >= from && p.monthlyTokens <= to);
  const excludedLabels = new Set(comparison.results.filter((r) => r.excluded).map((r) => r.label));
  const series = prepared.candidates
    .filter((c) => !excludedLabels.has(c.label))
    .map((c) => {
      // The replica does not depend on volume: model it once, then cost each volume in O(1).
      const replica = c.type === 'self-host' ? models.get(c, prepared.workload) : null;
      return {
        label: c.label,
        type: c.type,
        points: volumes.map((v) => {
          const w = withVolume(prepared.workload, v);
          if (c.type === 'api') return { monthlyTokens: v, monthlyCostUsd: apiWorkloadCost(c.offering, w).totalUsdPerMonth };
          const cost = selfHostCostAt(replica as SelfHostCostModel, w);
          return { monthlyTokens: v, monthlyCostUsd: cost.fits ? cost.totalUsdPerMonth : null };
        }),
      };
    });
  return {
    currentMonthlyTokens: current,
    series,
    breakEvenPoints: pointsInRange,
    excluded: comparison.results.flatMap((r) => (r.excluded ? [{ label: r.label, reason: r.excluded.reason }] : [])),
  };
}
