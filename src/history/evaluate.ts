import { startOfAsOf } from '../audit/dates.js';
import type { ChangeLogRepository } from '../repositories/change-log.js';
import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot, ProfileCatalog } from '../services/catalog.js';
import type { ComparisonResult } from '../services/comparison.js';
import { type AsOfBlock, compareAsOf } from './as-of-comparison.js';
import { catalogAsOf } from './catalog-as-of.js';
import { withFreshness } from './freshness.js';

/**
 * One entry point for "evaluate a comparison now, or as of a date, and say how old its prices
 * are": the /compare route and scenario evaluation call it with the ordinary comparison (`run`).
 */
export interface EvaluateDeps {
  catalog: Pick<ProfileCatalog, 'snapshot'>;
  changeLog: ChangeLogRepository;
  now: () => Date;
  staleDays: number;
}

export type EvaluatedComparison = ReturnType<typeof withFreshness> & { asOf?: AsOfBlock };

export async function evaluateWithHistory(
  request: CompareRequest,
  asOf: string | undefined,
  deps: EvaluateDeps,
  run: (request: CompareRequest, snapshot: CatalogSnapshot) => ComparisonResult,
): Promise<EvaluatedComparison> {
  if (asOf === undefined) {
    return withFreshness(request, run(request, await deps.catalog.snapshot()), { at: deps.now(), staleDays: deps.staleDays });
  }
  const result = await compareAsOf(request, await catalogAsOf(deps.changeLog, asOf), run);
  return { ...withFreshness(request, result, { at: startOfAsOf(asOf), staleDays: deps.staleDays }), asOf: result.asOf };
}
