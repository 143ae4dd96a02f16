import { utcDay } from '../../audit/dates.js';
import { type EvaluateDeps, type EvaluatedComparison, evaluateAsOf } from '../../history/evaluate.js';
import { type FreshnessOptions, withFreshness } from '../../history/freshness.js';
import { present } from '../../http/present.js';
import type { CompareRequest } from '../../schemas/compare.js';
import { type CatalogSnapshot, catalogVersion } from '../catalog.js';
import { type ComparisonResult, type ReplicaModels, runComparison, withoutDetail } from '../comparison.js';
import { answerKey, type Detail } from './key.js';
import type { AnswerMemo } from './memo.js';

export type { Detail } from './key.js';

/**
 * The comparison answer as served (rounded by present()), for POST /compare, scenario
 * evaluation and each batch item, looked up in the answer memo when it was computed before
 * against the same catalogue version (src/services/answer-memo/key.ts says what else the key holds).
 *
 * A memoised answer is shared and frozen: callers copy what they add (the scenario evaluation
 * spreads it into a new object), never change it.
 */
export interface AnswerDeps {
  /** Replica models shared across requests (CostModelCache). */
  costModels: ReplicaModels;
  /** The answer memo (ANSWER_MEMO_ENTRIES); omitted or 0 entries: every answer computed afresh. */
  memo?: AnswerMemo<ComparisonResult>;
}

function presentAs<T extends ComparisonResult>(detail: Detail, full: T): T {
  return present(detail === 'none' ? (withoutDetail(full) as T) : full);
}

/**
 * `request` compared against `snapshot`, with price ages when `freshness` is given, without the
 * engine's detail when `detail` is `none`, rounded by present(). Memoised when the snapshot comes
 * from the catalogue (it has a version) and the memo is on. Throws as runComparison does
 * (422 for unknown profile ids); nothing is stored then.
 */
export function presentedComparison(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  { detail, freshness }: { detail: Detail; freshness?: FreshnessOptions },
  { costModels, memo }: AnswerDeps,
): ComparisonResult {
  const compute = () => {
    const compared = runComparison(request, snapshot, costModels);
    return presentAs(detail, freshness ? withFreshness(request, compared, freshness) : compared);
  };
  const version = memo?.enabled ? catalogVersion(snapshot) : undefined;
  if (memo === undefined || version === undefined) return compute();
  const fresh = freshness ? { day: utcDay(freshness.at), staleDays: freshness.staleDays } : null;
  return memo.answer(answerKey({ request, catalogVersion: version, detail, freshness: fresh }), compute);
}

/**
 * The /compare answer for `request`: now, with the current catalogue and price ages judged at
 * `now()` (memoised), or with `asOf` (YYYY-MM-DD) as of that day (src/history; not memoised).
 */
export async function presentedEvaluation(
  request: CompareRequest,
  { asOf, detail }: { asOf?: string | undefined; detail: Detail },
  deps: EvaluateDeps & AnswerDeps,
): Promise<EvaluatedComparison> {
  if (asOf !== undefined) {
    return presentAs(detail, await evaluateAsOf(request, asOf, deps, (r, snapshot) => runComparison(r, snapshot, deps.costModels)));
  }
  const freshness = { at: deps.now(), staleDays: deps.staleDays };
  // With freshness given, the answer carries price ages: an EvaluatedComparison.
  return presentedComparison(request, await deps.catalog.snapshot(), { detail, freshness }, deps) as EvaluatedComparison;
}
