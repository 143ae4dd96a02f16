import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../auth/actor.js';
import type { Config } from '../config.js';
import { negotiate } from '../http/negotiate.js';
import { batchRequestSchema, detailQuery } from '../schemas/batch.js';
import { problemResponses } from '../schemas/common.js';
import { batchJobResultLineSchema, batchJobSchema, jobIdParams, MAX_BATCH_JOB_ITEMS, resultsQuery } from './schemas.js';
import type { BatchJobService } from './service.js';
import type { BatchJob } from './types.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The JSON representation of a job. */
function view(job: BatchJob) {
  const self = `/batch-jobs/${job.id}`;
  return {
    id: job.id,
    status: job.status,
    total: job.total,
    done: job.done,
    failed: job.failed,
    progress: job.total === 0 ? 1 : Math.round((job.done / job.total) * 1000) / 1000,
    detail: job.detail,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    links: { self, results: `${self}/results` },
  };
}

/** Asynchronous batch jobs: submit, follow, read results, cancel (docs/jobs.md). */
export async function batchJobRoutes(
  app: FastifyInstance,
  { service, config }: { service: BatchJobService; config: Config },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/batch-jobs', {
    config: { scope: 'write', idempotent: true },
    bodyLimit: config.BATCH_BODY_LIMIT_BYTES,
    schema: {
      tags: ['Batch jobs'],
      operationId: 'createBatchJob',
      summary: `Submit up to ${MAX_BATCH_JOB_ITEMS.toLocaleString('en')} comparisons to run in the background`,
      description: `The body is the one of POST /compare/batch. The job and its items are stored, then processed in the background in chunks (BATCH_JOB_CHUNK_SIZE); answers 202 with \`Location: /batch-jobs/{id}\` at once. Each item is validated and evaluated on its own exactly as /compare/batch does: an invalid item yields an error line, the others are still evaluated. A job survives a restart of the service and resumes after its last committed chunk. Limits: ${MAX_BATCH_JOB_ITEMS} items (more is a 413), BATCH_BODY_LIMIT_BYTES. Needs the \`write\` scope.`,
      querystring: detailQuery,
      body: batchRequestSchema,
      response: { 202: batchJobSchema, ...problemResponses(400, 401, 403, 413, 415) },
    },
    handler: async (req, reply) => {
      const job = await service.submit(req.body.items, req.query.detail, actorOf(req));
      reply.code(202).header('location', `/batch-jobs/${job.id}`);
      return view(job);
    },
  });

  r.get('/batch-jobs/:id', {
    schema: {
      tags: ['Batch jobs'],
      operationId: 'getBatchJob',
      summary: 'Status and progress of a batch job',
      description: 'Items done of total. A job is visible to the API key that created it (and to admin keys).',
      params: jobIdParams,
      response: { 200: batchJobSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => view(await service.get(req.params.id, actorOf(req))),
  });

  r.get('/batch-jobs/:id/results', {
    schema: {
      tags: ['Batch jobs'],
      operationId: 'getBatchJobResults',
      summary: 'Results of a batch job, streamed in item order',
      description:
        'One NDJSON line per item (application/x-ndjson, the lines of POST /compare/batch), or with `Accept: text/csv` one CSV row per candidate per item. While the job runs, the results committed so far; `?from=N` starts at item N. Ends with the completion record of /compare/batch (`{"type":"end",...,"complete":true}`, or the CSV trailer `# end ... complete=true`); `complete:false` with a reason while the job runs, after it was cancelled, or when the server cut the stream during shutdown (the reason names the `?from=` to resume at). The headers `Breakeven-Job-Status` and `Breakeven-Job-Done` tell the same.',
      params: jobIdParams,
      querystring: resultsQuery,
      response: { 200: batchJobResultLineSchema, ...problemResponses(400, 404, 406) },
    },
    handler: async (req, reply) => {
      const format = negotiate(req.headers.accept, ['application/x-ndjson', 'text/csv']);
      const job = await service.get(req.params.id, actorOf(req));
      reply
        .header('breakeven-job-status', job.status)
        .header('breakeven-job-done', String(job.done))
        .type(format === 'text/csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson');
      return reply.send(Readable.from(service.results(job, req.query.from, format, app.lifecycle.streamCut)) as never);
    },
  });

  r.delete('/batch-jobs/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Batch jobs'],
      operationId: 'cancelBatchJob',
      summary: 'Cancel a batch job',
      description:
        'A queued or running job stops after the chunk in flight (which is not committed); results already stored stay readable. 409 when the job has already finished. Needs the `write` scope.',
      params: jobIdParams,
      response: { 200: batchJobSchema, ...problemResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req) => view(await service.cancel(req.params.id, actorOf(req))),
  });
}
