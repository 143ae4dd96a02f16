import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgresql, type TestDatabase } from './helpers/app.js';
import { offeringBody } from './helpers/fixtures.js';
import { type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * Two service processes on one PostgreSQL database, both running the scheduler (poll every
 * 100 ms), and a scenario due every second for about 10 s: every tick must run exactly once —
 * none twice (the conditional UPDATE claim), none skipped (consecutive ticks one second apart).
 * Runs only in the PostgreSQL pass (`npm run test:postgres`).
 */
const SKIP_REASON = 'needs PostgreSQL: runs in the PostgreSQL pass (TEST_DATABASE=postgresql, npm run test:postgres)';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let database: TestDatabase;
let a: ServerProcess;
let b: ServerProcess;

async function call(server: ServerProcess, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe.skipIf(!onPostgresql)(
  `scheduled runs with two instances on one PostgreSQL database${onPostgresql ? '' : ` (skipped: ${SKIP_REASON})`}`,
  () => {
    beforeAll(async () => {
      database = await freshDatabase();
      const env = {
        DATABASE_URL: database.databaseUrl,
        LOAD_REFERENCE_DATA: 'false',
        SCHEDULER_POLL_MS: '100',
        NOTIFY_DELIVERY_ENABLED: 'false',
      };
      a = await spawnServer(env);
      await waitForOk(`${a.baseUrl}/ready`, 60_000);
      b = await spawnServer(env);
      await waitForOk(`${b.baseUrl}/ready`, 60_000);
    }, 150_000);

    afterAll(async () => {
      for (const server of [a, b]) server?.child.kill('SIGTERM');
      await Promise.all([a?.exited, b?.exited]);
      await database?.drop();
    });

    it('a scenario due every second for ~10 s runs once per tick: none twice, none skipped', async () => {
      const offering = offeringBody();
      expect((await call(a, 'POST', '/api-offerings', offering)).status).toBe(201);
      const created = await call(b, 'POST', '/scenarios', {
        name: 'every second',
        workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
        candidates: [{ type: 'api', offering: offering.id }],
        schedule: { cron: '* * * * * *', timezone: 'UTC' },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const firstDue = new Date(created.body.schedule.nextDueAt).getTime();
      await sleep(10_500);
      expect((await call(a, 'PATCH', `/scenarios/${id}`, { schedule: null })).status).toBe(200);
      const stoppedAt = Date.now();
      await sleep(1000); // runs claimed before the schedule was removed finish

      const client = new pg.Client({ connectionString: database.databaseUrl });
      await client.connect();
      const { rows } = await client
        .query<{ tick: Date; n: string }>(
          `SELECT "scheduledFor" AS tick, count(*) AS n FROM "ScenarioRun" WHERE "scenarioId" = $1 GROUP BY "scheduledFor" ORDER BY "scheduledFor"`,
          [id],
        )
        .finally(() => client.end());
      const ticks = rows.map((r) => r.tick.getTime());
      const counts = rows.map((r) => Number(r.n));
      const claims = [a, b].map((s) => (s.output().match(/schedule tick claimed/g) ?? []).length);
      const twice = counts.filter((n) => n > 1).length;
      const gaps = ticks.slice(1).filter((t, i) => t - (ticks[i] as number) !== 1000).length;
      process.stdout.write(
        `two-instance schedule: ${ticks.length} ticks, runs per tick ${JSON.stringify(counts)}, ticks run twice: ${twice}, ticks skipped: ${gaps}, claims by instance A/B: ${claims.join('/')}\n`,
      );
      expect(ticks[0]).toBe(firstDue);
      expect(ticks.length).toBeGreaterThanOrEqual(9);
      expect(twice).toBe(0);
      expect(gaps).toBe(0);
      // The last tick run is the one before the schedule was removed (at most one second earlier).
      expect(stoppedAt - (ticks.at(-1) as number)).toBeLessThan(1500);
      expect((claims[0] ?? 0) + (claims[1] ?? 0)).toBe(ticks.length);
    }, 60_000);
  },
);
