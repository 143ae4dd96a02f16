import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { defaultConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { redactUrl } from '../src/http/log-redaction.js';
import { freshDatabase, startTestService, type TestService } from './helpers/app.js';
import { type RawResponse, rawExchange } from './helpers/raw-http.js';

function expectProblem(res: RawResponse, status: number): Record<string, unknown> {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^https:\/\/breakeven\.dev\/problems\//) });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  return body;
}

describe('every client error is problem+json', () => {
  let svc: TestService;
  let port: number;
  beforeAll(async () => {
    svc = await startTestService({ REQUEST_TIMEOUT_MS: 800, HEADERS_TIMEOUT_MS: 800 });
    port = (svc.app.server.address() as { port: number }).port;
  });
  afterAll(async () => svc.close());

  it('a bad URL encoding answers 400 naming the URL', async () => {
    const res = await rawExchange(port, ['GET /models/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n']);
    const body = expectProblem(res, 400);
    expect(body.detail).toContain('%E0%A4%A');
    expect(body.errors).toEqual([{ field: 'url', message: expect.any(String) }]);
  });

  it('oversized headers answer 431', async () => {
    const res = await rawExchange(port, [`GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    expectProblem(res, 431);
  });

  it('a malformed request line answers 400', async () => {
    const res = await rawExchange(port, ['THIS IS NOT HTTP\r\n\r\n']);
    expectProblem(res, 400);
  });

  it('a non-numeric Content-Length answers 400', async () => {
    const res = await rawExchange(port, [
      'POST /compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}',
    ]);
    expectProblem(res, 400);
  });

  it('Content-Length together with Transfer-Encoding (request smuggling shape) answers 400', async () => {
    const res = await rawExchange(port, [
      'POST /compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    ]);
    expectProblem(res, 400);
  });

  it('a body shorter than its Content-Length answers 408 once the request timeout passes', async () => {
    const res = await rawExchange(
      port,
      ['POST /compare HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":'],
      {
        timeoutMs: 5_000,
      },
    );
    expectProblem(res, 408);
    expect(res.closedByServer).toBe(true);
  });

  it('headers that never end answer 408 once the headers timeout passes', async () => {
    const res = await rawExchange(port, ['GET /health HTTP/1.1\r\nHost: x\r\n'], { timeoutMs: 5_000 });
    expectProblem(res, 408);
    expect(res.closedByServer).toBe(true);
  });

  it('a wrong method on a known path answers 405 with Allow', async () => {
    const res = await svc.http.delete('/health').expect(405);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.allow).toBe('GET, HEAD');
    expect(res.body).toMatchObject({ status: 405, title: 'Method not allowed' });

    const put = await svc.http.put('/compare').send({}).expect(405);
    expect(put.headers.allow).toBe('POST');

    const withParam = await svc.http.post('/scenarios/some-id').send({}).expect(405);
    expect(withParam.headers.allow).toBe('DELETE, GET, HEAD, PATCH, PUT');

    const svg = await svc.http.post('/scenarios/some-id/break-even.svg').expect(405);
    expect(svg.headers.allow).toBe('GET, HEAD');
  });

  it('an unknown path still answers 404', async () => {
    const res = await svc.http.delete('/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers.allow).toBeUndefined();
  });
});

describe('secrets in query strings are redacted in logs', () => {
  it('redactUrl masks parameters that look like secrets and keeps the rest', () => {
    expect(redactUrl('/scenarios?name=a&token=abc123&api_key=k&X-Api-Key=z&page=2')).toBe(
      '/scenarios?name=a&token=[REDACTED]&api_key=[REDACTED]&X-Api-Key=[REDACTED]&page=2',
    );
    expect(redactUrl('/x?password=p&client_secret=s&access_token=t&sig=q&auth=a')).toBe(
      '/x?password=[REDACTED]&client_secret=[REDACTED]&access_token=[REDACTED]&sig=[REDACTED]&auth=[REDACTED]',
    );
    expect(redactUrl('/health')).toBe('/health');
    expect(redactUrl('/scenarios?name=monkey&keyboard=1')).toBe('/scenarios?name=monkey&keyboard=1');
  });

  it('the request log line never carries the token', async () => {
    const database = await freshDatabase();
    const db = await openDatabase(database.databaseUrl);
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _enc, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    const app = await buildApp(defaultConfig({ DATABASE_URL: database.databaseUrl, LOG_LEVEL: 'info', LOAD_REFERENCE_DATA: false }), {
      db,
      logStream,
    });
    try {
      const res = await app.inject({ method: 'GET', url: '/health?token=s3cr3t-value&x=1' });
      expect(res.statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/health?token=[REDACTED]&x=1');
      expect(log).not.toContain('s3cr3t-value');
    } finally {
      await app.close();
      await db.close();
      await database.drop();
    }
  });
});
