import { type ApiWorkloadCost, apiWorkloadCost, type SelfHostWorkloadCost, selfHostCostAt } from '../../calc/index.js';
import type { CompareRequest } from '../../schemas/compare.js';
import {
  asRequestField,
  type PreparedApi,
  type PreparedCandidate,
  type PreparedComparison,
  type PreparedSelfHost,
  type ReplicaModels,
} from './candidates.js';
import { apiResult, type CandidateResult, excludedResult, selfHostResult } from './presentation.js';

/**
 * Ranking: drops the candidates the constraints exclude (with the reason), costs every other one
 * once for the workload, and names the cheapest.
 */

/** Each included candidate's cost, computed once and reused by every break-even pair. */
export interface CandidateCosts {
  selfHost: Map<PreparedSelfHost, SelfHostWorkloadCost>;
  api: Map<PreparedApi, ApiWorkloadCost>;
}

export interface RankedCandidates {
  /** One result per candidate, in request order. */
  results: CandidateResult[];
  /** The candidates no constraint excluded, in request order. */
  included: PreparedCandidate[];
  costs: CandidateCosts;
}

/** Why the constraints exclude candidate `c`, or null when they allow it. */
export function exclusionReason(c: PreparedCandidate, constraints: CompareRequest['constraints']): string | null {
  if (!constraints) return null;
  const model = c.type === 'self-host' ? c.model : c.servedModel;
  const closed = c.type === 'api' && c.offering.kind === 'closed';
  if (constraints.licenses) {
    const allowed = constraints.licenses.map((l) => l.toLowerCase());
    if (!closed) {
      if (!model) return 'the licence of the model this offering serves is not recorded (no modelId in the catalogue)';
      if (!allowed.includes(model.license.toLowerCase())) {
        const name = model.licenseName ? ` (${model.licenseName})` : '';
        return `licence ${model.license}${name} is not among the allowed licences ${constraints.licenses.join(', ')}`;
      }
    }
  }
  if (constraints.requireIso42001) {
    if (closed) return 'no ISO/IEC 42001 certification is recorded for this API offering';
    if (!model) return 'no ISO/IEC 42001 certification is recorded for the model this offering serves';
    if (!model.iso42001Certified) return `${model.name} has no recorded ISO/IEC 42001 certification`;
  }
  return null;
}

/** Applies the constraints and costs each remaining candidate for the prepared workload. */
export function costCandidates(
  prepared: PreparedComparison,
  constraints: CompareRequest['constraints'],
  models: ReplicaModels,
): RankedCandidates {
  const workload = prepared.workload;
  const results: CandidateResult[] = [];
  const included: PreparedCandidate[] = [];
  const costs: CandidateCosts = { selfHost: new Map(), api: new Map() };
  for (const c of prepared.candidates) {
    const reason = exclusionReason(c, constraints);
    if (reason) {
      results.push(excludedResult(c, reason));
      continue;
    }
    included.push(c);
    const prefix = `candidates.${c.index}.`;
    results.push(
      c.type === 'api'
        ? asRequestField(prefix, () => {
            const cost = apiWorkloadCost(c.offering, workload);
            costs.api.set(c, cost);
            return apiResult(c, cost);
          })
        : asRequestField(prefix, () => {
            const cost = selfHostCostAt(models.get(c, workload), workload);
            costs.selfHost.set(c, cost);
            return selfHostResult(c, cost);
          }),
    );
  }
  return { results, included, costs };
}

/** The priced result with the lowest monthly cost (the first one on a tie), or null. */
export function cheapestResult(results: CandidateResult[]): CandidateResult | null {
  let best: CandidateResult | null = null;
  for (const r of results) {
    if (r.monthlyCostUsd !== null && (best === null || r.monthlyCostUsd < (best.monthlyCostUsd as number))) best = r;
  }
  return best;
}

/** Label of {@link cheapestResult}, or null. */
export function cheapestLabel(results: CandidateResult[]): string | null {
  return cheapestResult(results)?.label ?? null;
}
