/** Domain types of asynchronous batch jobs (docs/jobs.md). Plain data: no Prisma, Fastify or zod. */

export const JOB_STATUSES = ['queued', 'running', 'done', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface BatchJob {
  id: string;
  status: JobStatus;
  /** Items submitted. */
  total: number;
  /** Items whose result is stored: results exist for exactly the item indexes 0 … done − 1. */
  done: number;
  /** Of those, items whose result is an error (invalid item, or one the engine rejected). */
  failed: number;
  detail: 'full' | 'none';
  ownerKeyId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A job held by a worker: the worker's lease must be renewed before `leaseUntil`. */
export interface ClaimedJob extends BatchJob {
  leaseOwner: string;
}

export interface JobItem {
  index: number;
  /** The submitted /compare request body (validated when processed). */
  body: unknown;
}

export interface JobResult {
  index: number;
  ok: boolean;
  /** The NDJSON line of the item, as /compare/batch writes it (JSON text, no newline). */
  line: string;
}
