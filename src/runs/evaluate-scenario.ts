import type { Scenario } from '../repositories/scenarios.js';
import type { CatalogSnapshot } from '../services/catalog.js';
import { type ComparisonResult, evaluateComparison, type PreparedComparison, type ReplicaModels } from '../services/comparison.js';
import { checkedRequest } from '../services/scenarios/stored-request.js';

/**
 * Evaluates a stored scenario as the scenario service's `evaluateScenario` does (the stored request
 * checked under the current schema, 422 when it no longer is valid or names an unknown profile),
 * but also returns the prepared candidates: a run stores the field values of the profiles used.
 */
export function evaluateScenario(
  scenario: Scenario,
  snapshot: CatalogSnapshot,
  costModels: ReplicaModels,
): { prepared: PreparedComparison; result: ComparisonResult } {
  return evaluateComparison(checkedRequest(scenario.request), snapshot, costModels);
}
