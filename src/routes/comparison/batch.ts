import { Readable } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../config.js';
import { PayloadTooLargeError } from '../../errors.js';
import { csvLines } from '../../http/csv.js';
import { negotiate } from '../../http/negotiate.js';
import { batchLineSchema, batchRequestSchema, detailQuery, MAX_BATCH_ITEMS } from '../../schemas/batch.js';
import { problemResponses } from '../../schemas/common.js';
import { BATCH_CSV_COLUMNS, batchCsvRows, evaluateBatchItem } from '../../services/batch-items.js';
import type { ProfileCatalog } from '../../services/catalog.js';
import type { CostModelCache } from '../../services/comparison/cost-model-cache.js';

/** Items evaluated between yields to the event loop, so a large batch does not starve other requests. */
const ITEMS_PER_SLICE = 100;

export async function batchRoutes(
  app: FastifyInstance,
  { catalog, config, costModels }: { catalog: ProfileCatalog; config: Config; costModels: CostModelCache },
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
      async function* lines(): AsyncGenerator<string> {
        if (format === 'text/csv') yield csvLines([BATCH_CSV_COLUMNS]);
        for (let i = 0; i < items.length; i++) {
          const outcome = evaluateBatchItem(items[i], i, snapshot, costModels, req.query.detail);
          app.metrics.batchItems.inc({ outcome: outcome.ok ? 'ok' : 'error' });
          if (outcome.ok) app.metrics.comparisons.inc();
          if (format === 'text/csv') {
            yield batchCsvRows(outcome);
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
