import { UnprocessableError } from '../errors.js';
import { type IssueLike, issuesToProblems } from '../http/zod-problems.js';
import type { Scenario } from '../repositories/scenarios.js';
import { compareRequestSchema } from '../schemas/compare.js';
import type { CatalogSnapshot } from '../services/catalog.js';
import type { ReplicaModels } from '../services/comparison.js';
import { type ComparisonResult, evaluateComparison, type PreparedComparison } from '../services/comparison.js';

/**
 * Evaluates a stored scenario against a profile snapshot, as GET /scenarios/{id}/evaluation does:
 * the stored request is parsed under the current schema (422 when it no longer is valid) and
 * compared (422 for unknown profile ids or impossible inputs).
 *
 * Minimal extraction for runs: the scenario route keeps its own copy until the house-order
 * refactor (issue 16) provides one "evaluate a scenario" service; then this should call it.
 */
export function evaluateScenario(
  scenario: Scenario,
  snapshot: CatalogSnapshot,
  costModels: ReplicaModels,
): { prepared: PreparedComparison; result: ComparisonResult } {
  const parsed = compareRequestSchema.safeParse(scenario.request);
  if (!parsed.success) {
    throw new UnprocessableError(
      'The stored scenario is not a valid /compare request under the current schema; replace it.',
      issuesToProblems(parsed.error.issues as IssueLike[]),
    );
  }
  return evaluateComparison(parsed.data, snapshot, costModels);
}
