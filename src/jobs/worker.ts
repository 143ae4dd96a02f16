import { randomUUID } from 'node:crypto';
import { setTimeout as sleep, setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { BatchJobRepository } from '../repositories/batch-jobs.js';
import type { AnswerDeps } from '../services/answer-memo/answer.js';
import { evaluateBatchItem, outcomeJson } from '../services/batch-items.js';
import type { ProfileCatalog } from '../services/catalog.js';
import type { ClaimedJob, JobResult } from './types.js';

export interface WorkerSettings {
  chunkSize: number;
  pollMs: number;
  leaseMs: number;
  chunkPauseMs: number;
}

export interface WorkerDeps {
  jobs: BatchJobRepository;
  catalog: ProfileCatalog;
  /** Replica models and the answer memo (src/services/answer-memo). */
  answers: AnswerDeps;
  log: FastifyBaseLogger;
  /** Called once per evaluated item (metrics). */
  onItem?: (ok: boolean) => void;
  now?: () => Date;
  /** Prices older than this many days are flagged in each result, as in /compare/batch (PRICE_STALE_DAYS). */
  staleDays?: number;
}

/**
 * Processes batch jobs in the background, one job at a time per instance (docs/jobs.md):
 * claim the oldest unfinished job whose lease is free, then repeatedly read the next chunk of
 * items after `done`, evaluate it, and commit the chunk's results together with the new `done`
 * in one transaction (conditional on still holding the job). A crash loses at most the chunk in
 * flight, which was never committed: the next worker resumes at `done`.
 */
export class BatchJobWorker {
  readonly id = `worker-${randomUUID()}`;
  private stopping = false;
  private wakeUp = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly settings: WorkerSettings,
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private leaseUntil(): Date {
    return new Date(this.now().getTime() + this.settings.leaseMs);
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  /** Ends the idle wait now (a job was just submitted). */
  wake(): void {
    this.wakeUp.abort();
  }

  /** Stops after the chunk in flight; resolves once the loop has ended. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        const job = await this.deps.jobs.claimNext(this.id, this.now(), this.leaseUntil());
        if (job) {
          worked = true;
          await this.process(job);
        }
      } catch (err) {
        this.deps.log.error({ err }, 'batch job worker: a step failed; it is retried after the poll interval');
      }
      if (!worked && !this.stopping) {
        this.wakeUp = new AbortController();
        await sleep(this.settings.pollMs, undefined, { signal: this.wakeUp.signal }).catch(() => {});
      }
    }
  }

  private async process(job: ClaimedJob): Promise<void> {
    const { jobs, catalog, answers, log } = this.deps;
    const snapshot = await catalog.snapshot();
    const freshness = this.deps.staleDays === undefined ? undefined : { at: this.now(), staleDays: this.deps.staleDays };
    let done = job.done;
    let evaluated = 0;
    log.info({ jobId: job.id, done, total: job.total, worker: this.id }, done > 0 ? 'batch job resumed' : 'batch job started');
    while (!this.stopping && done < job.total) {
      const items = await jobs.items(job.id, done, this.settings.chunkSize);
      if (items.length === 0) break;
      const results: JobResult[] = items.map((item) => {
        const outcome = evaluateBatchItem(item.body, item.index, snapshot, answers, job.detail, freshness);
        this.deps.onItem?.(outcome.ok);
        return { index: item.index, ok: outcome.ok, line: outcomeJson(outcome) };
      });
      evaluated += items.length;
      if (!(await jobs.commitChunk(job.id, this.id, done, results, this.now(), this.leaseUntil()))) {
        log.info({ jobId: job.id, done }, 'batch job left: cancelled or taken over');
        return;
      }
      done += items.length;
      if (this.settings.chunkPauseMs > 0) await sleep(this.settings.chunkPauseMs);
      else await yieldToEventLoop();
    }
    if (done < job.total) await jobs.release(job.id, this.id);
    else log.info({ jobId: job.id, total: job.total, evaluatedHere: evaluated }, 'batch job finished');
  }
}
