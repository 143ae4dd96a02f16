/**
 * CPU profile of the built server under one benchmark workload, summarised (self time per
 * function and per file, mapped to src/ through the source maps).
 *
 *   npx tsx bench/profile.ts <compare|compare-sweep|estimates|models|evaluation|batch|startup> [seconds=5]
 *
 * The server runs with `node --cpu-prof`; the profile is written when it exits after SIGTERM,
 * to bench/results/profiles/<workload>-<time>.cpuprofile (open it in Chrome DevTools too).
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { renderSummary, summariseProfile } from './cpuprofile-summary.js';
import { batchBodyText, compareBody, compareBodyTemplate, estimateBody, SWEEP_START, VOLUME_PLACEHOLDER } from './fixtures.js';
import { benchDir, expectOk, type LoadResult, postBatch, runLoad, startServer, stopServer } from './processes.js';

const workloads = ['compare', 'compare-sweep', 'estimates', 'models', 'evaluation', 'batch', 'startup'] as const;
type Workload = (typeof workloads)[number];

const workload = process.argv[2] as Workload;
if (!workloads.includes(workload)) {
  process.stderr.write(`usage: npx tsx bench/profile.ts <${workloads.join('|')}> [seconds=5]\n`);
  process.exit(2);
}
const seconds = Number(process.argv[3] ?? 5);

const tmp = mkdtempSync(join(os.tmpdir(), 'breakeven-profile-'));
const profDir = join(tmp, 'prof');
const outDir = join(benchDir, 'results', 'profiles');
mkdirSync(outDir, { recursive: true });
try {
  // The database is prepared by a first, unprofiled start, except when start-up itself is profiled.
  const dbFile = join(tmp, 'profile.db');
  if (workload !== 'startup') await stopServer(await startServer({ kind: 'service', dbFile }));
  const server = await startServer({ kind: 'service', dbFile, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
  process.stderr.write(`[profile] ${workload}: server pid ${server.pid}, ready in ${server.readyMs.toFixed(0)} ms\n`);
  const load = { connections: 10, pipelining: 1, durationSec: seconds, warmupSec: 1 };
  let result: LoadResult | null = null;
  if (workload === 'compare') {
    result = await runLoad({ url: `${server.url}/compare`, method: 'POST', body: JSON.stringify(compareBody), ...load });
  } else if (workload === 'compare-sweep') {
    const varyBody = { placeholder: VOLUME_PLACEHOLDER, start: SWEEP_START };
    result = await runLoad({ url: `${server.url}/compare`, method: 'POST', body: compareBodyTemplate, varyBody, ...load });
  } else if (workload === 'estimates') {
    result = await runLoad({ url: `${server.url}/estimates`, method: 'POST', body: JSON.stringify(estimateBody), ...load });
  } else if (workload === 'models') {
    result = await runLoad({ url: `${server.url}/models`, method: 'GET', ...load });
  } else if (workload === 'evaluation') {
    const s = (await expectOk(server, 'POST', '/scenarios', { ...compareBody, name: 'profile' })) as { id: string };
    result = await runLoad({ url: `${server.url}/scenarios/${s.id}/evaluation`, method: 'GET', ...load });
  } else if (workload === 'batch') {
    const items = Number(process.env.PROFILE_BATCH_ITEMS ?? 1000);
    const kind = process.env.PROFILE_BATCH_KIND === 'sweep' ? 'sweep' : 'same';
    const r = await postBatch(server, batchBodyText(items, kind), seconds * 1000);
    process.stderr.write(
      `[profile] batch of ${items}: ${r.lines} lines in ${r.wallSeconds.toFixed(2)} s${r.aborted ? ' (cap reached)' : ''}\n`,
    );
  }
  if (result) {
    const l = result.latencyMs;
    process.stderr.write(
      `[profile] ${result.rps.toFixed(0)} req/s, p50 ${l.p50.toFixed(2)} ms, p99 ${l.p99.toFixed(2)} ms, ${result.non2xx} non-2xx\n`,
    );
  }
  await stopServer(server);
  const written = readdirSync(profDir).filter((f) => f.endsWith('.cpuprofile'));
  if (written.length === 0) throw new Error('no .cpuprofile written');
  const file = join(outDir, `${workload}-${new Date().toISOString().replace(/:/g, '-')}.cpuprofile`);
  renameSync(join(profDir, written[0] as string), file);
  process.stdout.write(`${file}\n${renderSummary(summariseProfile(file, Number(process.env.PROFILE_TOP ?? 25)))}\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
