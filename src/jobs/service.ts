import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor.js';
import { ConflictError, NotFoundError, PayloadTooLargeError } from '../errors.js';
import { csvLines } from '../http/csv.js';
import { csvTrailer, ndjsonEnd, streamEnd } from '../http/stream-end.js';
import type { BatchJobRepository, JobOwner } from '../repositories/batch-jobs.js';
import { BATCH_CSV_COLUMNS, batchCsvRows, type ItemOutcome } from '../services/batch-items.js';
import { MAX_BATCH_JOB_ITEMS } from './schemas.js';
import type { BatchJob } from './types.js';

/** Results read from the database per query while streaming them. */
const RESULTS_PAGE = 500;

/** Whose jobs an actor sees: its own (by API key; anonymous sees anonymous ones), or all for an admin key. */
function ownerOf(actor: Actor): JobOwner {
  return { keyId: actor.keyId, seesAll: actor.keyId !== null && actor.scopes.includes('admin') };
}

/** Submitting, reading, cancelling batch jobs and reading their results (docs/jobs.md). */
export class BatchJobService {
  constructor(
    private readonly jobs: BatchJobRepository,
    /** Called after a job is stored, so an idle worker starts at once. */
    private readonly onSubmitted: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Stores a job with its items (validated one by one when processed, as /compare/batch does). */
  async submit(items: readonly unknown[], detail: 'full' | 'none', actor: Actor): Promise<BatchJob> {
    if (items.length > MAX_BATCH_JOB_ITEMS) {
      throw new PayloadTooLargeError(`A batch job holds at most ${MAX_BATCH_JOB_ITEMS} items; this one has ${items.length}.`);
    }
    const job = await this.jobs.create({ id: `job_${randomUUID()}`, detail, ownerKeyId: actor.keyId, now: this.now() }, items);
    this.onSubmitted();
    return job;
  }

  /** The job, or 404 when it does not exist or belongs to another key. */
  async get(id: string, actor: Actor): Promise<BatchJob> {
    const job = await this.jobs.find(id, ownerOf(actor));
    if (!job) throw new NotFoundError('batch job', id);
    return job;
  }

  /** Cancels a queued or running job; 409 when it has already finished. */
  async cancel(id: string, actor: Actor): Promise<BatchJob> {
    await this.get(id, actor);
    if (!(await this.jobs.cancel(id, this.now()))) {
      const job = await this.get(id, actor);
      throw new ConflictError(`Batch job ${id} has already finished (${job.status}); there is nothing to cancel.`);
    }
    return this.get(id, actor);
  }

  /**
   * The stored results from item `from` on, in item order: NDJSON lines (as /compare/batch
   * writes them) or CSV rows (header first). While the job runs, only the results committed so
   * far; fetch again with `from` = the last index + 1 for the rest. Ends with the completion
   * record of /compare/batch (src/http/stream-end.ts): `complete: true` once every item from
   * `from` on has its result.
   */
  async *results(
    job: BatchJob,
    from: number,
    format: 'application/x-ndjson' | 'text/csv',
    /** Aborted when the server cuts streams at shutdown: the stream stops after the page in hand. */
    cut?: AbortSignal,
  ): AsyncGenerator<string> {
    if (format === 'text/csv') yield csvLines([BATCH_CSV_COLUMNS]);
    const counts = { items: 0, total: Math.max(0, job.total - from), ok: 0, failed: 0 };
    let next = from;
    while (!cut?.aborted) {
      const page = await this.jobs.results(job.id, next, RESULTS_PAGE);
      for (const r of page) {
        counts.items++;
        if (r.ok) counts.ok++;
        else counts.failed++;
        yield format === 'text/csv' ? batchCsvRows(JSON.parse(r.line) as ItemOutcome) : `${r.line}\n`;
      }
      const last = page.at(-1);
      if (!last || page.length < RESULTS_PAGE) break;
      next = last.index + 1;
    }
    // The same completion record as /compare/batch: complete only once every item has its result.
    const reason = cut?.aborted
      ? `The server is shutting down: fetch again with ?from=${from + counts.items} for the remaining results.`
      : job.status === 'cancelled'
        ? 'The job was cancelled; the remaining items were not evaluated.'
        : `The job is ${job.status}: fetch again with ?from=${from + counts.items} for the remaining results.`;
    const end = streamEnd(counts, reason);
    yield format === 'text/csv' ? csvTrailer(end) : ndjsonEnd(end);
  }
}
