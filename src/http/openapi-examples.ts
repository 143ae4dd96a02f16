import evaluationExample from '../schemas/examples/scenario-evaluation.json' with { type: 'json' };
import { BATCH_CSV_COLUMNS, batchCsvRows } from '../services/batch-items.js';
import { type ComparisonResult, withoutDetail } from '../services/comparison.js';
import { csvLines, RESULT_COLUMNS, resultRow, toCsv } from './csv.js';
import { csvTrailer } from './stream-end.js';

/**
 * Examples of the string bodies in the OpenAPI document, written by the code that writes the real
 * bodies from the computed ScenarioEvaluation example (npm run openapi:examples), so their columns
 * always match what the service sends.
 */
// A response the service produced (npm run openapi:examples), checked against its schema by
// `npm run lint:openapi`; the JSON import's literal types say less than that.
const evaluation: unknown = evaluationExample;
const {
  scenario: _scenario,
  evaluatedAt: _evaluatedAt,
  ...example
} = evaluation as ComparisonResult & { scenario: unknown; evaluatedAt: string };
const itemError = {
  status: 400,
  title: 'Invalid request',
  detail: 'Item 1 is invalid: 1 problem(s).',
  errors: [{ field: 'workload.inputTokensPerMonth', message: 'Too small: expected number to be >=0' }],
};
const end = { type: 'end', items: 2, total: 2, ok: 1, failed: 1, complete: true } as const;

/** POST /compare/batch?detail=none (and a batch job's results): one good item, one bad, the end record. */
export const NDJSON_EXAMPLE = [{ index: 0, ok: true, result: withoutDetail(example) }, { index: 1, ok: false, error: itemError }, end]
  .map((line) => `${JSON.stringify(line)}\n`)
  .join('');

/** POST /compare with `Accept: text/csv`. */
export const COMPARE_CSV_EXAMPLE = toCsv(
  RESULT_COLUMNS,
  example.results.map((r) => resultRow(r, example)),
);

/** POST /compare/batch (and a batch job's results) with `Accept: text/csv`: one good item, one bad, the trailer. */
export const BATCH_CSV_EXAMPLE = [
  csvLines([BATCH_CSV_COLUMNS]),
  batchCsvRows({ index: 0, ok: true, result: example }),
  batchCsvRows({ index: 1, ok: false, error: itemError }),
  csvTrailer(end),
].join('');
