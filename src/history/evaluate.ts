import { startOfAsOf } from '../audit/dates.js';
import type { ChangeLogRepository } from '../repositories/change-log.js';
import type { CompareRequest } from '../schemas/compare.js';
import type { CatalogSnapshot, ProfileCatalog } from '../services/catalog.js';
import type { ComparisonResult } from '../services/comparison.js';
import { type AsOfBlock, compareAsOf } from './as-of-comparison.js';
import { catalogAsOf } from './catalog-as-of.js';
import { withFreshness } from './freshness.js';

/**
 * What evaluating a comparison "now, or as of a date, saying how old its prices are" needs: the
 * current catalogue, the change log (for past dates), the clock and PRICE_STALE_DAYS. The /compare
 * route and scenario evaluation go through presentedEvaluation (src/services/answer-memo/answer.ts),
 * which answers "now" from the catalogue (memoised) and a date with {@link evaluateAsOf}.
 */
export interface EvaluateDeps {
  catalog: Pick<ProfileCatalog, 'snapshot'>;
  changeLog: ChangeLogRepository;
  now: () => Date;
  staleDays: number;
}

export type EvaluatedComparison = ReturnType<typeof withFreshness> & { asOf?: AsOfBlock };

/**
 * The comparison `run` with the profile revisions valid at the end of day `asOf` (YYYY-MM-DD),
 * price ages judged at the start of that day.
 */
export async function evaluateAsOf(
  request: CompareRequest,
  asOf: string,
  deps: Pick<EvaluateDeps, 'changeLog' | 'staleDays'>,
  run: (request: CompareRequest, snapshot: CatalogSnapshot) => ComparisonResult,
): Promise<EvaluatedComparison> {
  const result = await compareAsOf(request, await catalogAsOf(deps.changeLog, asOf), run);
  return { ...withFreshness(request, result, { at: startOfAsOf(asOf), staleDays: deps.staleDays }), asOf: result.asOf };
}
