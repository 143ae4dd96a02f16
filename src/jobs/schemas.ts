import { z } from 'zod';
import { batchEndSchema, batchLineSchema } from '../schemas/batch.js';
import { storableText } from '../schemas/common.js';

/** Most items one POST /batch-jobs may carry (ten times /compare/batch). */
export const MAX_BATCH_JOB_ITEMS = 100_000;

const JOB_ID = 'job_3b0d6f0e-6a6c-4a53-9a5e-2f7b1c8e4d21';

export const jobIdParams = z.object({ id: storableText(100, 1).describe('Batch job id.') }).strict();

export const batchJobSchema = z
  .object({
    id: z.string(),
    status: z
      .enum(['queued', 'running', 'done', 'cancelled'])
      .describe('`queued` until a worker takes it, `running`, then `done`; `cancelled` after DELETE.'),
    total: z.number().int().describe('Items submitted.'),
    done: z.number().int().describe('Items whose result is stored (results exist for items 0 … done − 1).'),
    failed: z.number().int().describe('Of those, items whose result is an error line.'),
    progress: z.number().describe('done ÷ total, 0 to 1.'),
    detail: z.enum(['full', 'none']),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    links: z.object({ self: z.string(), results: z.string() }),
  })
  .meta({
    id: 'BatchJob',
    examples: [
      {
        id: JOB_ID,
        status: 'running',
        total: 50000,
        done: 12400,
        failed: 3,
        progress: 0.248,
        detail: 'none',
        createdAt: '2026-12-02T11:00:00.000Z',
        startedAt: '2026-12-02T11:00:00.412Z',
        finishedAt: null,
        links: { self: `/batch-jobs/${JOB_ID}`, results: `/batch-jobs/${JOB_ID}/results` },
      },
    ],
  });

export const batchJobResultLineSchema = z.union([batchLineSchema, batchEndSchema]).meta({
  id: 'BatchJobResultLine',
  description: 'One NDJSON line of GET /batch-jobs/{id}/results: an item line as /compare/batch writes it, and last the end record.',
  examples: [
    {
      index: 1,
      ok: false,
      error: {
        status: 400,
        title: 'Invalid request',
        detail: 'Item 1 is invalid: 1 problem(s).',
        errors: [{ field: 'workload.inputTokensPerMonth', message: 'Too small: expected number to be >=0' }],
      },
    },
    { type: 'end', items: 2, total: 2, ok: 1, failed: 1, complete: true },
  ],
});

export const resultsQuery = z
  .object({
    from: z.coerce
      .number()
      .int()
      .min(0)
      .max(MAX_BATCH_JOB_ITEMS)
      .default(0)
      .describe(`First item index to return, 0 to ${MAX_BATCH_JOB_ITEMS} (to fetch only what is new while the job runs).`),
  })
  .strict();
