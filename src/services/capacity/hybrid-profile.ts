import type { HybridHour } from '../../calc/capacity/index.js';
import { apiWorkloadCost, selfHostCostAt } from '../../calc/index.js';
import { BadRequestError } from '../../errors.js';
import type { CompareRequest } from '../../schemas/compare.js';
import type { CatalogSnapshot } from '../catalog.js';
import {
  asRequestField,
  freshReplicaModels,
  type PreparedApi,
  type PreparedSelfHost,
  prepareComparison,
  type ReplicaModels,
} from '../comparison/candidates.js';
import { exclusionReason } from '../comparison/ranking.js';
import { hybridPlanFor } from './hybrid-pairs.js';
import { planCapacity } from './plan.js';

export interface HybridProfile {
  selfHost: string;
  api: string;
  replicas: number;
  monthlyCostUsd: number;
  selfHostedTokenShare: number;
  hours: HybridHour[];
}

/**
 * The hourly profile of one pair's cost-minimising hybrid plan (for the chart): the pair named by
 * `selfHost` and `api` labels, or by default the pair whose hybrid plan is cheapest. Null when no
 * included self-host candidate fits or no API candidate is included.
 *
 * @throws {BadRequestError} a label that names no included candidate of that type (field
 *   `querystring.selfHost` / `querystring.api`); UnprocessableError as runComparison.
 */
export function hybridProfile(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  labels: { selfHost?: string; api?: string },
  models: ReplicaModels = freshReplicaModels,
): HybridProfile | null {
  const planning = planCapacity(prepareComparison(request, snapshot), request);
  const { workload, candidates } = planning.prepared;
  const included = candidates.filter((c) => exclusionReason(c, request.constraints) === null);
  const pick = <T extends PreparedSelfHost | PreparedApi>(type: T['type'], label: string | undefined, field: string): T[] => {
    const all = included.filter((c): c is T => c.type === type);
    if (label === undefined) return all;
    const found = all.filter((c) => c.label === label);
    if (found.length === 0) {
      throw new BadRequestError(`No included ${type} candidate is labelled "${label}"`, [
        { field, message: `must be one of: ${all.map((c) => c.label).join(', ') || '(none)'}` },
      ]);
    }
    return found;
  };
  const selfHosts = pick<PreparedSelfHost>('self-host', labels.selfHost, 'querystring.selfHost');
  const apis = pick<PreparedApi>('api', labels.api, 'querystring.api');
  let best: HybridProfile | null = null;
  for (const s of selfHosts) {
    const self = asRequestField(`candidates.${s.index}.`, () => selfHostCostAt(models.get(s, workload), workload));
    for (const a of apis) {
      const api = asRequestField(`candidates.${a.index}.`, () => apiWorkloadCost(a.offering, workload));
      const costs = { selfHost: new Map([[s, self]]), api: new Map([[a, api]]) };
      const plan = hybridPlanFor(s, a, workload, costs, planning.loadShape);
      if (plan === null) continue;
      if (best === null || plan.totalUsdPerMonth < best.monthlyCostUsd) {
        best = {
          selfHost: s.label,
          api: a.label,
          replicas: plan.replicas,
          monthlyCostUsd: plan.totalUsdPerMonth,
          selfHostedTokenShare: plan.selfHostedTokenShare,
          hours: plan.hours,
        };
      }
    }
  }
  return best;
}
