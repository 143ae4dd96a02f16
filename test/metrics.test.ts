import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

/** The value of one sample line of the Prometheus text format, or 0 when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{([^}]*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[3] ?? '').split(',');
    if (wanted.every((w) => have.includes(w))) return Number(m[4]);
  }
  return 0;
}

const compareBody = {
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-h100-sxm' },
  ],
};

describe('GET /metrics', () => {
  it('serves the Prometheus text format with default process metrics', async () => {
    const res = await svc.http.get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.text).toContain('# TYPE process_cpu_seconds_total counter');
  });

  it('counts requests by route template and status, with durations', async () => {
    const before = sample((await svc.http.get('/metrics')).text, 'http_requests_total', { route: '/models/:id', status: '404' });
    await svc.http.get('/models/no-such-model').expect(404);
    await svc.http.get('/models/also-missing').expect(404);
    const text = (await svc.http.get('/metrics')).text;
    expect(sample(text, 'http_requests_total', { method: 'GET', route: '/models/:id', status: '404' })).toBe(before + 2);
    expect(sample(text, 'http_request_duration_seconds_count', { route: '/models/:id', status: '404' })).toBe(before + 2);
  });

  it('counts comparisons, batch items by outcome, and profile cache hits and misses', async () => {
    const before = (await svc.http.get('/metrics')).text;
    await svc.http.post('/compare').send(compareBody).expect(200);
    await svc.http.post('/compare').send(compareBody).expect(200);
    await svc.http
      .post('/compare/batch')
      .send({ items: [compareBody, { workload: {} }, compareBody] })
      .expect(200);
    const after = (await svc.http.get('/metrics')).text;
    expect(sample(after, 'breakeven_comparisons_total') - sample(before, 'breakeven_comparisons_total')).toBe(4);
    expect(
      sample(after, 'breakeven_batch_items_total', { outcome: 'ok' }) - sample(before, 'breakeven_batch_items_total', { outcome: 'ok' }),
    ).toBe(2);
    expect(sample(after, 'breakeven_batch_items_total', { outcome: 'error' })).toBe(1);
    // Three lookups per snapshot (hardware, models, offerings); after the first load they are hits.
    expect(sample(after, 'breakeven_profile_cache_hits_total')).toBeGreaterThan(sample(before, 'breakeven_profile_cache_hits_total'));
    expect(sample(after, 'breakeven_profile_cache_misses_total')).toBeGreaterThanOrEqual(3);
  });

  it('a profile write invalidates the cache: the next comparison reloads (a miss)', async () => {
    await svc.http.post('/compare').send(compareBody).expect(200);
    const before = sample((await svc.http.get('/metrics')).text, 'breakeven_profile_cache_misses_total');
    await svc.http.patch('/hardware/nvidia-h100-sxm').send({ notes: 'touched' }).expect(200);
    await svc.http.post('/compare').send(compareBody).expect(200);
    const after = sample((await svc.http.get('/metrics')).text, 'breakeven_profile_cache_misses_total');
    expect(after).toBe(before + 1);
  });

  it('counts database errors', async () => {
    const before = sample((await svc.http.get('/metrics')).text, 'breakeven_database_errors_total');
    await svc.db.prisma.$executeRawUnsafe('ALTER TABLE "_prisma_migrations" RENAME TO "_renamed_migrations"');
    try {
      await svc.http.get('/ready').expect(503);
    } finally {
      await svc.db.prisma.$executeRawUnsafe('ALTER TABLE "_renamed_migrations" RENAME TO "_prisma_migrations"');
    }
    expect(sample((await svc.http.get('/metrics')).text, 'breakeven_database_errors_total')).toBe(before + 1);
  });
});
