import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { asOfQuery } from '../../audit/schemas.js';
import type { EvaluateDeps } from '../../history/evaluate.js';
import { RESULT_COLUMNS, resultRow, toCsv } from '../../http/csv.js';
import { negotiate } from '../../http/negotiate.js';
import { present } from '../../http/present.js';
import { presentedSerializerCompiler } from '../../http/presented-json.js';
import { detailQuery, projectionRequestSchema, projectionResponseSchema } from '../../schemas/batch.js';
import { problemResponses } from '../../schemas/common.js';
import { compareRequestSchema, estimateRequestSchema } from '../../schemas/compare.js';
import { compareResponseSchema, estimateResponseSchema } from '../../schemas/compare-response.js';
import { type AnswerDeps, presentedEvaluation } from '../../services/answer-memo/answer.js';
import type { ProfileCatalog } from '../../services/catalog.js';
import { runEstimate } from '../../services/estimate.js';
import { runProjection } from '../../services/projection.js';

export async function comparisonRoutes(
  app: FastifyInstance,
  { catalog, answers }: { catalog: ProfileCatalog; answers: EvaluateDeps & AnswerDeps },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/estimates', {
    config: { scope: 'read' },
    serializerCompiler: presentedSerializerCompiler,
    schema: {
      tags: ['Comparison'],
      operationId: 'createEstimate',
      summary: 'Size one deployment: fit, throughput, latency',
      description:
        'Estimates whether a model fits a GPU type, how many GPUs it needs, and the throughput and latency at a concurrency (given, the throughput-maximising one, or the largest meeting a per-user speed or latency target). Profiles by id or inline.',
      body: estimateRequestSchema,
      response: { 200: estimateResponseSchema, ...problemResponses(400, 413, 415, 422) },
    },
    handler: async (req) => present(runEstimate(req.body, await catalog.snapshot())),
  });

  r.post('/compare', {
    config: { scope: 'read' },
    serializerCompiler: presentedSerializerCompiler,
    schema: {
      tags: ['Comparison'],
      operationId: 'compare',
      summary: 'Rank self-host and API options for one workload, with break-even volumes',
      description:
        'Costs every candidate for the monthly workload, ranks them, and gives the break-even volume of every self-host × API pair. `Accept: text/csv` returns the results table as CSV. With cloud pricing a self-host monthly cost is exactly gpus × usdPerGpuHour × 730 + opsUsdPerMonth. Every priced profile used carries `priceAgeDays`; prices older than PRICE_STALE_DAYS draw a `stale-price` warning. With `asOf=YYYY-MM-DD` the profiles are the revisions valid at the end of that day (named in `asOf.revisions`); a candidate whose profile did not exist then is excluded with the reason.',
      querystring: detailQuery.extend(asOfQuery.shape),
      body: compareRequestSchema,
      response: { 200: compareResponseSchema, ...problemResponses(400, 406, 413, 415, 422) },
    },
    handler: async (req, reply) => {
      const format = negotiate(req.headers.accept, ['application/json', 'text/csv']);
      const result = await presentedEvaluation(req.body, req.query, answers);
      app.metrics.comparisons.inc();
      if (format === 'text/csv') {
        const csv = toCsv(
          RESULT_COLUMNS,
          result.results.map((row) => resultRow(row, result)),
        );
        // The CSV body bypasses the JSON response schema.
        return reply
          .type('text/csv; charset=utf-8')
          .serializer((body: unknown) => body as string)
          .send(csv as never);
      }
      return result;
    },
  });

  r.post('/projections', {
    config: { scope: 'read' },
    serializerCompiler: presentedSerializerCompiler,
    schema: {
      tags: ['Comparison'],
      operationId: 'createProjection',
      summary: 'Project a $/Mtok range under compounding hardware and architecture gains',
      description:
        'Compounds a hardware cost multiplier and an architecture multiplier (a range, or total ÷ active parameters of an MoE model profile), each discounted by its realisation factor, and divides a baseline $/Mtok range by the result. The arithmetic is returned step by step.',
      body: projectionRequestSchema,
      response: { 200: projectionResponseSchema, ...problemResponses(400, 413, 415, 422) },
    },
    handler: async (req) => present(runProjection(req.body, await catalog.snapshot())),
  });
}
