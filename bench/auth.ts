/**
 * `npm run bench:auth`: the throughput cost of the HTTP edge of issue #11 (API-key auth, rate
 * limits, security headers, load shedding; docs/auth.md, docs/edge.md).
 *
 * 1. Edge off vs on: bench/edge-server.ts, one trivial route (`GET /ok`) without the edge, with it
 *    (anonymous), and with it and `Authorization: Bearer <admin key>`. The route costs nothing, so
 *    the rates give the edge's cost per request: 1/rate(on) − 1/rate(off).
 * 2. The built service (dist/, built first when stale) with ADMIN_API_KEY set and AUTH_READS=open,
 *    without a key and with the admin key, on a cheap read and on /compare; and what the edge's
 *    cost per request is as a share of each route's time (rate × cost per request).
 *
 * Every load run is autocannon in its own process; runs alternate (off, on, on with a key; then
 * anonymous, keyed) for BENCH_ROUNDS rounds. The rate limits are raised through their settings
 * (BENCH_LIMITS): the limiter still counts every request. Settings: BENCH_DURATION (s per run,
 * default 5), BENCH_WARMUP (default 1), BENCH_ROUNDS (default 2), BENCH_CONNECTIONS (default 10).
 * Results: stdout, bench/results/auth-<time>.json and bench/results/auth-latest.json.
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { compareBody } from './fixtures.js';
import { BENCH_LIMITS, benchDir, distIsStale, type LoadResult, root, runLoad, type Server, startServer, stopServer } from './processes.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const durationSec = env('BENCH_DURATION', 5);
const warmupSec = env('BENCH_WARMUP', 1);
const rounds = env('BENCH_ROUNDS', 2);
const connections = env('BENCH_CONNECTIONS', 10);

interface Target {
  name: string;
  server: Server;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** One load run against `t`; throws on any non-2xx or error (a refused request would flatter the rate). */
async function load(t: Target): Promise<LoadResult> {
  const result = await runLoad({
    url: `${t.server.url}${t.path}`,
    method: t.method,
    ...(t.body ? { body: t.body } : {}),
    ...(t.headers ? { headers: t.headers } : {}),
    connections,
    pipelining: 1,
    durationSec,
    warmupSec,
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${t.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

interface Rate {
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

/** Mean rate and latency of each target over `rounds` rounds, the targets alternating within a round. */
async function alternate(targets: Target[]): Promise<Rate[]> {
  const runs: LoadResult[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [i, t] of targets.entries()) runs[i]?.push(await load(t));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return runs.map((rs) => ({
    rps: mean(rs.map((r) => r.rps)),
    p50Ms: mean(rs.map((r) => r.latencyMs.p50)),
    p99Ms: mean(rs.map((r) => r.latencyMs.p99)),
  }));
}

const out = (line: string) => process.stdout.write(`${line}\n`);
const startedAt = new Date();
const loadAverageStart = os.loadavg();
if (distIsStale()) execSync('npm run build', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
const secret = `bk_${randomBytes(32).toString('base64url')}`;
const keyed = { authorization: `Bearer ${secret}` };
const dir = mkdtempSync(join(os.tmpdir(), 'breakeven-bench-auth-'));
const servers: Server[] = [];
try {
  out(
    `edge cost: ${rounds} round(s) × ${durationSec} s, ${connections} connections, ${os.cpus().length} cores, load average ${loadAverageStart.map((l) => l.toFixed(2)).join(' ')}`,
  );
  const script = join(benchDir, 'edge-server.ts');
  const edgeEnv = { ...BENCH_LIMITS, ADMIN_API_KEY: secret, AUTH_READS: 'open' };
  const off = await startServer({ kind: 'baseline', script, env: { ...edgeEnv, EDGE: 'off' } });
  servers.push(off);
  const on = await startServer({ kind: 'baseline', script, dbFile: join(dir, 'edge.db'), env: { ...edgeEnv, EDGE: 'on' } });
  servers.push(on);
  const [edgeOff, edgeOn, edgeKeyed] = (await alternate([
    { name: 'edge off', server: off, method: 'GET', path: '/ok' },
    { name: 'edge on', server: on, method: 'GET', path: '/ok' },
    { name: 'edge on, keyed', server: on, method: 'GET', path: '/ok', headers: keyed },
  ])) as [
    Awaited<ReturnType<typeof alternate>>[number],
    Awaited<ReturnType<typeof alternate>>[number],
    Awaited<ReturnType<typeof alternate>>[number],
  ];
  const usPerRequest = (rps: number) => 1e6 / rps - 1e6 / edgeOff.rps;
  const edge = {
    offRps: edgeOff.rps,
    onRps: edgeOn.rps,
    onKeyedRps: edgeKeyed.rps,
    ratio: edgeOn.rps / edgeOff.rps,
    ratioKeyed: edgeKeyed.rps / edgeOff.rps,
    usPerRequest: usPerRequest(edgeOn.rps),
    usPerRequestKeyed: usPerRequest(edgeKeyed.rps),
  };
  out(
    `GET /ok (trivial route): edge off ${edgeOff.rps.toFixed(0)} req/s, on ${edgeOn.rps.toFixed(0)} req/s (ratio ${edge.ratio.toFixed(3)}), ` +
      `on with key ${edgeKeyed.rps.toFixed(0)} req/s (ratio ${edge.ratioKeyed.toFixed(3)}); edge cost ${edge.usPerRequest.toFixed(0)} µs/request anonymous, ${edge.usPerRequestKeyed.toFixed(0)} µs with a key`,
  );
  await Promise.all(servers.splice(0).map((s) => stopServer(s)));

  const service = await startServer({ kind: 'service', dbFile: join(dir, 'bench.db'), env: { ADMIN_API_KEY: secret, AUTH_READS: 'open' } });
  servers.push(service);
  const routes = [
    { name: 'GET /hardware/{id}', method: 'GET' as const, path: '/hardware/nvidia-h100-sxm' },
    { name: 'POST /compare', method: 'POST' as const, path: '/compare', body: JSON.stringify(compareBody) },
  ];
  const serviceRoutes = [];
  for (const route of routes) {
    const [anonymous, withKey] = (await alternate([
      { ...route, server: service },
      { ...route, name: `${route.name} keyed`, server: service, headers: keyed },
    ])) as [Rate, Rate];
    // The edge's cost per request as a share of the route's time per request: what it would gain without the edge.
    const edgeShare = (anonymous.rps * edge.usPerRequest) / 1e6;
    const edgeShareKeyed = (withKey.rps * edge.usPerRequestKeyed) / 1e6;
    serviceRoutes.push({
      route: route.name,
      anonymous,
      keyed: withKey,
      keyedRatio: withKey.rps / anonymous.rps,
      edgeShare,
      edgeShareKeyed,
    });
    out(
      `${route.name}: anonymous ${anonymous.rps.toFixed(0)} req/s (p99 ${anonymous.p99Ms.toFixed(1)} ms), with key ${withKey.rps.toFixed(0)} req/s, ratio ${(withKey.rps / anonymous.rps).toFixed(3)}; ` +
        `the edge is ${(edgeShare * 100).toFixed(1)} % of its time anonymous (${(edgeShareKeyed * 100).toFixed(1)} % with a key): ratio on/off ≈ ${(1 - edgeShare).toFixed(3)}`,
    );
  }
  const loadAverageEnd = os.loadavg();
  out(
    `load average at the end ${loadAverageEnd.map((l) => l.toFixed(2)).join(' ')}${Math.max(...loadAverageEnd) > os.cpus().length ? ' (above the core count: figures include time taken by other processes)' : ''}`,
  );
  const results = {
    startedAt: startedAt.toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadAverageStart, loadAverageEnd },
    settings: { durationSec, warmupSec, rounds, connections },
    edge,
    service: serviceRoutes,
  };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const json = `${JSON.stringify(results, null, 2)}\n`;
  const file = join(resultsDir, `auth-${startedAt.toISOString().replace(/:/g, '-')}.json`);
  writeFileSync(file, json);
  writeFileSync(join(resultsDir, 'auth-latest.json'), json);
  out(`Results: ${file.slice(root.length + 1)} (and bench/results/auth-latest.json)`);
} finally {
  await Promise.all(servers.map((s) => stopServer(s)));
  rmSync(dir, { recursive: true, force: true });
}
