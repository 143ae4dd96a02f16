import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { sqlitePath } from '../src/db/paths.js';
import { freshDatabase, onPostgresql, type TestDatabase } from './helpers/app.js';
import { adminSecret } from './helpers/auth.js';
import { Ledger, lostWrites, runWriters, type Sql, seededInts, Writer } from './helpers/durability.js';
import { type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * kill -9 of the service process at seeded random moments while several clients write over real
 * HTTP (docs/edge.md, "Durability"). After each kill, before the restart, the database itself is
 * read: every acknowledged write must be there with at least its acknowledged version and its
 * change-log row, no rejected write may have left anything, and on SQLite `PRAGMA
 * integrity_check` must answer ok (the file opened read-only with better-sqlite3). Runs on SQLite
 * and, in the PostgreSQL pass, on PostgreSQL. DURABILITY_SEED replays a run's kill moments and
 * write mix; DURABILITY_KILLS sets the number of kills (default 6).
 */
const KILLS = Number(process.env.DURABILITY_KILLS ?? 6);
const SEED = Number(process.env.DURABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const WRITERS = 4;
/** Writes acknowledged in a round before its kill is scheduled (a few per client). */
const MIN_ACKS_PER_ROUND = 2 * WRITERS;
const engine = onPostgresql ? 'PostgreSQL' : 'SQLite';

let database: TestDatabase;
const servers: ServerProcess[] = [];

/** Milliseconds from spawning each process to its first 200 on /ready. */
const startMs: number[] = [];

async function start(admin: string): Promise<ServerProcess> {
  const spawnedAt = performance.now();
  const server = await spawnServer({
    DATABASE_URL: database.databaseUrl,
    LOAD_REFERENCE_DATA: 'true',
    ADMIN_API_KEY: admin,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_READ_MAX: '1000000',
    RATE_LIMIT_WRITE_MAX: '1000000',
    PRESSURE_MAX_EVENT_LOOP_DELAY_MS: '0',
    PRESSURE_MAX_HEAP_USED_MB: '0',
    PRESSURE_MAX_RSS_MB: '0',
    SCHEDULER_ENABLED: 'false',
  });
  servers.push(server);
  await Promise.race([
    waitForOk(`${server.baseUrl}/ready`, 60_000),
    server.exited.then((code) => {
      throw new Error(`the service exited with ${code}:\n${server.output()}`);
    }),
  ]);
  startMs.push(performance.now() - spawnedAt);
  return server;
}

/** Read-only access to the database the killed process left, with the checks each engine allows. */
async function withDatabase<T>(fn: (sql: Sql, integrity: () => Promise<string>) => Promise<T>): Promise<T> {
  if (!onPostgresql) {
    const db = new Database(sqlitePath(database.databaseUrl), { readonly: true, fileMustExist: true });
    try {
      const sql: Sql = async (text, params = []) => db.prepare(text).all(...params) as Record<string, unknown>[];
      const integrity = async () => {
        const mode = db.pragma('journal_mode', { simple: true });
        const check = db.pragma('integrity_check') as { integrity_check: string }[];
        return `${check.map((r) => r.integrity_check).join('; ')} (journal_mode ${String(mode)})`;
      };
      return await fn(sql, integrity);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    await client.query('SET default_transaction_read_only = on');
    const sql: Sql = async (text, params = []) => {
      let i = 0;
      return (
        await client.query(
          text.replace(/\?/g, () => `$${++i}`),
          params,
        )
      ).rows as Record<string, unknown>[];
    };
    return await fn(sql, async () => 'n/a (PostgreSQL)');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  database = await freshDatabase();
});

afterAll(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill('SIGKILL');
      await s.exited;
    }
  }
  await database?.drop();
});

describe(`acknowledged writes survive kill -9 of the service (${engine})`, () => {
  it(`${KILLS} kills at seeded moments during concurrent writes: 0 acknowledged writes lost, nothing rejected stored, integrity ok`, async () => {
    console.info(`durability kill -9 (${engine}): seed ${SEED} (DURABILITY_SEED=${SEED} replays the kill moments and the write mix)`);
    const killAfterMs = seededInts(SEED, KILLS, 150, 1_500);
    const admin = adminSecret();
    const ledger = new Ledger();

    let server = await start(admin);
    const keys: Record<string, string> = {};
    for (const [name, scope] of [
      ['durability-writer', 'write'],
      ['durability-pricing', 'catalog:write'],
    ] as const) {
      const requestId = `keys-${name}`;
      const res = await fetch(`${server.baseUrl}/keys`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json', 'x-request-id': requestId },
        body: JSON.stringify({ name, scopes: [scope] }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string; secret: string };
      ledger.ack({ kind: 'key', id: body.id, version: null, requestId, fields: { name } });
      keys[scope] = body.secret;
    }
    const writerKeys = { write: keys.write as string, catalog: keys['catalog:write'] as string };
    const writers = Array.from({ length: WRITERS }, (_, i) => new Writer(i, SEED, writerKeys, ledger, `k${SEED}`));

    const integrity: string[] = [];
    const lostAtKill: string[] = [];
    const leakedAtKill: string[] = [];
    let acksBefore = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      let stopped = false;
      const traffic = runWriters(writers, server.baseUrl, () => stopped);
      // Kill once writes are being acknowledged in this round (a few per client), then at the seeded moment.
      const deadline = performance.now() + 20_000;
      while (ledger.acks.length < acksBefore + MIN_ACKS_PER_ROUND && performance.now() < deadline)
        await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, killAfterMs[kill]));
      server.child.kill('SIGKILL');
      await server.exited;
      stopped = true;
      await traffic;
      expect(
        ledger.acks.length,
        `no write acknowledged in round ${kill + 1} (statuses ${ledger.statusSummary()}): ${ledger.anomalies.slice(0, 5).join('\n')}`,
      ).toBeGreaterThan(acksBefore);
      acksBefore = ledger.acks.length;

      await withDatabase(async (sql, check) => {
        integrity.push(await check());
        const { lost, leaked } = await lostWrites(sql, ledger);
        lostAtKill.push(...lost.map((l) => `after kill ${kill + 1}: ${l}`));
        leakedAtKill.push(...leaked.map((l) => `after kill ${kill + 1}: ${l}`));
      });
      server = await start(admin);
    }

    // After the last restart, the service itself serves every acknowledged state.
    let servedStale = 0;
    for (const a of ledger.latest.values()) {
      if (a.kind === 'key') continue;
      const path = a.kind === 'scenario' ? `/scenarios/${a.id}` : `/api-offerings/${a.id}`;
      const res = await fetch(`${server.baseUrl}${path}`, { headers: { authorization: `Bearer ${writerKeys.write}` } });
      const body = (await res.json()) as { version: number };
      if (res.status !== 200 || body.version < (a.version ?? 0)) servedStale++;
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const lostCount = new Set(lostAtKill.map((l) => l.replace(/^after kill \d+: /, ''))).size;
    console.info(
      `durability kill -9 (${engine}): ${KILLS} kills (seed ${SEED}), ${WRITERS} concurrent clients; ` +
        `${ledger.acks.length} writes acknowledged (${ledger.count('scenario')} scenario creates/PATCHes, ` +
        `${ledger.count('api-offering')} price PATCHes, ${ledger.count('key')} key creates); lost ${lostCount}; ` +
        `${ledger.inFlight} in flight at a kill (outcome unknown); ${ledger.rejections.length} rejected, ${leakedAtKill.length} stored; ` +
        `integrity_check: ${[...new Set(integrity)].join(', ')} × ${integrity.length}; statuses ${ledger.statusSummary()}; ` +
        `restart to /ready ${Math.round(Math.min(...startMs.slice(1)))}–${Math.round(Math.max(...startMs.slice(1)))} ms`,
    );
    expect(lostAtKill).toEqual([]);
    expect(leakedAtKill).toEqual([]);
    expect(ledger.anomalies).toEqual([]);
    expect(servedStale).toBe(0);
    if (!onPostgresql) for (const r of integrity) expect(r).toBe('ok (journal_mode wal)');
  }, 180_000);
});

describe.skipIf(onPostgresql)('SQLite settings behind it', () => {
  it("the service's connection runs in WAL mode with synchronous=NORMAL (1)", async () => {
    const own = await freshDatabase();
    const db = await openDatabase(own.databaseUrl);
    try {
      expect(await db.prisma.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
      expect(await db.prisma.$queryRawUnsafe('PRAGMA synchronous')).toEqual([{ synchronous: 1n }]);
    } finally {
      await db.close();
      await own.drop();
    }
  });
});
