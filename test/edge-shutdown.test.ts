import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/db/paths.js';
import { freshDatabase, type TestDatabase } from './helpers/app.js';
import { freePort, spawnServer, waitForOk } from './helpers/process.js';

const GRACE_MS = 4_000;
const DRAIN_MS = 2_000;

/**
 * A batch that takes well over the grace period: 10,000 items of 6 candidates, each a different
 * monthly volume so that every item is computed (repeats would come from the answer memo).
 */
function longBatch(): string {
  const item = (i: number) => ({
    workload: { inputTokensPerMonth: 3e9 + i, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
    candidates: [
      { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
      { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
      { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
      { type: 'api', offering: 'openai-gpt-5-mini' },
      { type: 'api', offering: 'openai-gpt-5' },
      { type: 'api', offering: 'anthropic-claude-sonnet-4-5' },
    ],
  });
  return JSON.stringify({ items: Array.from({ length: 10_000 }, (_, i) => item(i)) });
}

describe('graceful shutdown (SIGTERM)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database.drop());

  it('during the grace period /ready answers 503 (draining), the batch stream ends with an end record, exit 0 within the grace', async () => {
    const server = await spawnServer({
      DATABASE_URL: database.databaseUrl,
      LOAD_REFERENCE_DATA: 'true',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      RATE_LIMIT_MAX: '1000',
      // Under a loaded test machine the batch process can trip load shedding; this test is about shutdown.
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    });
    try {
      await waitForOk(`${server.baseUrl}/ready`, 60_000);
      const body = longBatch();
      let text = '';
      let signalledAt = 0;
      const streamDone = new Promise<void>((resolve, reject) => {
        const req = http.request(
          `${server.baseUrl}/compare/batch`,
          { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
          (res) => {
            expect(res.statusCode).toBe(200);
            res.setEncoding('utf8');
            res.on('data', (d: string) => {
              text += d;
              if (signalledAt === 0) {
                signalledAt = performance.now();
                server.child.kill('SIGTERM');
              }
            });
            res.on('end', resolve);
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      });
      // Wait for the stream to start and the signal to be sent.
      while (signalledAt === 0) await new Promise((r) => setTimeout(r, 20));
      // Draining: new connections are still served, /ready says 503, /health 200. The signal is
      // handled at the batch's next yield to the event loop: poll for a second at most.
      let ready = await fetch(`${server.baseUrl}/ready`);
      while (ready.status === 200 && performance.now() - signalledAt < 1_000) {
        await new Promise((r) => setTimeout(r, 50));
        ready = await fetch(`${server.baseUrl}/ready`);
      }
      expect(ready.status).toBe(503);
      expect(ready.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(((await ready.json()) as { detail: string }).detail).toMatch(/draining/);
      expect((await fetch(`${server.baseUrl}/health`)).status).toBe(200);

      await streamDone;
      const code = await server.exited;
      const exitAfterMs = performance.now() - signalledAt;
      const lines = text
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const end = lines.at(-1) as Record<string, unknown>;
      console.info(`SIGTERM → exit ${code} after ${Math.round(exitAfterMs)} ms; stream ended with ${JSON.stringify(end)}`);
      expect(code).toBe(0);
      expect(exitAfterMs).toBeLessThan(GRACE_MS + 1_000);
      expect(end.type).toBe('end');
      expect(end.items).toBe(lines.length - 1);
      expect(end.total).toBe(10_000);
      if (end.complete === false) {
        expect(end.items as number).toBeLessThan(10_000);
        expect(end.reason).toMatch(/shutting down/);
      }
      expect(server.output()).toContain('shutting down');
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('npm start', () => {
  it('forwards SIGTERM to the server: signalling the npm process stops it', async () => {
    // The real start script, run by npm against a stand-in dist/src/server.js (the build is not
    // what is tested): a server that records the signal it gets and exits 0.
    const dir = mkdtempSync(join(tmpdir(), 'breakeven-npm-start-'));
    try {
      const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
      writeFileSync(
        join(dir, 'package.json'),
        JSON.stringify({ name: 'start-probe', private: true, scripts: { start: pkg.scripts.start } }),
      );
      mkdirSync(join(dir, 'dist/src'), { recursive: true });
      writeFileSync(
        join(dir, 'dist/src/server.js'),
        `const http = require('node:http');
const fs = require('node:fs');
const server = http.createServer((_q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => { fs.writeFileSync('signal.txt', 'SIGTERM'); server.close(() => process.exit(0)); });`,
      );
      writeFileSync(join(dir, 'dist/package.json'), JSON.stringify({ type: 'commonjs' }));
      const port = await freePort();
      const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
        cwd: dir,
        env: { ...process.env, PORT: String(port) },
        stdio: 'ignore',
      });
      const exited = new Promise<number | null>((r) => npm.on('exit', (c) => r(c)));
      await waitForOk(`http://127.0.0.1:${port}/`, 20_000);
      npm.kill('SIGTERM');
      await exited;
      const deadline = performance.now() + 5_000;
      let stillServing = true;
      while (stillServing && performance.now() < deadline) {
        stillServing = await fetch(`http://127.0.0.1:${port}/`).then(
          () => true,
          () => false,
        );
        if (stillServing) await new Promise((r) => setTimeout(r, 100));
      }
      expect(stillServing).toBe(false);
      expect(readFileSync(join(dir, 'signal.txt'), 'utf8')).toBe('SIGTERM');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
