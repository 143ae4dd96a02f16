import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { baseWorkload } from './helpers/comparison.js';

const compareBody = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5-mini' }] };

function expectShed(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, retryAfter: number): void {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
}

/** Polls until `check` holds or `ms` pass. */
async function eventually(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('load shedding: memory over its threshold', () => {
  let svc: TestService;
  beforeAll(async () => {
    // 1 MiB of RSS: always exceeded once the first sample (after 1 s) is taken.
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, PRESSURE_MAX_RSS_MB: 1, PRESSURE_RETRY_AFTER_S: 7 });
  });
  afterAll(async () => svc.close());

  it('answers 503 problem+json with Retry-After on work routes; /ready 503; /health and /metrics still 200', async () => {
    expect(await eventually(async () => (await svc.http.post('/compare').send(compareBody)).status === 503, 3_000)).toBe(true);
    const res = await svc.http.post('/compare').send(compareBody);
    expectShed(res, 7);
    expect(res.body.detail).toMatch(/resident memory \d+ MiB \(limit 1 MiB\)/);
    expectShed(await svc.http.get('/hardware'), 7);
    expectShed(await svc.http.post('/scenarios').send({}), 7);
    const ready = await svc.http.get('/ready').expect(503);
    expect(ready.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(ready.body.detail).toMatch(/overloaded/);
    await svc.http.get('/health').expect(200);
    await svc.http.get('/metrics').expect(200);
  });
});

describe('load shedding: event-loop delay over its threshold', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true, PRESSURE_MAX_EVENT_LOOP_DELAY_MS: 50 });
  });
  afterAll(async () => svc.close());

  it('sheds while the loop is blocked, and serves again once it recovers', async () => {
    // Start-up itself (migrations, reference data) may have delayed the loop: wait for a calm sample first.
    expect(await eventually(async () => (await svc.http.post('/compare').send(compareBody)).status === 200, 4_000)).toBe(true);
    // Block the (shared) event loop in 150 ms slices for 2.5 s: every sample in that time sees a mean delay far over 50 ms.
    const until = performance.now() + 2_500;
    while (performance.now() < until) {
      const sliceEnd = performance.now() + 150;
      while (performance.now() < sliceEnd) {
        // busy
      }
      await yieldToEventLoop();
    }
    const res = await svc.http.post('/compare').send(compareBody);
    expectShed(res, 10);
    expect(res.body.detail).toMatch(/event-loop delay \d+ ms \(limit 50 ms\)/);
    expect(await svc.http.get('/health').then((r) => r.status)).toBe(200);
    expect(await eventually(async () => (await svc.http.post('/compare').send(compareBody)).status === 200, 4_000)).toBe(true);
    await svc.http.get('/ready').expect(200);
  });
});
