/**
 * POST /compare/batch items/s of several server variants, run alternately (A, B, A, B, …) in one
 * session so that the machine's other load hits all alike (issue #12 item 6; bench/README.md).
 * Each variant is a built server script (a copy of dist/ at the same depth, e.g. dist-before/)
 * plus extra env; the client (bench/processes.ts postBatch) runs in this process, the server in
 * its own, as `npm run bench` does. Besides wall time it reports CPU time per item, which other
 * processes on the machine disturb far less.
 *
 *   [BATCH_AB_KIND=sweep] npx tsx bench/batch-ab.ts <rounds> <items> <full|none> name=script[,ENV=V...] ...
 *
 * BATCH_AB_KIND=sweep: every item a different monthly volume (bench/fixtures.ts batchBodyText), else one item repeated.
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { batchBodyText } from './fixtures.js';
import { BENCH_LIMITS, builtServer, freePort, getStatus, HOST, postBatch, root, type Server, stopServer } from './processes.js';

/** The service at `script` (a built server.js), as bench/processes.ts startServer starts dist/. */
async function start(script: string, dbFile: string, extra: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST,
    LOG_LEVEL: 'warn',
    DATABASE_URL: `file:${dbFile}`,
    ...BENCH_LIMITS,
    ...extra,
  };
  let output = '';
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const url = `http://${HOST}:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    if ((await getStatus(`${url}/ready`)) === 200) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  return {
    kind: 'service',
    child,
    pid: child.pid ?? 0,
    port,
    url,
    spawnedAt,
    readyMs: performance.now() - spawnedAt,
    output: () => output,
  };
}

/**
 * CPU seconds (user + system) the process `pid` has used: all its threads, or (`task`) its main
 * thread alone. Linux /proc; fields 14 and 15 of stat, in clock ticks of 1/100 s (USER_HZ).
 */
function cpuSeconds(pid: number, task = false): number {
  const fields =
    readFileSync(task ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`, 'utf8')
      .split(') ')[1]
      ?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const [roundsArg, itemsArg, detail, ...specs] = process.argv.slice(2);
const rounds = Number(roundsArg);
const items = Number(itemsArg);
const query = detail === 'none' ? '?detail=none' : '';
const variants = specs.map((s) => {
  const eq = s.indexOf('=');
  const [name, rest] = eq < 0 ? [s, ''] : [s.slice(0, eq), s.slice(eq + 1)];
  const [script, ...envs] = rest.split(',');
  const env = Object.fromEntries(envs.filter(Boolean).map((e) => e.split('=') as [string, string]));
  return {
    name: name as string,
    script: script || builtServer,
    env,
    rates: [] as number[],
    cpuMs: [] as number[],
    mainMs: [] as number[],
    clientMs: [] as number[],
  };
});
const tmp = mkdtempSync(join(os.tmpdir(), 'batch-ab-'));
const dbFile = join(tmp, 'ab.db');
const kind = process.env.BATCH_AB_KIND === 'sweep' ? 'sweep' : 'same';
const body = batchBodyText(items, kind);
const warm = batchBodyText(200);
try {
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const server = await start(v.script, dbFile, v.env);
      try {
        await postBatch(server, warm, Number.POSITIVE_INFINITY, query);
        const load = os.loadavg()[0]?.toFixed(2);
        const cpu0 = cpuSeconds(server.pid);
        const main0 = cpuSeconds(server.pid, true);
        const client0 = process.cpuUsage();
        const res = await postBatch(server, body, 120_000, query);
        const cpu = (cpuSeconds(server.pid) - cpu0) * 1000;
        const mainCpu = (cpuSeconds(server.pid, true) - main0) * 1000;
        v.mainMs.push(mainCpu);
        const client = process.cpuUsage(client0);
        v.cpuMs.push(cpu);
        v.clientMs.push((client.user + client.system) / 1000);
        if (res.lines !== items || res.okLines !== items || !res.complete) throw new Error(`${v.name}: ${JSON.stringify(res)}`);
        const rate = res.lines / res.wallSeconds;
        v.rates.push(rate);
        process.stderr.write(
          `round ${r} ${v.name}: ${rate.toFixed(0)} items/s (${res.wallSeconds.toFixed(2)} s, first line ${(res.firstLineSeconds * 1000).toFixed(0)} ms, server CPU ${(cpu / 1000).toFixed(1)} s (main thread ${(mainCpu / 1000).toFixed(1)} s), client CPU ${((client.user + client.system) / 1e6).toFixed(1)} s, load ${load})\n`,
        );
      } finally {
        await stopServer(server);
      }
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const med = (a: number[]) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const base = med(variants[0]?.rates ?? []);
for (const v of variants) {
  process.stdout.write(
    `${v.name.padEnd(12)} ${detail} median ${med(v.rates).toFixed(0)} items/s (×${(med(v.rates) / base).toFixed(2)}) runs ${v.rates.map((x) => x.toFixed(0)).join(' ')}; server CPU median ${((med(v.cpuMs) / items) * 1000).toFixed(0)} µs/item (main thread ${((med(v.mainMs) / items) * 1000).toFixed(0)}), client ${((med(v.clientMs) / items) * 1000).toFixed(0)} µs/item\n`,
  );
}
process.stdout.write(
  `load average at end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}\n`,
);
