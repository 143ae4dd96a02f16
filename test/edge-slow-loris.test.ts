import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { rawExchange } from './helpers/raw-http.js';

/**
 * A slow-loris client keeps a socket busy by sending its headers a few bytes at a time, never
 * finishing them, so idle timeouts never fire. The headers timeout must close it anyway.
 */
describe('slow-loris client', () => {
  const HEADERS_TIMEOUT_MS = 1_000;
  let svc: TestService;
  let port: number;
  beforeAll(async () => {
    svc = await startTestService({ HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS: 5_000 });
    port = (svc.app.server.address() as { port: number }).port;
  });
  afterAll(async () => svc.close());

  it('is answered 408 and closed within the headers timeout (plus the deadline-check interval)', async () => {
    // One byte every 50 ms: the socket is never idle, the headers never end.
    const request =
      'GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
    const res = await rawExchange(port, request.split(''), { gapMs: 50, timeoutMs: 10_000 });
    console.info(
      `slow-loris socket closed by the server after ${Math.round(res.closedAfterMs)} ms (HEADERS_TIMEOUT_MS=${HEADERS_TIMEOUT_MS})`,
    );
    expect(res.closedByServer).toBe(true);
    expect(res.status).toBe(408);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.closedAfterMs).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 50);
    // Deadline + one check interval (250 ms here) + scheduling slack on a loaded 2-core machine.
    expect(res.closedAfterMs).toBeLessThan(HEADERS_TIMEOUT_MS + 250 + 750);
  });

  it('does not stop other clients from being served meanwhile', async () => {
    const loris = Array.from({ length: 20 }, () =>
      rawExchange(port, 'GET /health HTTP/1.1\r\nHost: x\r\nX-A: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'.split(''), {
        gapMs: 50,
        timeoutMs: 10_000,
      }),
    );
    const started = performance.now();
    await svc.http.get('/health').expect(200);
    expect(performance.now() - started).toBeLessThan(500);
    const closed = await Promise.all(loris);
    for (const c of closed) expect(c.closedByServer).toBe(true);
  });
});
