import type { CompareRequest } from '../schemas/compare.js';
import { hybridPairs } from './capacity/hybrid-pairs.js';
import { planCapacity } from './capacity/plan.js';
import { capacityEcho, withCapacityDetail } from './capacity/presentation.js';
import type { CatalogSnapshot } from './catalog.js';
import { breakEvenPairs } from './comparison/break-even-pairs.js';
import { freshReplicaModels, type PreparedComparison, prepareComparison, type ReplicaModels } from './comparison/candidates.js';
import { architectureNotes, assumptionsEcho, type ComparisonResult, labelledWarnings } from './comparison/presentation.js';
import { cheapestResult, costCandidates } from './comparison/ranking.js';

/**
 * "Run a comparison": the service every caller of the cost comparison uses (POST /compare, the
 * batch, scenario evaluation, curves, sensitivity; scheduled runs, CLIs and batch jobs alike).
 * Everything numeric comes from the calculation core (src/calc); the jobs live in
 * src/services/comparison/:
 * - candidates.ts — resolve profile references, label candidates, build the engine's inputs;
 * - ranking.ts — apply constraints, cost each candidate once, name the cheapest;
 * - break-even-pairs.ts — the break-even volume of every self-host × API pair;
 * - presentation.ts — the result shapes (per candidate, per pair, assumptions echo, notes);
 * - cost-model-cache.ts — the replica-model memo shared across requests;
 * and capacity planning in src/services/capacity/ (SLO sizing, load shape, hybrid plans).
 */

export type { PreparedApi, PreparedCandidate, PreparedComparison, PreparedSelfHost, ReplicaModels } from './comparison/candidates.js';
export { prepareComparison } from './comparison/candidates.js';
export { CostModelCache } from './comparison/cost-model-cache.js';
export type { BreakEvenEntry, CandidateResult, ComparisonResult } from './comparison/presentation.js';
export { withoutDetail } from './comparison/presentation.js';

/**
 * Runs the comparison `request` against the profiles of `snapshot` (a {@link CatalogSnapshot}
 * from the catalogue service): one result per candidate in request order, the cheapest label, the
 * break-even volume of every self-host × API pair, the assumptions used, warnings and notes.
 *
 * `models`: where replica models come from — a `CostModelCache` shared across requests, or
 * (default) computed afresh. Throws `UnprocessableError` (422, naming the request field) for an
 * unknown profile id or inputs the engine rejects; never does I/O.
 *
 * @example
 * const result = runComparison(request, await catalog.snapshot(), app.costModels);
 * result.cheapest; // e.g. "Llama 3.3 70B on 2× NVIDIA H100 SXM (cloud)"
 */
export function runComparison(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  models: ReplicaModels = freshReplicaModels,
): ComparisonResult {
  return evaluateComparison(request, snapshot, models).result;
}

/** {@link runComparison}, also returning the prepared candidates (for curves and sensitivity). */
export function evaluateComparison(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  models: ReplicaModels = freshReplicaModels,
): { prepared: PreparedComparison; result: ComparisonResult } {
  const planning = planCapacity(prepareComparison(request, snapshot), request);
  const prepared = planning.prepared;
  const ranked = costCandidates(prepared, request.constraints, models);
  const { included, costs } = ranked;
  const results = withCapacityDetail(ranked.results, planning);
  const cheapest = cheapestResult(results);
  const result: ComparisonResult = {
    results,
    cheapest: cheapest?.label ?? null,
    cheapestIndex: cheapest?.index ?? null,
    breakEven: breakEvenPairs(included, prepared.workload, costs),
    hybrid: hybridPairs(included, prepared.workload, costs, planning.loadShape),
    assumptions: assumptionsEcho(prepared.workload, request.assumptions, capacityEcho(planning)),
    warnings: labelledWarnings(results),
    notes: [...architectureNotes(prepared.workload, included), ...planning.notes],
    profiles: prepared.profiles,
  };
  return { prepared, result };
}
