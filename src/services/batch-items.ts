import type { FreshnessOptions } from '../history/freshness.js';
import { csvLines, RESULT_COLUMNS, resultRow } from '../http/csv.js';
import { toAppError } from '../http/problem.js';
import { type IssueLike, issuesToProblems } from '../http/zod-problems.js';
import { compareRequestSchema } from '../schemas/compare.js';
import { type AnswerDeps, type Detail, presentedComparison } from './answer-memo/answer.js';
import { answerJson } from './answer-memo/memo.js';
import type { ProfileCatalog } from './catalog.js';
import type { ComparisonResult } from './comparison.js';

/**
 * One item of a batch (POST /compare/batch, and the asynchronous POST /batch-jobs): validated on
 * its own, evaluated on its own, so an invalid item yields an error and never fails the others.
 */
export type ItemError = { status: number; title: string; detail: string; errors: { field: string; message: string }[] };
export type ItemOutcome = { index: number; ok: true; result: ComparisonResult } | { index: number; ok: false; error: ItemError };

export type CatalogSnapshot = Awaited<ReturnType<ProfileCatalog['snapshot']>>;

function errorOf(err: unknown): ItemError {
  const problem = toAppError(err as Error);
  return { status: problem.status, title: problem.title, detail: problem.message, errors: problem.errors };
}

/** Validates item `index` as a /compare request body and evaluates it; never throws. */
export function evaluateBatchItem(
  item: unknown,
  index: number,
  snapshot: CatalogSnapshot,
  /** Replica models and the answer memo: a repeated item is answered from the memo. */
  answers: AnswerDeps,
  detail: Detail,
  /** Price ages and stale-price warnings (src/history/freshness.ts); omitted: none added. */
  freshness?: FreshnessOptions,
): ItemOutcome {
  const parsed = compareRequestSchema.safeParse(item);
  if (!parsed.success) {
    const errors = issuesToProblems(parsed.error.issues as IssueLike[]);
    return {
      index,
      ok: false,
      error: { status: 400, title: 'Invalid request', detail: `Item ${index} is invalid: ${errors.length} problem(s).`, errors },
    };
  }
  let result: ComparisonResult;
  try {
    result = presentedComparison(parsed.data, snapshot, freshness ? { detail, freshness } : { detail }, answers);
  } catch (err) {
    return { index, ok: false, error: errorOf(err) };
  }
  // Written as POST /compare writes its answer (src/http/presented-json.ts): no per-item schema encode.
  return { index, ok: true, result };
}

/**
 * The JSON text of one outcome (an NDJSON line of /compare/batch, a stored batch-job line):
 * exactly `JSON.stringify(outcome)`, with a memoised result's text reused (answerJson).
 */
export function outcomeJson(outcome: ItemOutcome): string {
  if (!outcome.ok) return JSON.stringify(outcome);
  // The key order of the object evaluateBatchItem builds: index, ok, result.
  return `{"index":${JSON.stringify(outcome.index)},"ok":true,"result":${answerJson(outcome.result)}}`;
}

/** CSV columns of a batch: the item index, whether it succeeded, its error, then the /compare result columns. */
export const BATCH_CSV_COLUMNS = ['item', 'ok', 'error', ...RESULT_COLUMNS] as const;

/** The CSV text of one outcome: one row per candidate, or one error row. */
export function batchCsvRows(outcome: ItemOutcome): string {
  const i = outcome.index;
  const rows = outcome.ok
    ? outcome.result.results.map((res) => [i, true, '', ...resultRow(res, outcome.result)])
    : [
        [
          i,
          false,
          `${outcome.error.title}: ${outcome.error.detail} ${outcome.error.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`.trim(),
        ],
      ];
  return csvLines(rows);
}
