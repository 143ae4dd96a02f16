import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './helpers/app.js';
import { baseWorkload } from './helpers/comparison.js';
import { type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * SIGTERM while batch streams run (docs/edge.md "Durability", issue 11 item 8): a stream that can
 * finish within the grace period finishes (NDJSON end record `complete:true`, every item), one
 * that cannot is cut cleanly (here CSV: the trailer `# end ... complete=false reason=...` after
 * whole rows), and the process exits 0 within the grace period. test/edge-shutdown.test.ts covers
 * the NDJSON cut and /ready during the drain; this adds the CSV cut and the stream that completes.
 */
const GRACE_MS = 4_000;
const DRAIN_MS = 1_000;
const CANDIDATES = [
  { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
  { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
  { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
  { type: 'api', offering: 'openai-gpt-5-mini' },
  { type: 'api', offering: 'openai-gpt-5' },
  { type: 'api', offering: 'anthropic-claude-sonnet-4-5' },
  // Twelve candidates make the long CSV ~36 MB, far more than loopback socket buffers hold.
  { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-l40s' },
  { type: 'self-host', model: 'qwen3-30b-a3b', hardware: 'nvidia-h100-sxm' },
  { type: 'self-host', model: 'gemma-3-12b', hardware: 'nvidia-a100-80gb-sxm' },
  { type: 'api', offering: 'openai-gpt-5-nano' },
  { type: 'api', offering: 'openai-gpt-4.1' },
  { type: 'api', offering: 'openai-gpt-4o' },
];
/**
 * `n` items, each a different monthly volume: every item is computed (a repeated item would be
 * answered from the answer memo in microseconds, and the long stream could then finish before the
 * cut on a fast machine).
 */
const batch = (n: number) =>
  JSON.stringify({
    items: Array.from({ length: n }, (_, i) => ({ workload: baseWorkload({ inputTokensPerMonth: 3e9 + i }), candidates: CANDIDATES })),
  });

/**
 * Streams a batch; `onFirstByte` runs when the first chunk arrives; resolves with the whole text.
 * With `holdUntil`, the client stops reading at the first chunk until that promise settles: the
 * server's stream then waits on backpressure, so how far it gets does not depend on machine speed.
 */
function stream(baseUrl: string, body: string, accept: string, onFirstByte: () => void, holdUntil?: Promise<void>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/compare/batch`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        let text = '';
        res.setEncoding('utf8');
        res.once('data', () => {
          onFirstByte();
          if (holdUntil) {
            res.pause();
            void holdUntil.then(() => res.resume());
          }
        });
        res.on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

let database: TestDatabase;
let server: ServerProcess | undefined;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  await database.drop();
});

describe('SIGTERM during batch streams', () => {
  it('a short stream completes, a long CSV stream ends with complete=false after whole rows, exit 0 within the grace', async () => {
    server = await spawnServer({
      DATABASE_URL: database.databaseUrl,
      LOAD_REFERENCE_DATA: 'true',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      SHUTDOWN_DRAIN_MS: String(DRAIN_MS),
      RATE_LIMIT_MAX: '1000',
      PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
      SCHEDULER_ENABLED: 'false',
    });
    const s = server;
    await waitForOk(`${s.baseUrl}/ready`, 60_000);

    let longStarted!: () => void;
    const longRunning = new Promise<void>((r) => {
      longStarted = r;
    });
    // The long stream is read only from 2.5 s after the signal: by then the server has written no
    // more than the socket buffers hold, and 10,000 items cannot be finished in the half second left
    // before the cut (grace − 1 s) on any machine, while the client still has 1 s to read what
    // was written (the trailer included) before the remaining connections are closed.
    let signalled!: () => void;
    const signal = new Promise<void>((r) => {
      signalled = r;
    });
    const readLongFrom = signal.then(() => new Promise<void>((r) => setTimeout(r, 2_500)));
    const long = stream(s.baseUrl, batch(10_000), 'text/csv', () => longStarted(), readLongFrom);
    await longRunning;
    // The short stream starts while the long one runs; the signal goes out as its first byte arrives.
    let signalledAt = 0;
    const short = stream(s.baseUrl, batch(100), 'application/x-ndjson', () => {
      signalledAt = performance.now();
      s.child.kill('SIGTERM');
      signalled();
    });
    const [shortText, longText] = await Promise.all([short, long]);
    const code = await s.exited;
    const exitAfterMs = performance.now() - signalledAt;

    const shortLines = shortText
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const shortEnd = shortLines.at(-1);
    expect(shortEnd).toEqual({ type: 'end', items: 100, total: 100, ok: 100, failed: 0, complete: true });
    expect(shortLines).toHaveLength(101);

    const csv = longText.trimEnd().split('\n');
    const trailer = csv.at(-1) ?? '';
    const m = /^# end items=(\d+) total=10000 ok=(\d+) failed=0 complete=false reason="The server is shutting down[^"]*"$/.exec(trailer);
    expect(m, trailer).not.toBeNull();
    const items = Number(m?.[1]);
    expect(items).toBeLessThan(10_000);
    expect(Number(m?.[2])).toBe(items);
    // A header, one whole row per candidate per item written, the trailer: nothing half-written.
    expect(csv).toHaveLength(1 + items * CANDIDATES.length + 1);
    const header = (csv[0] ?? '').split(',');
    for (const row of csv.slice(1, -1)) expect(row.startsWith('#')).toBe(false);
    expect(csv.slice(1, -1).every((row) => row.split(',').length >= header.length)).toBe(true);

    console.info(
      `SIGTERM during two batch streams: exit ${code} after ${Math.round(exitAfterMs)} ms (grace ${GRACE_MS} ms); ` +
        `short NDJSON ${JSON.stringify(shortEnd)}; long CSV ended "${trailer.slice(0, 70)}…"`,
    );
    expect(code).toBe(0);
    expect(exitAfterMs).toBeLessThan(GRACE_MS + 1_000);
  }, 120_000);
});
