/**
 * Load-generator worker: reads a LoadSpec (bench/processes.ts) as JSON on stdin, runs autocannon
 * once for the warm-up (discarded) and once for the measurement, and prints a LoadResult as JSON.
 * It runs in its own process so that the client never shares an event loop with a server.
 *
 * Latency percentiles are computed from every 2xx response time of the measured window
 * (autocannon's own histogram has a 1 ms resolution, too coarse for sub-millisecond routes).
 */
import autocannon from 'autocannon';
import type { LoadResult, LoadSpec } from './processes.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

/** The counter of `varyBody`: runs after the first go on counting, so a warm-up never repeats a measured body. */
let nextBody = 0;

function run(spec: LoadSpec, durationSec: number, latencies: number[] | null) {
  const vary = spec.varyBody;
  const body = spec.body;
  const requests =
    vary && body
      ? [
          {
            setupRequest: (req: Record<string, unknown>) => ({
              ...req,
              body: body.replaceAll(vary.placeholder, String(vary.start + nextBody++)),
            }),
          },
        ]
      : undefined;
  const instance = autocannon({
    ...(requests ? { requests } : {}),
    url: spec.url,
    method: spec.method,
    body: spec.body,
    headers: { ...(spec.body ? { 'content-type': 'application/json' } : {}), ...spec.headers },
    connections: spec.connections,
    pipelining: spec.pipelining,
    duration: durationSec,
  });
  if (latencies) {
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
  }
  return instance;
}

const spec = JSON.parse(await readStdin()) as LoadSpec;
if (spec.warmupSec > 0) await run(spec, spec.warmupSec, null);
const latencies: number[] = [];
const started = performance.now();
const result = await run(spec, spec.durationSec, latencies);
const elapsedSec = (performance.now() - started) / 1000;
const sorted = Float64Array.from(latencies).sort();
const durationSec = result.duration > 0 ? result.duration : elapsedSec;
const out: LoadResult = {
  requests: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
  timeouts: result.timeouts,
  durationSec,
  rps: result['2xx'] / durationSec,
  latencyMs: {
    mean: sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length),
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: percentile(sorted, 100),
  },
};
process.stdout.write(JSON.stringify(out));
