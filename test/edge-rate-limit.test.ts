import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitBudget } from '../src/http/limits.js';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey } from './helpers/auth.js';
import { baseWorkload } from './helpers/comparison.js';

const compareBody = {
  workload: baseWorkload(),
  candidates: [{ type: 'api', offering: 'openai-gpt-5-mini' }],
};

function expectLimited(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, limit: number): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, title: 'Too many requests' });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

describe('rate limits: separate per-minute budgets for computing, reads and writes, per client', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, RATE_LIMIT_MAX: 3, RATE_LIMIT_READ_MAX: 5, RATE_LIMIT_WRITE_MAX: 2 });
  });
  afterAll(async () => svc.close());

  it('a client hammering /compare gets 429 problem+json with retry-after once RATE_LIMIT_MAX is spent', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await svc.http.post('/compare').send(compareBody).expect(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
      expect(res.headers['ratelimit-remaining']).toBe(String(2 - i));
    }
    expectLimited(await svc.http.post('/compare').send(compareBody), 3);
    // The computing routes share the budget.
    expectLimited(await svc.http.post('/estimates').send({}), 3);
    expectLimited(await svc.http.post('/projections').send({}), 3);
    expectLimited(await svc.http.post('/compare/batch').send({ items: [compareBody] }), 3);
  });

  it('reads have their own budget, untouched by the spent computing budget', async () => {
    for (let i = 0; i < 5; i++) await svc.http.get('/hardware').expect(200);
    expectLimited(await svc.http.get('/models'), 5);
  });

  it('writes have their own budget; rejected (400) writes count too', async () => {
    await svc.http.post('/scenarios').send({}).expect(400);
    await svc.http.post('/scenarios').send({}).expect(400);
    expectLimited(await svc.http.post('/scenarios').send({}), 2);
  });

  it('health, readiness and metrics are never limited', async () => {
    for (let i = 0; i < 10; i++) {
      await svc.http.get('/health').expect(200);
      await svc.http.get('/ready').expect(200);
    }
  });
});

describe('rate-limit budgets', () => {
  const config = { RATE_LIMIT_MAX: 10, RATE_LIMIT_READ_MAX: 20, RATE_LIMIT_WRITE_MAX: 30 };
  it.each([
    ['POST', '/compare', 'compute', 10],
    ['POST', '/compare/batch', 'compute', 10],
    ['POST', '/estimates', 'compute', 10],
    ['POST', '/projections', 'compute', 10],
    ['GET', '/scenarios/:id', 'read', 20],
    ['HEAD', '/hardware', 'read', 20],
    ['GET', '/scenarios/:id/break-even.svg', 'read', 20],
    ['POST', '/scenarios', 'write', 30],
    ['PATCH', '/hardware/:id', 'write', 30],
    ['DELETE', '/scenarios/:id', 'write', 30],
    ['GET', '/health', 'exempt', null],
    ['GET', '/ready', 'exempt', null],
    ['GET', '/metrics', 'exempt', null],
  ])('%s %s → %s', (method, url, budget, max) => {
    const b = rateLimitBudget(method, url, config);
    expect(b.name).toBe(budget);
    expect(b.max).toBe(max);
  });
});

describe('rate limits are per API key when the request carries one, else per IP', () => {
  let svc: TestService;
  const admin = adminSecret();
  beforeAll(async () => {
    // Generous write budget: creating the keys (POST /keys) draws on it.
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, RATE_LIMIT_READ_MAX: 2, ADMIN_API_KEY: admin });
  });
  afterAll(async () => svc.close());

  it('each key has its own budget; anonymous requests share the IP budget', async () => {
    const keys = [await createKey(svc.http, admin, 'alpha', ['read']), await createKey(svc.http, admin, 'beta', ['read'])];
    for (const key of keys) {
      await svc.http.get('/hardware').set('authorization', bearer(key.secret)).expect(200);
      await svc.http.get('/hardware').set('authorization', bearer(key.secret)).expect(200);
      expect((await svc.http.get('/hardware').set('authorization', bearer(key.secret))).status).toBe(429);
    }
    await svc.http.get('/hardware').expect(200);
    await svc.http.get('/hardware').expect(200);
    expect((await svc.http.get('/hardware')).status).toBe(429);
  });
});
