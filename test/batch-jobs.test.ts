import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload, expectProblem, parseNdjson } from './helpers/comparison.js';

type Line = { index: number; ok: boolean; result?: unknown; error?: { status: number; errors: { field: string }[] } };

const valid = (overrides: Record<string, unknown> = {}) => ({
  workload: baseWorkload({ cachedInputShare: 0.1 }),
  candidates: [
    { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', offering: 'openai-gpt-5-mini' },
  ],
  ...overrides,
});

/** Valid items, one schema-invalid item (400 line) and one naming an unknown profile (422 line). */
const MIXED = [
  valid(),
  { workload: { inputTokensPerMonth: -1 }, candidates: [] },
  valid({ workload: baseWorkload({ inputTokensPerMonth: 5e9 }) }),
  valid({ candidates: [{ type: 'api', offering: 'no-such-offering' }] }),
  valid({ workload: baseWorkload({ outputTokensPerMonth: 3e9 }) }),
];

async function waitForJob(svc: TestService, location: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const start = Date.now();
  for (;;) {
    const res = await svc.http.get(location);
    expect(res.status).toBe(200);
    if (res.body.status === 'done' || res.body.status === 'cancelled') return res.body;
    if (Date.now() - start > timeoutMs) throw new Error(`job ${location} not finished after ${timeoutMs} ms: ${JSON.stringify(res.body)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('POST /batch-jobs processed in the background', () => {
  let svc: TestService;
  beforeAll(async () => {
    // Chunks of 2 items: a 5-item job takes three chunks (2 + 2 + 1).
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, BATCH_JOB_CHUNK_SIZE: 2, BATCH_JOB_POLL_MS: 50 });
  });
  afterAll(async () => svc?.close());

  it('answers 202 with Location, then gives the same lines as /compare/batch, in item order, once each', async () => {
    const res = await svc.http.post('/batch-jobs').send({ items: MIXED });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.headers.location).toBe(`/batch-jobs/${res.body.id}`);
    expect(res.body).toMatchObject({ total: 5, detail: 'full', links: { results: `/batch-jobs/${res.body.id}/results` } });
    expect(['queued', 'running']).toContain(res.body.status);

    const job = await waitForJob(svc, String(res.headers.location));
    expect(job).toMatchObject({ status: 'done', total: 5, done: 5, failed: 2, progress: 1 });
    expect(job.finishedAt).toEqual(expect.any(String));

    const results = await svc.http.get(`${res.headers.location}/results`).buffer(true).parse(asText);
    expect(results.status).toBe(200);
    expect(results.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(results.headers['breakeven-job-status']).toBe('done');
    const all = parseNdjson<Line & { type?: string }>(results.body as unknown as string);
    // The same completion record as /compare/batch ends the stream.
    expect(all.at(-1)).toEqual({ type: 'end', items: 5, total: 5, ok: 3, failed: 2, complete: true });
    const lines = all.slice(0, -1);
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2, 3, 4]);
    expect(lines.map((l) => l.ok)).toEqual([true, false, true, false, true]);
    expect(lines[1]?.error?.status).toBe(400);
    expect(lines[1]?.error?.errors.map((e) => e.field)).toContain('workload.inputTokensPerMonth');
    expect(lines[3]?.error?.status).toBe(422);

    const direct = await svc.http.post('/compare/batch').send({ items: MIXED }).buffer(true).parse(asText);
    expect(direct.status).toBe(200);
    expect(all).toEqual(parseNdjson<Line>(direct.body as unknown as string));

    const fromThree = await svc.http.get(`${res.headers.location}/results?from=3`).buffer(true).parse(asText);
    const rest = parseNdjson<Line>(fromThree.body as unknown as string);
    expect(rest.slice(0, -1).map((l) => l.index)).toEqual([3, 4]);
    expect(rest.at(-1)).toEqual({ type: 'end', items: 2, total: 2, ok: 1, failed: 1, complete: true });

    // Items are deleted once the job is done; one result row per item.
    expect(await svc.db.prisma.batchJobItem.count({ where: { jobId: res.body.id } })).toBe(0);
    expect(await svc.db.prisma.batchJobResult.count({ where: { jobId: res.body.id } })).toBe(5);
  });

  it('serves the results as CSV, identical to /compare/batch in CSV', async () => {
    const res = await svc.http.post('/batch-jobs?detail=none').send({ items: MIXED });
    expect(res.status).toBe(202);
    await waitForJob(svc, String(res.headers.location));
    const csv = await svc.http.get(`${res.headers.location}/results`).set('accept', 'text/csv').buffer(true).parse(asText);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const direct = await svc.http
      .post('/compare/batch?detail=none')
      .set('accept', 'text/csv')
      .send({ items: MIXED })
      .buffer(true)
      .parse(asText);
    expect(csv.body).toBe(direct.body);
    const rows = (csv.body as unknown as string).trim().split('\n');
    // Header, two rows for each of the three valid items, one error row for each invalid one, the trailer.
    expect(rows).toHaveLength(1 + 3 * 2 + 2 + 1);
    expect(rows.at(-1)).toBe('# end items=5 total=5 ok=3 failed=2 complete=true');
    expect(rows[0]?.startsWith('item,ok,error,')).toBe(true);
  });

  it('refuses bad input with problem+json and writes nothing', async () => {
    const before = await svc.db.prisma.batchJob.count();
    expectProblem(await svc.http.post('/batch-jobs').send({ items: [] }), 400, ['items']);
    expectProblem(await svc.http.post('/batch-jobs').send({ items: [valid()], extra: 1 }), 400);
    expectProblem(await svc.http.post('/batch-jobs?detail=some').send({ items: [valid()] }), 400, ['querystring.detail']);
    expect(await svc.db.prisma.batchJob.count()).toBe(before);
    expectProblem(await svc.http.get('/batch-jobs/job_unknown'), 404);
    expectProblem(await svc.http.get('/batch-jobs/job_unknown/results'), 404);
    expectProblem(await svc.http.delete('/batch-jobs/job_unknown'), 404);
    const res = await svc.http.post('/batch-jobs').send({ items: [valid()] });
    expectProblem(await svc.http.get(`${res.headers.location}/results`).set('accept', 'application/json'), 406);
    expectProblem(await svc.http.get(`${res.headers.location}/results?from=-1`), 400, ['querystring.from']);
  });
});

describe('DELETE /batch-jobs/{id}', () => {
  let svc: TestService;
  beforeAll(async () => {
    // No worker on this instance: jobs stay queued until cancelled.
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, BATCH_JOBS_ENABLED: false });
  });
  afterAll(async () => svc?.close());

  it('cancels a queued job (its items are dropped), then answers 409', async () => {
    const res = await svc.http.post('/batch-jobs').send({ items: [valid(), valid()] });
    expect(res.status).toBe(202);
    const location = String(res.headers.location);
    expect((await svc.http.get(location)).body).toMatchObject({ status: 'queued', done: 0, total: 2, progress: 0 });
    expect(await svc.db.prisma.batchJobItem.count({ where: { jobId: res.body.id } })).toBe(2);

    const cancelled = await svc.http.delete(location);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', done: 0 });
    expect(await svc.db.prisma.batchJobItem.count({ where: { jobId: res.body.id } })).toBe(0);
    expectProblem(await svc.http.delete(location), 409);
    const results = await svc.http.get(`${location}/results`).buffer(true).parse(asText);
    expect(results.headers['breakeven-job-status']).toBe('cancelled');
    const end = parseNdjson<Record<string, unknown>>(results.body as unknown as string);
    expect(end).toEqual([
      {
        type: 'end',
        items: 0,
        total: 2,
        ok: 0,
        failed: 0,
        complete: false,
        reason: 'The job was cancelled; the remaining items were not evaluated.',
      },
    ]);
  });
});
