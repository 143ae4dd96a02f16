import { Readable, Transform } from 'node:stream';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { PayloadTooLargeError } from '../../errors.js';
import { csvLines } from '../../http/csv.js';
import { JsonArrayCap } from '../../http/json-array-cap.js';
import { negotiate } from '../../http/negotiate.js';
import { csvTrailer, ndjsonEnd, streamEnd } from '../../http/stream-end.js';
import { batchEndSchema, batchLineSchema, batchRequestSchema, detailQuery, MAX_BATCH_ITEMS } from '../../schemas/batch.js';
import { problemResponses } from '../../schemas/common.js';
import type { AnswerDeps } from '../../services/answer-memo/answer.js';
import { BATCH_CSV_COLUMNS, batchCsvRows, evaluateBatchItem, outcomeJson } from '../../services/batch-items.js';
import type { ProfileCatalog } from '../../services/catalog.js';

/**
 * Longest stretch of item evaluation between yields to the event loop, ms: a large batch neither
 * starves other requests nor delays a shutdown signal or the stream-cut timer by more than this.
 */
const SLICE_MS = 20;

/** The 413 of a batch over the item cap, pointing to the asynchronous jobs for larger work. */
function tooManyItems(count: string): PayloadTooLargeError {
  return new PayloadTooLargeError(
    `A batch holds at most ${MAX_BATCH_ITEMS} items; this one has ${count}. Split it, or submit larger work as an asynchronous batch job (POST /batch-jobs).`,
  );
}

/**
 * preParsing: counts the items while the body arrives (src/http/json-array-cap.ts) and fails the
 * request with 413 at the first item past the cap, before the body is parsed into objects.
 */
function capItems(payload: NodeJS.ReadableStream): Transform {
  const cap = new JsonArrayCap(MAX_BATCH_ITEMS);
  const counting = new Transform({
    transform(chunk: Buffer, _enc, callback) {
      if (cap.feed(chunk)) callback(tooManyItems('more'));
      else callback(null, chunk);
    },
  });
  payload.on('error', (err) => counting.destroy(err));
  return payload.pipe(counting);
}

export async function batchRoutes(
  app: FastifyInstance,
  { catalog, config, answers, now }: { catalog: ProfileCatalog; config: Config; answers: AnswerDeps; now: () => Date },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/compare/batch', {
    config: { scope: 'read' },
    bodyLimit: config.BATCH_BODY_LIMIT_BYTES,
    preParsing: async (_req, _reply, payload) => capItems(payload),
    schema: {
      tags: ['Comparison'],
      operationId: 'compareBatch',
      summary: `Evaluate up to ${MAX_BATCH_ITEMS.toLocaleString('en')} comparisons, streamed in order`,
      description: `Streams one NDJSON line per item, in item order (application/x-ndjson), or with \`Accept: text/csv\` one CSV row per candidate per item. An invalid item yields an error line and does not fail the others; each result satisfies the /compare response schema. The stream always ends with a completion record: the NDJSON line \`{"type":"end","items":N,"total":N,"ok":k,"failed":f,"complete":true}\` or the CSV trailer line \`# end items=N total=N ok=k failed=f complete=true\`; \`complete:false\` (with a reason) when the server cut it during shutdown, and no end record at all when the connection broke. Limits: ${MAX_BATCH_ITEMS} items, counted while the body arrives (more is a 413: use asynchronous batch jobs), and a body of BATCH_BODY_LIMIT_BYTES (default 64 MiB).`,
      querystring: detailQuery,
      body: batchRequestSchema,
      response: { 200: z.union([batchLineSchema, batchEndSchema]), ...problemResponses(400, 406, 413, 415) },
    },
    handler: async (req, reply) => {
      const format = negotiate(req.headers.accept, ['application/x-ndjson', 'text/csv']);
      const { items } = req.body;
      if (items.length > MAX_BATCH_ITEMS) throw tooManyItems(String(items.length));
      const snapshot = await catalog.snapshot();
      const cut = app.lifecycle.streamCut;
      const freshness = { at: now(), staleDays: config.PRICE_STALE_DAYS };
      async function* lines(): AsyncGenerator<string> {
        if (format === 'text/csv') yield csvLines([BATCH_CSV_COLUMNS]);
        const counts = { items: 0, total: items.length, ok: 0, failed: 0 };
        let sliceStart = performance.now();
        for (let i = 0; i < items.length && !cut.aborted; i++) {
          const outcome = evaluateBatchItem(items[i], i, snapshot, answers, req.query.detail, freshness);
          app.metrics.batchItems.inc({ outcome: outcome.ok ? 'ok' : 'error' });
          if (outcome.ok) app.metrics.comparisons.inc();
          counts.items++;
          if (outcome.ok) counts.ok++;
          else counts.failed++;
          if (format === 'text/csv') {
            yield batchCsvRows(outcome);
          } else {
            yield `${outcomeJson(outcome)}\n`;
          }
          if (performance.now() - sliceStart >= SLICE_MS) {
            await yieldToEventLoop();
            sliceStart = performance.now();
          }
        }
        const end = streamEnd(counts, 'The server is shutting down; the remaining items were not evaluated.');
        if (!end.complete) req.log.warn({ items: end.items, total: end.total }, 'batch stream cut by shutdown');
        yield format === 'text/csv' ? csvTrailer(end) : ndjsonEnd(end);
      }
      const type = format === 'text/csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson';
      return reply.type(type).send(Readable.from(lines()) as never);
    },
  });
}
