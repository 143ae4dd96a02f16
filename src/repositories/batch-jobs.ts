import { type Database, inTransaction } from '../db/database.js';
import type { BatchJob, ClaimedJob, JobItem, JobResult, JobStatus } from '../jobs/types.js';

/** Rows written per INSERT when storing a job's items (keeps statements well under SQLite's variable limit). */
const INSERT_ROWS = 500;

export interface JobOwner {
  keyId: string | null;
  seesAll: boolean;
}

export interface BatchJobRepository {
  /** Stores a queued job and all its items in one transaction. */
  create(job: { id: string; detail: 'full' | 'none'; ownerKeyId: string | null; now: Date }, items: readonly unknown[]): Promise<BatchJob>;
  /** The job when it exists and `owner` may see it (its creator, or an admin), else null. */
  find(id: string, owner: JobOwner): Promise<BatchJob | null>;
  /**
   * Takes the oldest unfinished job whose lease is free (never taken, expired, or already ours)
   * with an atomic conditional update, so that two workers never hold one job. Null when none.
   */
  claimNext(worker: string, now: Date, leaseUntil: Date): Promise<ClaimedJob | null>;
  /** Items `from` … `from + limit − 1` of a job, in index order. */
  items(jobId: string, from: number, limit: number): Promise<JobItem[]>;
  /**
   * Commits one chunk: stores `results` (items `from` … `from + results.length − 1`) and moves
   * `done` from `from` to `from + results.length` in one transaction, only while `worker` holds the
   * job, the job is still running and `done` is still `from`; otherwise nothing is written and it
   * returns false (the job was cancelled, or another worker took it over).
   * The last chunk also marks the job done and deletes its items.
   */
  commitChunk(jobId: string, worker: string, from: number, results: readonly JobResult[], now: Date, leaseUntil: Date): Promise<boolean>;
  /** Gives up `worker`'s lease on a job (graceful stop), so another worker or a restart takes it at once. */
  release(jobId: string, worker: string): Promise<void>;
  /** Cancels a queued or running job (its items are deleted, results so far kept); false when it had already finished. */
  cancel(id: string, now: Date): Promise<boolean>;
  /** Stored results with index ≥ `from`, in index order, at most `limit`. */
  results(jobId: string, from: number, limit: number): Promise<JobResult[]>;
}

type JobRow = {
  id: string;
  status: string;
  total: number;
  done: number;
  failed: number;
  detail: string;
  ownerKeyId: string | null;
  leaseOwner: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

function toJob(row: JobRow): BatchJob {
  return {
    id: row.id,
    status: row.status as JobStatus,
    total: row.total,
    done: row.done,
    failed: row.failed,
    detail: row.detail === 'none' ? 'none' : 'full',
    ownerKeyId: row.ownerKeyId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

class LostJob extends Error {}

export function createBatchJobRepository(db: Database): BatchJobRepository {
  const prisma = db.prisma;
  return {
    async create({ id, detail, ownerKeyId, now }, items) {
      const row = await inTransaction(db, async (tx) => {
        const job = await tx.batchJob.create({ data: { id, status: 'queued', total: items.length, detail, ownerKeyId, createdAt: now } });
        for (let start = 0; start < items.length; start += INSERT_ROWS) {
          const data = items
            .slice(start, start + INSERT_ROWS)
            .map((body, k) => ({ jobId: id, index: start + k, body: JSON.stringify(body) }));
          await tx.batchJobItem.createMany({ data });
        }
        return job;
      });
      return toJob(row);
    },

    async find(id, owner) {
      const row = await prisma.batchJob.findUnique({ where: { id } });
      if (!row || (!owner.seesAll && row.ownerKeyId !== owner.keyId)) return null;
      return toJob(row);
    },

    async claimNext(worker, now, leaseUntil) {
      const free = { OR: [{ leaseOwner: null }, { leaseUntil: { lt: now } }, { leaseOwner: worker }] };
      const candidates = await prisma.batchJob.findMany({
        where: { status: { in: ['queued', 'running'] }, ...free },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 5,
        select: { id: true, startedAt: true },
      });
      for (const c of candidates) {
        const { count } = await prisma.batchJob.updateMany({
          where: { id: c.id, status: { in: ['queued', 'running'] }, ...free },
          data: { status: 'running', leaseOwner: worker, leaseUntil, startedAt: c.startedAt ?? now },
        });
        if (count === 1) {
          const row = await prisma.batchJob.findUnique({ where: { id: c.id } });
          if (row) return { ...toJob(row), leaseOwner: worker };
        }
      }
      return null;
    },

    async items(jobId, from, limit) {
      const rows = await prisma.batchJobItem.findMany({
        where: { jobId, index: { gte: from } },
        orderBy: { index: 'asc' },
        take: limit,
      });
      return rows.map((r) => ({ index: r.index, body: JSON.parse(r.body) as unknown }));
    },

    async commitChunk(jobId, worker, from, results, now, leaseUntil) {
      try {
        await inTransaction(db, async (tx) => {
          const job = await tx.batchJob.findUnique({ where: { id: jobId }, select: { total: true } });
          if (!job) throw new LostJob();
          const done = from + results.length;
          const finished = done >= job.total;
          // The conditional update comes first: on PostgreSQL it locks the job row, so a second
          // writer waits, then finds `done` moved and writes nothing.
          const { count } = await tx.batchJob.updateMany({
            where: { id: jobId, status: 'running', leaseOwner: worker, done: from },
            data: {
              done,
              failed: { increment: results.filter((r) => !r.ok).length },
              ...(finished ? { status: 'done', finishedAt: now, leaseOwner: null, leaseUntil: null } : { leaseUntil }),
            },
          });
          if (count !== 1) throw new LostJob();
          await tx.batchJobResult.createMany({ data: results.map((r) => ({ jobId, index: r.index, ok: r.ok, line: r.line })) });
          if (finished) await tx.batchJobItem.deleteMany({ where: { jobId } });
        });
        return true;
      } catch (err) {
        if (err instanceof LostJob) return false;
        throw err;
      }
    },

    async release(jobId, worker) {
      await prisma.batchJob.updateMany({ where: { id: jobId, leaseOwner: worker }, data: { leaseOwner: null, leaseUntil: null } });
    },

    async cancel(id, now) {
      return inTransaction(db, async (tx) => {
        const { count } = await tx.batchJob.updateMany({
          where: { id, status: { in: ['queued', 'running'] } },
          data: { status: 'cancelled', finishedAt: now, leaseOwner: null, leaseUntil: null },
        });
        if (count === 1) await tx.batchJobItem.deleteMany({ where: { jobId: id } });
        return count === 1;
      });
    },

    async results(jobId, from, limit) {
      const rows = await prisma.batchJobResult.findMany({ where: { jobId, index: { gte: from } }, orderBy: { index: 'asc' }, take: limit });
      return rows.map((r) => ({ index: r.index, ok: r.ok, line: r.line }));
    },
  };
}
