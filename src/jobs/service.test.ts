import { describe, expect, it } from 'vitest';
import type { BatchJobRepository } from '../repositories/batch-jobs.js';
import { BatchJobService } from './service.js';
import type { BatchJob, JobResult } from './types.js';

/** A repository holding `n` stored results (every third an error), paged as the real one pages. */
function repositoryWith(n: number, onPage: (from: number) => void = () => {}): BatchJobRepository {
  const stored: JobResult[] = Array.from({ length: n }, (_, index) => ({
    index,
    ok: index % 3 !== 2,
    line: JSON.stringify(index % 3 !== 2 ? { index, ok: true } : { index, ok: false }),
  }));
  const unused = () => {
    throw new Error('not used by results()');
  };
  return {
    create: unused,
    find: unused,
    claimNext: unused,
    items: unused,
    commitChunk: unused,
    release: unused,
    cancel: unused,
    async results(_jobId, from, limit) {
      onPage(from);
      return stored.filter((r) => r.index >= from).slice(0, limit);
    },
  };
}

const job = (status: BatchJob['status'], total: number, done: number): BatchJob => ({
  id: 'job_1',
  status,
  total,
  done,
  failed: 0,
  detail: 'none',
  ownerKeyId: null,
  createdAt: new Date(0),
  startedAt: null,
  finishedAt: null,
});

async function lines(gen: AsyncGenerator<string>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const chunk of gen) out.push(JSON.parse(chunk) as Record<string, unknown>);
  return out;
}

describe('BatchJobService.results', () => {
  it('streams every stored result of a finished job and ends complete (pages of 500)', async () => {
    const pages: number[] = [];
    const service = new BatchJobService(repositoryWith(1_200, (from) => pages.push(from)));
    const out = await lines(service.results(job('done', 1_200, 1_200), 0, 'application/x-ndjson'));
    expect(out).toHaveLength(1_201);
    expect(pages).toEqual([0, 500, 1_000]);
    expect(out.at(-1)).toEqual({ type: 'end', items: 1_200, total: 1_200, ok: 800, failed: 400, complete: true });
  });

  it('while the job runs, ends incomplete and names the ?from= to resume at', async () => {
    const service = new BatchJobService(repositoryWith(300));
    const out = await lines(service.results(job('running', 1_000, 300), 100, 'application/x-ndjson'));
    expect(out.at(-1)).toMatchObject({ type: 'end', items: 200, total: 900, complete: false });
    expect(out.at(-1)?.reason).toBe('The job is running: fetch again with ?from=300 for the remaining results.');
  });

  it('a shutdown cut stops the stream after the page in hand with complete:false and the ?from= to resume at', async () => {
    const cut = new AbortController();
    // The cut arrives while the second page is being read.
    const service = new BatchJobService(
      repositoryWith(1_200, (from) => {
        if (from === 500) cut.abort();
      }),
    );
    const out = await lines(service.results(job('done', 1_200, 1_200), 0, 'application/x-ndjson', cut.signal));
    const end = out.at(-1);
    expect(out).toHaveLength(1_001);
    expect(end).toMatchObject({ type: 'end', items: 1_000, total: 1_200, complete: false });
    expect(end?.reason).toBe('The server is shutting down: fetch again with ?from=1000 for the remaining results.');
  });

  it('a stream cut before it starts still ends with its end record (CSV trailer)', async () => {
    const cut = new AbortController();
    cut.abort();
    const service = new BatchJobService(repositoryWith(10));
    const chunks: string[] = [];
    for await (const c of service.results(job('done', 10, 10), 0, 'text/csv', cut.signal)) chunks.push(c);
    expect(chunks).toHaveLength(2); // the header, then the trailer
    expect(chunks[1]).toBe(
      '# end items=0 total=10 ok=0 failed=0 complete=false reason="The server is shutting down: fetch again with ?from=0 for the remaining results."\n',
    );
  });
});
