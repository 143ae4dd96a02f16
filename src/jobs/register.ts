import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import type { Repositories } from '../repositories/index.js';
import type { AnswerDeps } from '../services/answer-memo/answer.js';
import type { ProfileCatalog } from '../services/catalog.js';
import { batchJobRoutes } from './routes.js';
import { BatchJobService } from './service.js';
import { BatchJobWorker } from './worker.js';

/**
 * The batch-jobs room: its routes, and (when BATCH_JOBS_ENABLED) a background worker that starts
 * once the app is ready and stops, after its chunk in flight, before the database closes.
 */
export async function registerBatchJobs(
  app: FastifyInstance,
  {
    config,
    repos,
    catalog,
    answers,
    now,
  }: { config: Config; repos: Repositories; catalog: ProfileCatalog; answers: AnswerDeps; now: () => Date },
): Promise<void> {
  const worker = config.BATCH_JOBS_ENABLED
    ? new BatchJobWorker(
        {
          jobs: repos.batchJobs,
          catalog,
          answers,
          log: app.log.child({ room: 'batch-jobs' }),
          now,
          staleDays: config.PRICE_STALE_DAYS,
          onItem: (ok) => {
            app.metrics.batchItems.inc({ outcome: ok ? 'ok' : 'error' });
            if (ok) app.metrics.comparisons.inc();
          },
        },
        {
          chunkSize: config.BATCH_JOB_CHUNK_SIZE,
          pollMs: config.BATCH_JOB_POLL_MS,
          leaseMs: config.BATCH_JOB_LEASE_MS,
          chunkPauseMs: config.BATCH_JOB_CHUNK_PAUSE_MS,
        },
      )
    : null;
  const service = new BatchJobService(repos.batchJobs, () => worker?.wake());
  await app.register(batchJobRoutes, { service, config });
  if (worker) {
    app.addHook('onReady', async () => worker.start());
    app.addHook('preClose', async () => worker.stop());
  }
}
