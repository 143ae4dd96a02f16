import { BadRequestError, UnprocessableError } from '../../errors.js';
import { type IssueLike, issuesToProblems } from '../../http/zod-problems.js';
import type { Scenario, ScenarioWrite } from '../../repositories/scenarios.js';
import { type CompareRequest, compareRequestSchema } from '../../schemas/compare.js';
import type { CatalogSnapshot } from '../catalog.js';
import { prepareComparison } from '../comparison/candidates.js';

/**
 * The /compare request a scenario holds, and the writes that change it: parsing, profile checks
 * and the JSON merge patch.
 */

/** A scenario write as the API receives it: the /compare body plus `name` and `description`. */
export type ScenarioBody = { name: string; description?: string | null } & Record<string, unknown>;

/** Splits a scenario body into the stored name, description and /compare request. */
export function splitWrite(body: ScenarioBody): ScenarioWrite {
  const { name, description, ...request } = body;
  return { name, description: description ?? null, request };
}

/**
 * Applies a JSON merge patch to a stored scenario: top-level members given replace the stored
 * ones (candidates and workload as a whole); null removes an optional member (the description
 * is kept as null). Undefined members are ignored.
 */
export function mergePatch(current: Scenario, patch: Record<string, unknown>): ScenarioWrite {
  const merged: Record<string, unknown> = { name: current.name, description: current.description, ...current.request };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null && k !== 'description') delete merged[k];
    else merged[k] = v;
  }
  const { name, description, ...request } = merged;
  return { name: String(name), description: typeof description === 'string' ? description : null, request };
}

/**
 * A scenario's /compare request, parsed and, when `snapshot` is given, checked against those
 * profiles (422 UnprocessableError for unknown ids). An invalid request is a 400
 * BadRequestError when the client just sent it (`sentNow`, a patch) and a 422 when it was
 * stored earlier under another schema.
 */
export function checkedRequest(
  request: Record<string, unknown>,
  { snapshot, sentNow = false }: { snapshot?: CatalogSnapshot; sentNow?: boolean } = {},
): CompareRequest {
  const parsed = compareRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problems = issuesToProblems(parsed.error.issues as IssueLike[]);
    throw sentNow
      ? new BadRequestError('The scenario after applying the patch is invalid.', problems)
      : new UnprocessableError('The stored scenario is not a valid /compare request under the current schema; replace it.', problems);
  }
  if (snapshot) prepareComparison(parsed.data, snapshot);
  return parsed.data;
}
