/**
 * Child processes of the benchmark: the service under test, the bare baseline server and the
 * load generator each run in their own Node.js process, started with the same Node binary and
 * the same LOG_LEVEL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsStale as distIsStaleBelow } from '../scripts/dist-freshness.mjs';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const root = resolve(benchDir, '..');
export const LOG_LEVEL = 'warn';
export const HOST = '127.0.0.1';

/**
 * The load generator sends tens of thousands of requests a minute from one IP: the per-minute
 * rate limits are raised through their settings (not by code) so the benchmark measures the
 * service, not its 429s. The limiter itself still runs on every request.
 */
export const BENCH_LIMITS = { RATE_LIMIT_MAX: '1000000000', RATE_LIMIT_READ_MAX: '1000000000', RATE_LIMIT_WRITE_MAX: '1000000000' };

/** The built server (`npm run build`); the benchmark measures it, as `npm start` runs it. */
export const builtServer = join(root, 'dist/src/server.js');

/** Loader flag for running a TypeScript file without a build (baseline server, load worker). */
const TSX = ['--import', 'tsx'];

/** A port free at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.unref();
    s.on('error', fail);
    s.listen(0, HOST, () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => ok(port));
    });
  });
}

/** Whether dist/ is missing or older than a source file (then `npm run build` is due). */
export function distIsStale(): boolean {
  return distIsStaleBelow(root);
}

export interface Server {
  kind: 'service' | 'baseline';
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** ms from spawn to the first 200 of the readiness path. */
  readyMs: number;
  /** Captured stdout + stderr (for diagnostics when something fails). */
  output: () => string;
}

export interface StartOptions {
  kind: 'service' | 'baseline';
  /** SQLite file of the service. */
  dbFile?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /** Script of a `baseline` server answering GET /ok (default bench/baseline-server.ts). */
  script?: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** GET `url`; resolves with the status code (0 when the connection fails). */
export function getStatus(url: string): Promise<number> {
  return new Promise((ok) => {
    const req = http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('error', () => ok(0));
    req.setTimeout(1000, () => req.destroy());
  });
}

/**
 * Starts a server child and polls its readiness path every 10 ms until it answers 200:
 * GET /ready for the service (database answers, migrations applied), GET /ok for the baseline.
 */
export async function startServer(opts: StartOptions): Promise<Server> {
  const port = await freePort();
  const args =
    opts.kind === 'service'
      ? [...(opts.nodeArgs ?? []), builtServer]
      : [...TSX, ...(opts.nodeArgs ?? []), opts.script ?? join(benchDir, 'baseline-server.ts')];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    LOG_LEVEL,
    ...(opts.dbFile ? { DATABASE_URL: `file:${opts.dbFile}` } : {}),
    ...(opts.kind === 'service' ? BENCH_LIMITS : {}),
    ...opts.env,
  };
  let output = '';
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    output += d.toString();
  });
  let exited: number | null = null;
  child.on('exit', (code) => {
    exited = code ?? -1;
  });
  const url = `http://${HOST}:${port}`;
  const readyUrl = `${url}${opts.kind === 'service' ? '/ready' : '/ok'}`;
  const deadline = spawnedAt + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (exited !== null) throw new Error(`${opts.kind} exited with code ${exited} before ready:\n${output}`);
    if ((await getStatus(readyUrl)) === 200) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${opts.kind} not ready within ${opts.timeoutMs ?? 30_000} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - spawnedAt;
  return { kind: opts.kind, child, pid: child.pid ?? 0, port, url, spawnedAt, readyMs, output: () => output };
}

/** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves when the process has exited. */
export function stopServer(server: Server, graceMs = 10_000): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((ok) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      ok();
    });
    child.kill('SIGTERM');
  });
}

export interface Memory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size since the process started (VmHWM), bytes. */
  hwm: number;
}

/** RSS and its high-water mark from /proc/<pid>/status (Linux); null elsewhere. */
export function memoryOf(pid: number): Memory | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

export interface LoadSpec {
  url: string;
  method: 'GET' | 'POST';
  body?: string;
  /**
   * A new body per request: `body` with every `placeholder` replaced by `start`, `start + 1`, …
   * (one counter across connections), so that no two requests of a run are the same.
   */
  varyBody?: { placeholder: string; start: number };
  /** Extra request headers, e.g. `authorization`. */
  headers?: Record<string, string>;
  connections: number;
  pipelining: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadResult {
  /** 2xx responses in the measured window. */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  durationSec: number;
  /** 2xx responses per second. */
  rps: number;
  /** Latency percentiles of 2xx responses, ms (exact, from every response of the window). */
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
}

/** Runs bench/load.ts (autocannon) in its own process against `spec`; resolves with its JSON result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [...TSX, join(benchDir, 'load.ts')], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0) return fail(new Error(`load worker exited with ${code}: ${err}`));
      try {
        ok(JSON.parse(out) as LoadResult);
      } catch {
        fail(new Error(`load worker printed no JSON: ${out} ${err}`));
      }
    });
    // The spec (with a possibly large body) goes through stdin rather than argv.
    child.stdin.end(JSON.stringify(spec));
  });
}

// ---------------------------------------------------------------------------------------------
// One-off requests from the orchestrator (load runs go through bench/load.ts).

export async function call(server: Server, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json };
}

export async function expectOk(server: Server, method: string, path: string, body?: unknown): Promise<unknown> {
  const r = await call(server, method, path, body);
  if (r.status < 200 || r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json).slice(0, 500)}`);
  return r.json;
}

export interface BatchRun {
  /** Item lines (the end record excluded). */
  lines: number;
  okLines: number;
  /** Whether the stream ended with its end record saying `"complete":true` (docs/edge.md). */
  complete: boolean;
  wallSeconds: number;
  firstLineSeconds: number;
  /** True when the time cap was reached and the request was abandoned (lines then counts what arrived). */
  aborted: boolean;
}

/**
 * POSTs a batch body to /compare/batch and consumes the NDJSON stream, counting item lines and ok
 * lines, and reading the end record (`{"type":"end",...,"complete":true}`). Gives up after `capMs` (so that a pathologically slow build cannot hold the run hostage).
 */
export function postBatch(server: Server, body: string, capMs = Number.POSITIVE_INFINITY, query = ''): Promise<BatchRun> {
  return new Promise((ok, fail) => {
    const started = performance.now();
    let firstLine = 0;
    let lines = 0;
    let okLines = 0;
    let complete = false;
    let rest = '';
    let aborted = false;
    let done = false;
    const count = (line: string) => {
      // Item lines are {"index":n,"ok":true,...}: a prefix check avoids parsing megabytes here.
      if (line.startsWith('{"type":"end"')) complete = (JSON.parse(line) as { complete?: boolean }).complete === true;
      else {
        lines++;
        if (line.slice(0, 40).includes('"ok":true')) okLines++;
      }
    };
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(cap);
      const end = performance.now();
      ok({ lines, okLines, complete, wallSeconds: (end - started) / 1000, firstLineSeconds: (firstLine - started) / 1000, aborted });
    };
    const req = http.request(
      `${server.url}/compare/batch${query}`,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return fail(new Error(`POST /compare/batch: ${res.statusCode}`));
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const parts = (rest + chunk).split('\n');
          rest = parts.pop() ?? '';
          if (parts.length > 0 && lines === 0) firstLine = performance.now();
          for (const line of parts) count(line);
        });
        res.on('end', () => {
          if (rest.length > 0) count(rest);
          finish();
        });
        res.on('error', (err) => (aborted ? undefined : fail(err)));
      },
    );
    const cap = setTimeout(
      () => {
        aborted = true;
        req.destroy();
        finish();
      },
      Number.isFinite(capMs) ? capMs : 2 ** 31 - 1,
    );
    req.on('error', (err) => (aborted ? undefined : fail(err)));
    req.end(body);
  });
}
