import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { PayloadTooLargeError } from '../../errors.js';
import { type FreshnessOptions, withFreshness } from '../../history/freshness.js';
import { csvLines, RESULT_COLUMNS, resultRow } from '../../http/csv.js';
import { negotiate } from '../../http/negotiate.js';
import { present } from '../../http/present.js';
import { toAppError } from '../../http/problem.js';
import { type IssueLike, issuesToProblems } from '../../http/zod-problems.js';
import { batchLineSchema, batchRequestSchema, detailQuery, MAX_BATCH_ITEMS } from '../../schemas/batch.js';
import { problemResponses } from '../../schemas/common.js';
import { compareRequestSchema } from '../../schemas/compare.js';
import type { ProfileCatalog } from '../../services/catalog.js';
import type { CostModelCache } from '../../services/comparison/cost-model-cache.js';
import { type ComparisonResult, runComparison, withoutDetail } from '../../services/comparison.js';

/** Items evaluated between yields to the event loop, so a large batch does not starve other requests. */
const ITEMS_PER_SLICE = 100;

type ItemOutcome = { index: number; ok: true; result: ComparisonResult } | { index: number; ok: false; error: ReturnType<typeof errorOf> };

function errorOf(err: unknown) {
  const problem = toAppError(err as Error);
  return { status: problem.status, title: problem.title, detail: problem.message, errors: problem.errors };
}

function evaluateItem(
  item: unknown,
  index: number,
  snapshot: Awaited<ReturnType<ProfileCatalog['snapshot']>>,
  costModels: CostModelCache,
  detail: 'full' | 'none',
  freshness: FreshnessOptions,
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
  try {
    const result = withFreshness(parsed.data, runComparison(parsed.data, snapshot, costModels), freshness);
    return { index, ok: true, result: present(detail === 'none' ? withoutDetail(result) : result) };
  } catch (err) {
    return { index, ok: false, error: errorOf(err) };
  }
}

const BATCH_CSV_COLUMNS = ['item', 'ok', 'error', ...RESULT_COLUMNS] as const;

export async function batchRoutes(
  app: FastifyInstance,
  { catalog, config, costModels, now }: { catalog: ProfileCatalog; config: Config; costModels: CostModelCache; now: () => Date },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/compare/batch', {
    config: { scope: 'read' },
    bodyLimit: config.BATCH_BODY_LIMIT_BYTES,
    schema: {
      tags: ['Comparison'],
      operationId: 'compareBatch',
      summary: `Evaluate up to ${MAX_BATCH_ITEMS.toLocaleString('en')} comparisons, streamed in order`,
      description: `Streams one NDJSON line per item, in item order (application/x-ndjson), or with \`Accept: text/csv\` one CSV row per candidate per item. An invalid item yields an error line and does not fail the others. Limits: ${MAX_BATCH_ITEMS} items (more is a 413) and a body of BATCH_BODY_LIMIT_BYTES (default 64 MiB).`,
      querystring: detailQuery,
      body: batchRequestSchema,
      response: { 200: batchLineSchema, ...problemResponses(400, 406, 413, 415) },
    },
    handler: async (req, reply) => {
      const format = negotiate(req.headers.accept, ['application/x-ndjson', 'text/csv']);
      const { items } = req.body;
      if (items.length > MAX_BATCH_ITEMS) {
        throw new PayloadTooLargeError(`A batch holds at most ${MAX_BATCH_ITEMS} items; this one has ${items.length}.`);
      }
      const snapshot = await catalog.snapshot();
      const freshness = { at: now(), staleDays: config.PRICE_STALE_DAYS };
      async function* lines(): AsyncGenerator<string> {
        if (format === 'text/csv') yield csvLines([BATCH_CSV_COLUMNS]);
        for (let i = 0; i < items.length; i++) {
          const outcome = evaluateItem(items[i], i, snapshot, costModels, req.query.detail, freshness);
          app.metrics.batchItems.inc({ outcome: outcome.ok ? 'ok' : 'error' });
          if (outcome.ok) app.metrics.comparisons.inc();
          if (format === 'text/csv') {
            const rows = outcome.ok
              ? outcome.result.results.map((res) => [i, true, '', ...resultRow(res)])
              : [
                  [
                    i,
                    false,
                    `${outcome.error.title}: ${outcome.error.detail} ${outcome.error.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`.trim(),
                  ],
                ];
            yield csvLines(rows);
          } else {
            yield `${JSON.stringify(outcome)}\n`;
          }
          if (i % ITEMS_PER_SLICE === ITEMS_PER_SLICE - 1) await yieldToEventLoop();
        }
      }
      const type = format === 'text/csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
      return reply.type(type).send(Readable.from(lines()) as never);
    },
  });
}
