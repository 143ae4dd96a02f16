import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../src/db/migrate.js';
import { postgresqlMigrationsDir } from '../src/db/paths.js';
import { readReferenceData } from '../src/db/reference-data.js';
import { freshDatabase, onPostgresql, type TestDatabase } from './helpers/app.js';
import { hardwareBody } from './helpers/fixtures.js';
import { type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * Two service processes on one PostgreSQL database (README, "Running on PostgreSQL"). Each
 * caches profiles for PROFILE_CACHE_TTL_MS, so a write through one instance reaches the other's
 * comparisons within that bound; reads of a single record and scenarios are never cached.
 *
 * Several instances need a shared server database, so this file runs only in the PostgreSQL pass
 * (`npm run test:postgres`, and in CI).
 */
const TTL_MS = 500;
const BOUND_MS = TTL_MS + 1000;
const SKIP_REASON = 'needs PostgreSQL: runs in the PostgreSQL pass (TEST_DATABASE=postgresql, npm run test:postgres)';

let database: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;

async function call(server: ServerProcess, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, etag: res.headers.get('etag'), body: text ? JSON.parse(text) : null };
}

/** Waits for /ready; fails at once, with the process's output, when the process exits instead. */
async function ready(server: ServerProcess): Promise<void> {
  let answered = false;
  await Promise.race([
    waitForOk(`${server.baseUrl}/ready`, 30_000).then(() => {
      answered = true;
    }),
    server.exited.then((code) => {
      if (!answered) throw new Error(`the instance exited with ${code} before it was ready:\n${server.output()}`);
    }),
  ]);
}

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(!onPostgresql)(`several instances on one PostgreSQL database${onPostgresql ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  beforeAll(async () => {
    database = await freshDatabase();
    const env = { DATABASE_URL: database.databaseUrl, PROFILE_CACHE_TTL_MS: String(TTL_MS), LOAD_REFERENCE_DATA: 'true' };
    // Both must reach the empty database at the same moment, whatever their start-up times. A
    // gate does that without relying on the service's own locks: an uncommitted transaction
    // creating the migrations table, which blocks whoever creates it next. Once both processes
    // wait, the gate rolls back (the database is empty again) and releases them together.
    const gate = new pg.Client({ connectionString: database.databaseUrl });
    await gate.connect();
    try {
      await gate.query('BEGIN');
      await gate.query('CREATE TABLE "_prisma_migrations" (gate INTEGER)');
      [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
      const waiting = async () =>
        Number(
          (
            await query<{ n: string }>(
              `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
            )
          )[0]?.n,
        );
      const deadline = performance.now() + 90_000;
      while ((await waiting()) < 2) {
        if (performance.now() > deadline) throw new Error(`the two instances never both waited:\n${a.output()}\n${b.output()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      await gate.query('ROLLBACK');
    } finally {
      await gate.end();
    }
    await Promise.all([ready(a), ready(b)]);
  }, 120_000);

  afterAll(async () => {
    for (const server of [a, b]) server?.child.kill('SIGTERM');
    await Promise.all([a?.exited, b?.exited]);
    await database?.drop();
  });

  it('both started together on an empty database: each migration applied once, the reference data loaded once', async () => {
    const expected = readMigrations(postgresqlMigrationsDir).map((m) => m.name);
    const applied = await query<{ migration_name: string }>('SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name');
    expect(applied.map((r) => r.migration_name)).toEqual(expected);
    const loads = await query<{ dataVersion: string }>('SELECT "dataVersion" FROM "ReferenceDataLoad"');
    const data = readReferenceData();
    expect(loads).toEqual([{ dataVersion: data.dataVersion }]);
    for (const server of [a, b]) {
      expect((await call(server, 'GET', '/hardware?limit=200')).body.total).toBe(data.hardware.length);
      expect((await call(server, 'GET', '/models?limit=200')).body.total).toBe(data.models.length);
      expect((await call(server, 'GET', '/api-offerings?limit=200')).body.total).toBe(data.apiOfferings.length);
    }
    const logs = [a.output(), b.output()];
    expect(logs.filter((l) => l.includes('"msg":"migrations applied"'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('"msg":"reference data loaded"'))).toHaveLength(1);
    expect(logs.filter((l) => l.includes('"msg":"reference data already loaded"'))).toHaveLength(1);
  });

  it(`a PATCH through A: B serves the record at once, and its comparisons within the cache TTL + 1 s (${BOUND_MS} ms)`, async () => {
    const id = 'nvidia-h100-sxm';
    const compare = {
      workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
      candidates: [
        { type: 'self-host', label: 'h100', model: 'gpt-oss-120b', hardware: id },
        { type: 'api', label: 'api', offering: 'openai-gpt-5' },
      ],
    };
    const hardwareVersion = (res: { body: { profiles: { kind: string; id: string; version: number }[] } }) =>
      res.body.profiles.find((p) => p.kind === 'hardware' && p.id === id)?.version;
    const before = await call(b, 'POST', '/compare', compare); // B now caches the current profiles
    expect(before.status).toBe(200);
    const current = await call(a, 'GET', `/hardware/${id}`);
    const patched = await call(
      a,
      'PATCH',
      `/hardware/${id}`,
      { usdPerGpuHour: current.body.usdPerGpuHour * 2 },
      { 'if-match': current.etag ?? '' },
    );
    expect(patched.status).toBe(200);
    const patchedAt = performance.now();

    // A single record is read from the database: B sees the write at once.
    expect((await call(b, 'GET', `/hardware/${id}`)).body).toEqual(patched.body);

    // Comparisons use B's profile cache: the write may be unseen for up to the TTL, never longer.
    let seen = await call(b, 'POST', '/compare', compare);
    while (hardwareVersion(seen) !== patched.body.version && performance.now() - patchedAt < BOUND_MS) {
      await new Promise((r) => setTimeout(r, 50));
      seen = await call(b, 'POST', '/compare', compare);
    }
    expect(hardwareVersion(seen), `B still used version ${hardwareVersion(seen)} after ${BOUND_MS} ms`).toBe(patched.body.version);
    expect(seen.body.results[0].monthlyCostUsd).toBeGreaterThan(before.body.results[0].monthlyCostUsd);
    expect(seen.body).toEqual((await call(a, 'POST', '/compare', compare)).body);
  });

  it('a scenario created through A is served by B at once (scenarios are not cached)', async () => {
    const name = `Shared scenario ${Date.now()}`;
    const created = await call(a, 'POST', '/scenarios', {
      name,
      workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
      candidates: [
        { type: 'self-host', label: 'h100', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
        { type: 'api', label: 'api', offering: 'openai-gpt-5' },
      ],
    });
    expect(created.status).toBe(201);
    const got = await call(b, 'GET', `/scenarios/${created.body.id}`);
    expect(got).toMatchObject({ status: 200, etag: created.etag, body: created.body });
    const listed = await call(b, 'GET', `/scenarios?name=${encodeURIComponent(name.toUpperCase())}`);
    expect(listed.body.items).toEqual([created.body]);
    expect((await call(b, 'GET', `/scenarios/${created.body.id}/evaluation`)).status).toBe(200);
  });

  it('concurrent PATCHes without If-Match spread over A and B: every one 200 and applied (last-writer-wins, as on SQLite)', async () => {
    const body = hardwareBody();
    expect((await call(a, 'POST', '/hardware', body)).status).toBe(201);
    const writers = Array.from({ length: 20 }, (_, i) =>
      call(i % 2 === 0 ? a : b, 'PATCH', `/hardware/${body.id}`, { notes: `writer ${i}` }),
    );
    const statuses = (await Promise.all(writers)).map((r) => r.status);
    expect(
      statuses.every((s) => s === 200),
      String(statuses),
    ).toBe(true);
    expect((await call(a, 'GET', `/hardware/${body.id}`)).body).toMatchObject({ version: 21 });
  });

  it('concurrent PATCHes with the same If-Match spread over A and B: one 200, the rest 412, no lost update', async () => {
    const body = hardwareBody();
    expect((await call(a, 'POST', '/hardware', body)).status).toBe(201);
    const writers = Array.from({ length: 12 }, (_, i) =>
      call(i % 2 === 0 ? a : b, 'PATCH', `/hardware/${body.id}`, { notes: `writer ${i}`, usdPerGpuHour: 1 + i }, { 'if-match': '"1"' }),
    );
    const results = await Promise.all(writers);
    const statuses = results.map((r) => r.status);
    expect(
      statuses.filter((s) => s === 200),
      String(statuses),
    ).toHaveLength(1);
    expect(
      statuses.filter((s) => s !== 200).every((s) => s === 412),
      String(statuses),
    ).toBe(true);
    const winner = results.find((r) => r.status === 200)?.body;
    expect(winner).toMatchObject({ version: 2 });
    for (const server of [a, b]) expect((await call(server, 'GET', `/hardware/${body.id}`)).body).toEqual(winner);
  });
});
