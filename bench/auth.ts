/**
 * `npm run bench:auth`: the throughput cost of authentication (docs/auth.md). The built service
 * (dist/, built first when stale) with ADMIN_API_KEY set and AUTH_READS=open, loaded alternately
 * without a key and with `Authorization: Bearer <admin key>`, on a cheap read and on /compare.
 * Settings: BENCH_DURATION (s per run, default 5), BENCH_WARMUP (default 1), BENCH_ROUNDS (pairs
 * per route, default 2), BENCH_CONNECTIONS (default 10).
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { compareBody } from './fixtures.js';
import { distIsStale, root, runLoad, startServer, stopServer } from './processes.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const durationSec = env('BENCH_DURATION', 5);
const warmupSec = env('BENCH_WARMUP', 1);
const rounds = env('BENCH_ROUNDS', 2);
const connections = env('BENCH_CONNECTIONS', 10);

if (distIsStale()) execSync('npm run build', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
const secret = `bk_${randomBytes(32).toString('base64url')}`;
const dir = mkdtempSync(join(os.tmpdir(), 'breakeven-bench-auth-'));
const server = await startServer({ kind: 'service', dbFile: join(dir, 'bench.db'), env: { ADMIN_API_KEY: secret, AUTH_READS: 'open' } });
try {
  const routes = [
    { name: 'GET /hardware/{id}', method: 'GET' as const, path: '/hardware/nvidia-h100-sxm' },
    { name: 'POST /compare', method: 'POST' as const, path: '/compare', body: JSON.stringify(compareBody) },
  ];
  process.stdout.write(`auth overhead: ${rounds} round(s) × ${durationSec} s, ${connections} connections, ${os.cpus().length} cores\n`);
  for (const route of routes) {
    const totals = { anonymous: 0, keyed: 0 };
    for (let round = 0; round < rounds; round++) {
      for (const mode of ['anonymous', 'keyed'] as const) {
        const result = await runLoad({
          url: `${server.url}${route.path}`,
          method: route.method,
          ...(route.body ? { body: route.body } : {}),
          ...(mode === 'keyed' ? { headers: { authorization: `Bearer ${secret}` } } : {}),
          connections,
          pipelining: 1,
          durationSec,
          warmupSec,
        });
        if (result.non2xx > 0 || result.errors > 0)
          throw new Error(`${route.name} ${mode}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        totals[mode] += result.rps;
      }
    }
    const anonymous = totals.anonymous / rounds;
    const keyed = totals.keyed / rounds;
    process.stdout.write(
      `${route.name}: anonymous ${anonymous.toFixed(0)} req/s, with key ${keyed.toFixed(0)} req/s, ratio ${(keyed / anonymous).toFixed(3)}\n`,
    );
  }
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
