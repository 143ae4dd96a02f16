import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { freshDatabase, type TestDatabase } from './helpers/app.js';
import { baseWorkload, parseNdjson } from './helpers/comparison.js';
import { type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * A batch job survives kill -9 of its service process (docs/jobs.md, "Restarts"): a second
 * process on the same database resumes it after the last committed chunk, and the job ends with
 * exactly one result per item, equal to what /compare/batch gives for the same items. Runs on
 * SQLite and, in the PostgreSQL pass, on PostgreSQL.
 */
const TOTAL = 400;
const CHUNK = 20;
const LEASE_MS = 1500;

const items = Array.from({ length: TOTAL }, (_, i) =>
  i % 37 === 5
    ? { workload: { inputTokensPerMonth: -i }, candidates: [] }
    : {
        workload: baseWorkload({ inputTokensPerMonth: 1e9 + i * 1e7, outputTokensPerMonth: 2e8 + i * 1e6 }),
        candidates: [
          { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
          { type: 'api', offering: 'openai-gpt-5-mini' },
        ],
      },
);

let database: TestDatabase;
const servers: ServerProcess[] = [];

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await spawnServer({
    DATABASE_URL: database.databaseUrl,
    BATCH_JOB_CHUNK_SIZE: String(CHUNK),
    BATCH_JOB_POLL_MS: '100',
    BATCH_JOB_LEASE_MS: String(LEASE_MS),
    RATE_LIMIT_READ_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '1000000',
    RATE_LIMIT_MAX: '1000000',
    ...env,
  });
  servers.push(server);
  await Promise.race([
    waitForOk(`${server.baseUrl}/ready`, 60_000),
    server.exited.then((code) => {
      throw new Error(`the service exited with ${code}:\n${server.output()}`);
    }),
  ]);
  return server;
}

async function getJson(server: ServerProcess, path: string) {
  const res = await fetch(`${server.baseUrl}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; done: number; total: number; failed: number };
}

/** Log lines (pino JSON) of a process with the given message. */
function logLines(server: ServerProcess, msg: string): Record<string, unknown>[] {
  return server
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.msg === msg);
}

beforeAll(async () => {
  database = await freshDatabase();
});

afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }
  await database?.drop();
});

describe('a batch job after kill -9 of its service process', () => {
  it('resumes after the last committed chunk and ends with exactly one result per item', async () => {
    // First process: slowed down between chunks so that the kill lands mid-job.
    const first = await start({ BATCH_JOB_CHUNK_PAUSE_MS: '150' });
    const submitted = await fetch(`${first.baseUrl}/batch-jobs?detail=none`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    expect(submitted.status).toBe(202);
    const location = submitted.headers.get('location') ?? '';
    expect(location).toMatch(/^\/batch-jobs\/job_/);

    let seenBeforeKill = 0;
    const deadline = Date.now() + 60_000;
    while (seenBeforeKill < TOTAL / 4) {
      if (Date.now() > deadline) throw new Error(`no progress:\n${first.output()}`);
      seenBeforeKill = (await getJson(first, location)).done;
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    expect(seenBeforeKill).toBeLessThan(TOTAL);
    // What the dead process had committed, read from the database itself.
    const db = await openDatabase(database.databaseUrl);
    const stored = await db.prisma.batchJob.findUniqueOrThrow({ where: { id: location.split('/').pop() ?? '' } });
    const storedResults = await db.prisma.batchJobResult.count({ where: { jobId: stored.id } });
    await db.close();
    const committedAtKill = stored.done;
    expect(committedAtKill).toBeGreaterThanOrEqual(seenBeforeKill);
    expect(committedAtKill).toBeLessThan(TOTAL);
    expect(committedAtKill % CHUNK).toBe(0);
    expect(storedResults).toBe(committedAtKill);
    expect(stored.status).toBe('running');

    // Second process on the same database: takes the job over once the dead worker's lease expires.
    const killedAt = Date.now();
    const second = await start({ BATCH_JOB_CHUNK_PAUSE_MS: '0' });
    let job = await getJson(second, location);
    expect(job.done).toBeGreaterThanOrEqual(committedAtKill);
    while (job.status !== 'done') {
      if (Date.now() > deadline + 60_000) throw new Error(`not resumed:\n${second.output()}`);
      await new Promise((r) => setTimeout(r, 50));
      job = await getJson(second, location);
    }
    const resumedAfterMs = Date.now() - killedAt;

    // Resumed, not restarted: the second process evaluated only the items not committed before the kill.
    // The worker logs "finished" just after it commits the last chunk.
    for (let i = 0; i < 100 && logLines(second, 'batch job finished').length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    const resumed = logLines(second, 'batch job resumed');
    const finished = logLines(second, 'batch job finished');
    expect(resumed).toHaveLength(1);
    expect(finished).toHaveLength(1);
    expect(resumed[0]?.done).toBe(committedAtKill);
    expect(finished[0]?.evaluatedHere).toBe(TOTAL - committedAtKill);

    // Exactly one result per item, identical to /compare/batch for the same items.
    const results = await fetch(`${second.baseUrl}${location}/results`);
    const all = parseNdjson<{ index: number; ok: boolean }>(await results.text());
    expect(all.at(-1)).toMatchObject({ type: 'end', items: TOTAL, total: TOTAL, complete: true });
    const lines = all.slice(0, -1);
    expect(lines.map((l) => l.index)).toEqual(items.map((_, i) => i));
    const direct = await fetch(`${second.baseUrl}/compare/batch?detail=none`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ items }),
    });
    expect(all).toEqual(parseNdjson(await direct.text()));
    const invalid = items.filter((_, i) => i % 37 === 5).length;
    expect(job).toMatchObject({ status: 'done', done: TOTAL, total: TOTAL, failed: invalid });

    process.stdout.write(
      `batch job resume after kill -9 (${database.databaseUrl.startsWith('file:') ? 'SQLite' : 'PostgreSQL'}): ` +
        `${TOTAL} items in chunks of ${CHUNK}; seen done before kill ${seenBeforeKill}, committed at kill ${committedAtKill}, ` +
        `re-evaluated after restart ${finished[0]?.evaluatedHere}; results ${lines.length} (distinct ${new Set(lines.map((l) => l.index)).size}); ` +
        `done ${resumedAfterMs} ms after the kill (lease ${LEASE_MS} ms)\n`,
    );
  }, 180_000);
});
