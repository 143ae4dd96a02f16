import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { offeringBody } from './helpers/fixtures.js';

/**
 * Webhooks (docs/runs.md, "Notifications"): a local receiver on loopback answers 500 to the
 * first POST and 200 afterwards; the event must arrive signed (HMAC-SHA256 of the raw body),
 * be retried after the 500, and be logged with both attempts. A receiver that never answers
 * must not slow a run down. SQLite, and PostgreSQL in the PostgreSQL pass.
 */
const SECRET = 'test-secret-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  answered: number;
}

let svc: TestService;
let receiver: Server;
let base = '';
const received: Received[] = [];
let failuresLeft = 1;

async function waitFor<T>(what: string, f: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      raw += c;
    });
    req.on('end', () => {
      if (req.url === '/hang') return; // never answers
      const status = req.url === '/flaky' && failuresLeft-- > 0 ? 500 : 200;
      received.push({ path: req.url ?? '', headers: req.headers, raw, answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  svc = await startTestService({
    SCHEDULER_ENABLED: false,
    NOTIFY_ALLOWED_HOSTS: '127.0.0.1',
    NOTIFY_POLL_MS: 50,
    NOTIFY_RETRY_BASE_MS: 200,
    NOTIFY_TIMEOUT_MS: 1000,
    NOTIFY_MAX_ATTEMPTS: 3,
  });
});
afterAll(async () => {
  await svc.close();
  receiver.closeAllConnections();
  await new Promise((r) => receiver.close(r));
});

const workload = {
  inputTokensPerMonth: 6e9,
  outputTokensPerMonth: 2e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  cachedInputShare: 0,
  batchShare: 0,
};

describe('webhook notifications', () => {
  it('delivers cheapest-changed signed, retries after a 500, and logs both attempts', async () => {
    const a = offeringBody({ inputUsdPerMtok: 1.25, cachedInputUsdPerMtok: null, outputUsdPerMtok: 10 });
    const b = offeringBody({ inputUsdPerMtok: 1, cachedInputUsdPerMtok: null, outputUsdPerMtok: 9.5 });
    await svc.http.post('/api-offerings').send(a).expect(201);
    await svc.http.post('/api-offerings').send(b).expect(201);
    const id = (
      await svc.http
        .post('/scenarios')
        .send({
          name: 'notify me',
          workload,
          candidates: [
            { type: 'api', label: 'A', offering: a.id },
            { type: 'api', label: 'B', offering: b.id },
          ],
          notify: { url: `${base}/flaky`, secret: SECRET, on: ['cheapest-changed', 'break-even-moved', 'run-failed'] },
        })
        .expect(201)
    ).body.id;
    await svc.http.post(`/scenarios/${id}/runs`).expect(201); // first run: nothing to compare, no event
    // A: 6000 × 1.25 + 2000 × 8 = 23,500 < B's 25,000: the cheapest option changes.
    await svc.http.patch(`/api-offerings/${a.id}`).send({ outputUsdPerMtok: 8 }).expect(200);
    const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    expect(run.changes.cheapest).toEqual({ from: 'B', to: 'A' });

    const log = await waitFor('the delivery to succeed', async () => {
      const page = (await svc.http.get(`/scenarios/${id}/deliveries`).expect(200)).body;
      return page.items[0]?.status === 'delivered' ? page : undefined;
    });
    expect(log.total).toBe(1);
    const d = log.items[0];
    expect(d).toMatchObject({
      scenarioId: id,
      runId: run.id,
      event: 'cheapest-changed',
      url: `${base}/flaky`,
      attempts: 2,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    expect(d.attemptLog.map((x: { statusCode: number }) => x.statusCode)).toEqual([500, 200]);
    // Exponential backoff: the retry waited at least the base delay (200 ms).
    expect(new Date(d.attemptLog[1].at).getTime() - new Date(d.attemptLog[0].at).getTime()).toBeGreaterThanOrEqual(200);

    expect(received.map((r) => r.answered)).toEqual([500, 200]);
    const [first, second] = received as [Received, Received];
    expect(second.raw).toBe(first.raw); // the retry sends the same bytes
    const expected = `sha256=${createHmac('sha256', SECRET).update(second.raw).digest('hex')}`;
    const given = String(second.headers['x-breakeven-signature']);
    expect(given).toBe(expected);
    expect(timingSafeEqual(Buffer.from(given), Buffer.from(expected))).toBe(true);
    expect(second.headers['x-breakeven-event']).toBe('cheapest-changed');
    expect(second.headers['content-type']).toBe('application/json');
    const event = JSON.parse(second.raw);
    expect(event).toMatchObject({
      event: 'cheapest-changed',
      scenario: { id, name: 'notify me' },
      run: { id: run.id, number: 2, status: 'ok' },
      cheapest: { from: 'B', to: 'A' },
      causes: [`${a.id}.outputUsdPerMtok 10 -> 8`],
    });
  });

  it('sends run-failed, and a receiver that never answers does not slow runs down', async () => {
    const gone = offeringBody();
    await svc.http.post('/api-offerings').send(gone).expect(201);
    const id = (
      await svc.http
        .post('/scenarios')
        .send({
          name: 'hanging receiver',
          workload,
          candidates: [{ type: 'api', offering: gone.id }],
          notify: { url: `${base}/hang`, on: ['run-failed'] },
        })
        .expect(201)
    ).body.id;
    await svc.http.delete(`/api-offerings/${gone.id}`).expect(204);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
      times.push(performance.now() - started);
      expect(run.status).toBe('failed');
    }
    // Each delivery waits up to NOTIFY_TIMEOUT_MS (1 s) for the receiver; the runs did not.
    expect(Math.max(...times)).toBeLessThan(900);
    const page = (await svc.http.get(`/scenarios/${id}/deliveries`).expect(200)).body;
    expect(page.total).toBe(3);
    expect(page.items.every((d: { event: string; signatureHeader?: string }) => d.event === 'run-failed')).toBe(true);
    const timedOut = await waitFor('a timed-out attempt to be logged', async () => {
      const items = (await svc.http.get(`/scenarios/${id}/deliveries`).expect(200)).body.items as {
        attemptLog: { error: string | null }[];
      }[];
      return items.flatMap((x) => x.attemptLog).find((x) => x.error !== null);
    });
    expect(timedOut.error).toMatch(/timeout|abort/i);
  });
});
