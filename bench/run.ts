/**
 * `npm run bench`: reproducible speed, memory and scaling figures of Breakeven on this machine,
 * HTTP figures measured against a bare Fastify baseline. See bench/README.md.
 *
 * Processes: this orchestrator; the service under test (the built dist/src/server.js, built
 * first when dist/ is missing or stale); the baseline (bench/baseline-server.ts); and one
 * autocannon worker (bench/load.ts) per load run. Results: bench/results/<time>.json and
 * bench/results/latest.json, and a plain-text summary on stdout.
 *
 * Settings (environment): BENCH_DURATION (s per measured load run, default 5), BENCH_WARMUP
 * (s of discarded load before each run, default 1), BENCH_ROUNDS (baseline/service pairs per
 * endpoint, default 2), BENCH_CONNECTIONS (default 10), BENCH_SKIP_BUILD=1 (measure dist/ as it is).
 */
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { benchCalc, type CalcFigure } from './calc.js';
import { batchBodyText, compareBody, compareBodyTemplate, estimateBody, SWEEP_START, VOLUME_PLACEHOLDER } from './fixtures.js';
import {
  benchDir,
  builtServer,
  distIsStale,
  expectOk,
  LOG_LEVEL,
  type LoadResult,
  memoryOf,
  postBatch,
  root,
  runLoad,
  startServer,
  stopServer,
} from './processes.js';
import { mb, mean, median, num, table } from './report.js';

const settings = {
  durationSec: Number(process.env.BENCH_DURATION ?? 5),
  warmupSec: Number(process.env.BENCH_WARMUP ?? 1),
  rounds: Number(process.env.BENCH_ROUNDS ?? 2),
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  pipelining: 1,
  /**
   * The measured batches: `same` repeats one comparison (the answer memo serves all but the first),
   * `sweep` steps the monthly volume per item (every item computed; replica models shared);
   * `none` is ?detail=none (compact results).
   */
  batchRuns: [
    { items: 1_000, detail: 'full', kind: 'same' },
    { items: 10_000, detail: 'full', kind: 'same' },
    { items: 10_000, detail: 'full', kind: 'sweep' },
    { items: 10_000, detail: 'none', kind: 'sweep' },
  ] as const,
  batchWarmupItems: 100,
  /** Longest time a measured batch may take before it is abandoned, s (the target is 2 s for 10,000 items). */
  batchCapSec: Number(process.env.BENCH_BATCH_CAP ?? 20),
  startupRuns: 3,
  logLevel: LOG_LEVEL,
};

const log = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Preparation: the build under test, the machine.

function readOnlyGit(args: string): string | null {
  try {
    return execSync(`git ${args}`, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

function prepareBuild(): { built: boolean; buildSeconds: number; stale: boolean } {
  const stale = distIsStale();
  if (!stale) return { built: false, buildSeconds: 0, stale };
  if (process.env.BENCH_SKIP_BUILD === '1') {
    log('dist/ is missing or older than src/: BENCH_SKIP_BUILD=1, measuring it as it is');
    return { built: false, buildSeconds: 0, stale };
  }
  log('dist/ is missing or older than src/: npm run build');
  const t = performance.now();
  execSync('npm run build', { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
  return { built: true, buildSeconds: (performance.now() - t) / 1000, stale: false };
}

// ---------------------------------------------------------------------------------------------
// HTTP throughput and latency against the baseline.

interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The baseline route it is compared with: `/ok` ({"ok":true}) unless given. */
  baselinePath?: string;
  /** A new body per request (bench/load.ts), sent to the service and the baseline alike. */
  varyBody?: { placeholder: string; start: number };
}

interface EndpointFigures {
  name: string;
  method: string;
  path: string;
  /** The baseline route: `/ok`, or `/same-size` (the service's answer, precomputed). */
  baselinePath: string;
  /** One entry per round: baseline run then service run. */
  rounds: { baseline: LoadResult; service: LoadResult }[];
  service: { rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  baseline: { rps: number; p50Ms: number; p99Ms: number; non2xx: number; errors: number };
  /** Mean service rate ÷ mean baseline rate. */
  ratio: number;
}

/** rps: mean over rounds; p50: mean over rounds; p99: the worst round (conservative). */
function summarise(runs: LoadResult[]) {
  return {
    rps: mean(runs.map((r) => r.rps)),
    p50Ms: mean(runs.map((r) => r.latencyMs.p50)),
    p99Ms: Math.max(...runs.map((r) => r.latencyMs.p99)),
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors + r.timeouts, 0),
  };
}

async function benchHttp(tmp: string): Promise<{ endpoints: EndpointFigures[]; dbFile: string }> {
  const dbFile = join(tmp, 'http.db');
  const service = await startServer({ kind: 'service', dbFile });
  // The baseline of /compare answers the service's own /compare document, precomputed.
  const compareResponseFile = join(tmp, 'compare-response.json');
  writeFileSync(compareResponseFile, JSON.stringify(await expectOk(service, 'POST', '/compare', compareBody)));
  const baseline = await startServer({ kind: 'baseline', env: { BASELINE_RESPONSE_FILE: compareResponseFile } });
  try {
    // The scenario evaluated by GET /scenarios/{id}/evaluation: the same 8-candidate comparison.
    const scenario = (await expectOk(service, 'POST', '/scenarios', { ...compareBody, name: 'bench 8 candidates' })) as { id: string };
    const endpoints: Endpoint[] = [
      {
        name: 'POST /compare (8 candidates)',
        method: 'POST',
        path: '/compare',
        body: JSON.stringify(compareBody),
        baselinePath: '/same-size',
      },
      {
        // Every request a different monthly volume: the answer memo never hits, every answer is computed.
        name: 'POST /compare (8 candidates, a new volume per request)',
        method: 'POST',
        path: '/compare',
        body: compareBodyTemplate,
        varyBody: { placeholder: VOLUME_PLACEHOLDER, start: SWEEP_START },
        baselinePath: '/same-size',
      },
      { name: 'POST /estimates', method: 'POST', path: '/estimates', body: JSON.stringify(estimateBody) },
      { name: 'GET /models', method: 'GET', path: '/models' },
      { name: 'GET /scenarios/{id}/evaluation', method: 'GET', path: `/scenarios/${scenario.id}/evaluation` },
    ];
    // Every request is checked once before it is measured: a benchmark of error responses is worthless.
    const compared = (await expectOk(service, 'POST', '/compare', compareBody)) as { results: { monthlyCostUsd: number | null }[] };
    if (compared.results.length !== 8 || compared.results.some((r) => r.monthlyCostUsd === null)) {
      throw new Error('POST /compare fixture does not price all 8 candidates');
    }
    for (const e of endpoints.slice(1)) {
      const body = e.varyBody && e.body ? e.body.replaceAll(e.varyBody.placeholder, String(e.varyBody.start)) : e.body;
      await expectOk(service, e.method, e.path, body ? JSON.parse(body) : undefined);
    }

    const out: EndpointFigures[] = [];
    for (const e of endpoints) {
      const rounds: EndpointFigures['rounds'] = [];
      for (let round = 0; round < settings.rounds; round++) {
        const common = { method: e.method, body: e.body, varyBody: e.varyBody, ...settings };
        log(`${e.name}: round ${round + 1}/${settings.rounds} baseline`);
        const b = await runLoad({ url: `${baseline.url}${e.baselinePath ?? '/ok'}`, ...common });
        log(`${e.name}: round ${round + 1}/${settings.rounds} service`);
        const s = await runLoad({ url: `${service.url}${e.path}`, ...common });
        rounds.push({ baseline: b, service: s });
      }
      const svc = summarise(rounds.map((r) => r.service));
      const base = summarise(rounds.map((r) => r.baseline));
      out.push({
        name: e.name,
        method: e.method,
        path: e.path,
        baselinePath: e.baselinePath ?? '/ok',
        rounds,
        service: svc,
        baseline: base,
        ratio: svc.rps / base.rps,
      });
    }
    return { endpoints: out, dbFile };
  } finally {
    await Promise.all([stopServer(service), stopServer(baseline)]);
  }
}

// ---------------------------------------------------------------------------------------------
// POST /compare/batch scaling: wall time, items/s and the server's peak RSS per batch size.

interface BatchFigures {
  items: number;
  /** `same`: one comparison repeated; `sweep`: the monthly volume stepped per item. */
  kind: 'same' | 'sweep';
  /** `full`: the default results; `none`: ?detail=none (compact results). */
  detail: 'full' | 'none';
  bodyBytes: number;
  lines: number;
  okLines: number;
  /** True when the batch hit the time cap (BENCH_BATCH_CAP): wall time is then a lower bound. */
  aborted: boolean;
  wallSeconds: number;
  timeToFirstLineSeconds: number;
  /** Lines received ÷ wall time. */
  itemsPerSecond: number;
  /** Server RSS after start-up and a warm-up batch, before the measured batch. */
  rssBeforeMb: number | null;
  /** Largest RSS sampled every 20 ms during the batch. */
  rssSampledPeakMb: number | null;
  /** VmHWM after the batch: the process's peak RSS. */
  peakRssMb: number | null;
}

async function benchBatch(dbFile: string): Promise<BatchFigures[]> {
  const out: BatchFigures[] = [];
  const warmBody = batchBodyText(settings.batchWarmupItems);
  for (const { items, detail, kind } of settings.batchRuns) {
    const query = detail === 'none' ? '?detail=none' : '';
    const body = batchBodyText(items, kind);
    // A fresh server per size, so that one size's peak does not carry over to the next.
    const server = await startServer({ kind: 'service', dbFile });
    try {
      log(`POST /compare/batch${query}: ${num(items)} items, ${kind} (${num(Buffer.byteLength(body) / 1_048_576, 1)} MiB)`);
      await postBatch(server, warmBody); // JIT and profile catalogue warm, as in a running service
      const before = memoryOf(server.pid);
      let sampledPeak = before?.rss ?? 0;
      const sampler = setInterval(() => {
        const m = memoryOf(server.pid);
        if (m) sampledPeak = Math.max(sampledPeak, m.rss);
      }, 20);
      const r = await postBatch(server, body, settings.batchCapSec * 1000, query).finally(() => clearInterval(sampler));
      const after = memoryOf(server.pid);
      if (r.aborted) log(`  cap of ${settings.batchCapSec} s reached after ${num(r.lines)} lines: the batch was abandoned`);
      else if (r.lines !== items || r.okLines !== items || !r.complete) {
        throw new Error(`batch of ${items}: ${r.lines} item lines, ${r.okLines} ok, end record complete: ${r.complete}`);
      }
      out.push({
        items,
        kind,
        detail,
        bodyBytes: Buffer.byteLength(body),
        lines: r.lines,
        okLines: r.okLines,
        aborted: r.aborted,
        wallSeconds: r.wallSeconds,
        timeToFirstLineSeconds: r.firstLineSeconds,
        itemsPerSecond: r.lines / r.wallSeconds,
        rssBeforeMb: mb(before?.rss),
        rssSampledPeakMb: after ? mb(Math.max(sampledPeak, after.rss)) : null,
        peakRssMb: mb(after?.hwm),
      });
    } finally {
      await stopServer(server);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Start-up: process start to the first 200 of GET /ready (polled every 10 ms).

interface StartupFigures {
  emptyDbMs: number[];
  existingDbMs: number[];
  emptyDbMedianMs: number;
  existingDbMedianMs: number;
}

async function benchStartup(tmp: string): Promise<StartupFigures> {
  const emptyDbMs: number[] = [];
  const existingDbMs: number[] = [];
  for (let i = 0; i < settings.startupRuns; i++) {
    const dbFile = join(tmp, `startup-${i}.db`);
    log(`start-up run ${i + 1}/${settings.startupRuns}: empty database, then the same file again`);
    const cold = await startServer({ kind: 'service', dbFile });
    emptyDbMs.push(cold.readyMs);
    await stopServer(cold);
    const warm = await startServer({ kind: 'service', dbFile });
    existingDbMs.push(warm.readyMs);
    await stopServer(warm);
  }
  return { emptyDbMs, existingDbMs, emptyDbMedianMs: median(emptyDbMs), existingDbMedianMs: median(existingDbMs) };
}

// ---------------------------------------------------------------------------------------------
// Targets, report, main.

interface Target {
  name: string;
  target: string;
  value: string;
  pass: boolean;
}

function targetsOf(endpoints: EndpointFigures[], batch: BatchFigures[], startup: StartupFigures): Target[] {
  const [repeated, distinct] = endpoints as [EndpointFigures, EndpointFigures];
  const find = (items: number, kind: 'same' | 'sweep') => batch.find((b) => b.items === items && b.kind === kind && b.detail === 'full');
  const small = find(1_000, 'same');
  const large = find(10_000, 'same');
  const sweep = find(10_000, 'sweep');
  const complete = small !== undefined && large !== undefined && !small.aborted && !large.aborted;
  const growth = small?.peakRssMb != null && large?.peakRssMb != null ? large.peakRssMb - small.peakRssMb : null;
  const rate = (e: EndpointFigures, what: string): Target => ({
    name: `/compare rate vs a bare route answering the same document (${what})`,
    target: '>= 60 %',
    value: `${num(e.ratio * 100, 1)} %`,
    pass: e.ratio >= 0.6,
  });
  const p99 = (e: EndpointFigures, what: string): Target => ({
    name: `/compare p99 at ${settings.connections} connections (${what})`,
    target: '< 10 ms',
    value: `${num(e.service.p99Ms, 2)} ms`,
    pass: e.service.p99Ms < 10,
  });
  const throughput = (b: BatchFigures | undefined, what: string): Target => ({
    name: `10,000-item batch throughput (${what})`,
    target: '>= 5,000 items/s',
    value: b ? `${b.aborted ? '< ' : ''}${num(b.itemsPerSecond)} items/s (${num(b.wallSeconds, 2)} s)` : '-',
    pass: b !== undefined && !b.aborted && b.itemsPerSecond >= 5_000,
  });
  return [
    rate(repeated, 'the same body repeated'),
    p99(repeated, 'the same body repeated'),
    rate(distinct, 'a new volume per request'),
    p99(distinct, 'a new volume per request'),
    throughput(large, 'one comparison repeated'),
    throughput(sweep, 'a volume sweep'),
    {
      name: 'peak RSS growth 1,000 -> 10,000 items',
      target: '< 100 MB',
      value: growth === null ? '-' : `${num(growth, 1)} MB${complete ? '' : ' (batch abandoned: incomplete)'}`,
      pass: complete && growth !== null && growth < 100,
    },
    {
      name: 'cold start to ready (empty DB, median)',
      target: '< 3 s',
      value: `${num(startup.emptyDbMedianMs / 1000, 2)} s`,
      pass: startup.emptyDbMedianMs < 3000,
    },
  ];
}

function render(r: {
  machine: Record<string, unknown>;
  calc: CalcFigure[];
  endpoints: EndpointFigures[];
  batch: BatchFigures[];
  startup: StartupFigures;
  targets: Target[];
  totalSeconds: number;
  buildSeconds: number;
  startedAt: string;
  server: string;
}): string {
  const m = r.machine as { cpus: number; cpuModel: string; node: string; loadAverageStart: number[]; loadAverageEnd: number[] };
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  const parts = [
    `Breakeven benchmark — started ${r.startedAt}`,
    `Machine: ${m.cpus} cores, ${m.cpuModel}, Node ${m.node}; load average at start ${load(m.loadAverageStart)}, at end ${load(m.loadAverageEnd)}`,
    `Server under test: ${r.server}; LOG_LEVEL=${settings.logLevel} for service and baseline`,
    `Load: autocannon in its own process, ${settings.connections} connections, pipelining ${settings.pipelining}, ${settings.warmupSec} s warm-up + ${settings.durationSec} s, ${settings.rounds} alternating rounds (baseline, service)`,
    '',
    'Cost engine alone (tinybench, in-process)',
    table(
      ['evaluation', 'mean µs', 'median µs', 'ops/s', '± %'],
      r.calc.map((c) => [c.name, num(c.meanUs, 1), num(c.p50Us, 1), num(c.opsPerSec), num(c.rmePct, 1)]),
    ),
    '',
    'HTTP vs bare Fastify baseline (req/s: mean of rounds; p50: mean of rounds; p99: worst round)',
    `Headline: POST /compare serves ${num((r.endpoints[0]?.ratio ?? Number.NaN) * 100, 1)} % (the same body repeated) and ${num((r.endpoints[1]?.ratio ?? Number.NaN) * 100, 1)} % (a new volume per request) of the requests per second of a bare route answering the same document (baseline /same-size; the others: /ok)`,
    table(
      ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'baseline', 'baseline req/s', 'base p50', 'base p99', 'service/baseline'],
      r.endpoints.map((e) => [
        e.name,
        num(e.service.rps),
        num(e.service.p50Ms, 2),
        num(e.service.p99Ms, 2),
        e.baselinePath,
        num(e.baseline.rps),
        num(e.baseline.p50Ms, 2),
        num(e.baseline.p99Ms, 2),
        `${num(e.ratio * 100, 1)} %`,
      ]),
    ),
    ...r.endpoints
      .filter((e) => e.service.non2xx + e.service.errors > 0)
      .map((e) => `  ! ${e.name}: ${e.service.non2xx} non-2xx, ${e.service.errors} errors`),
    '',
    `POST /compare/batch (fresh server per size, ${settings.batchWarmupItems}-item warm-up batch first; abandoned after ${settings.batchCapSec} s)`,
    table(
      ['items', 'kind', 'detail', 'body MiB', 'lines', 'wall s', 'first line s', 'items/s', 'RSS before MB', 'peak RSS MB'],
      r.batch.map((b) => [
        num(b.items),
        b.kind,
        b.detail,
        num(b.bodyBytes / 1_048_576, 1),
        num(b.lines),
        `${b.aborted ? '> ' : ''}${num(b.wallSeconds, 2)}`,
        num(b.timeToFirstLineSeconds, 2),
        num(b.itemsPerSecond),
        num(b.rssBeforeMb, 1),
        num(b.peakRssMb, 1),
      ]),
    ),
    '',
    `Start-up to first 200 of GET /ready (${settings.startupRuns} runs, median)`,
    table(
      ['database', 'median ms', 'runs ms'],
      [
        ['empty (migrations + reference data)', num(r.startup.emptyDbMedianMs), r.startup.emptyDbMs.map((x) => num(x)).join(', ')],
        ['existing (second start)', num(r.startup.existingDbMedianMs), r.startup.existingDbMs.map((x) => num(x)).join(', ')],
      ],
    ),
    '',
    'Targets',
    table(
      ['target', 'goal', 'measured', ''],
      r.targets.map((t) => [t.name, t.target, t.value, t.pass ? 'PASS' : 'MISS']),
    ),
    '',
    `Total run time: ${num(r.totalSeconds, 1)} s${r.buildSeconds > 0 ? ` (plus ${num(r.buildSeconds, 1)} s building dist/ first)` : ''}`,
  ];
  return parts.join('\n');
}

async function main(): Promise<void> {
  const build = prepareBuild();
  const started = performance.now();
  const startedAt = new Date();
  const cpus = os.cpus();
  const machine = {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryGb: Number((os.totalmem() / 1e9).toFixed(1)),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverageStart: os.loadavg(),
    loadAverageEnd: [] as number[],
  };
  if (machine.loadAverageStart[0] !== undefined && machine.loadAverageStart[0] > machine.cpus) {
    log(`warning: load average ${machine.loadAverageStart[0].toFixed(1)} exceeds ${machine.cpus} cores: other work competes for the CPU`);
  }
  const tmp = mkdtempSync(join(os.tmpdir(), 'breakeven-bench-'));
  try {
    log('cost engine micro-benchmarks');
    const calc = await benchCalc();
    const { endpoints, dbFile } = await benchHttp(tmp);
    const batch = await benchBatch(dbFile);
    const startup = await benchStartup(tmp);
    const targets = targetsOf(endpoints, batch, startup);
    machine.loadAverageEnd = os.loadavg();
    const totalSeconds = (performance.now() - started) / 1000;
    const server = `node ${builtServer.slice(root.length + 1)} (built${build.stale ? ', STALE: older than src/' : ''})`;
    const results = {
      startedAt: startedAt.toISOString(),
      machine,
      build: {
        server,
        commit: readOnlyGit('rev-parse HEAD'),
        uncommittedChanges: (readOnlyGit('status --porcelain') ?? '').split('\n').filter(Boolean).length,
        builtBeforeRun: build.built,
        buildSeconds: build.buildSeconds,
      },
      settings,
      calc,
      http: endpoints,
      batch,
      startup,
      targets,
      totalSeconds,
    };
    const text = render({
      machine,
      calc,
      endpoints,
      batch,
      startup,
      targets,
      totalSeconds,
      buildSeconds: build.buildSeconds,
      startedAt: startedAt.toISOString(),
      server,
    });
    const dir = join(benchDir, 'results');
    mkdirSync(dir, { recursive: true });
    const json = `${JSON.stringify(results, null, 2)}\n`;
    const file = join(dir, `${startedAt.toISOString().replace(/:/g, '-')}.json`);
    writeFileSync(file, json);
    writeFileSync(join(dir, 'latest.json'), json);
    process.stdout.write(`${text}\nResults: ${file.slice(root.length + 1)} (and bench/results/latest.json)\n`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
