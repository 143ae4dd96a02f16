import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/auth/plugin.js';
import { SECRET_PATTERN } from '../src/auth/secrets.js';
import { projectRoot } from '../src/db/paths.js';
import { freshDatabase, startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, scenarioBody } from './helpers/auth.js';
import { expectProblem } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';
import { spawnServer, waitForOk } from './helpers/process.js';

/** Installs without keys, and the first admin key from ADMIN_API_KEY (docs/auth.md). */
const open: TestService[] = [];
afterAll(async () => {
  for (const s of open) await s.close();
});
async function start(...args: Parameters<typeof startTestService>) {
  const s = await startTestService(...args);
  open.push(s);
  return s;
}

describe('loopback detection', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.1', false],
    ['128.0.0.1', false],
    ['example.com', false],
  ])('%s → %s', (host, expected) => expect(isLoopback(host)).toBe(expected));
});

describe('no key configured', () => {
  it('on loopback: writes are accepted without a key (first try), until a key exists', async () => {
    const svc = await start({ HOST: '127.0.0.1', LOAD_REFERENCE_DATA: true });
    const anon = await svc.http.post('/scenarios').send(scenarioBody()).expect(201);
    expect((await svc.db.prisma.scenario.findUnique({ where: { id: anon.body.id } }))?.ownerKeyId).toBeNull();
    await svc.http.post('/hardware').send(hardwareBody()).expect(201);
    // The first key can be created without one; from then on writes need a key.
    const first = await svc.http
      .post('/keys')
      .send({ name: 'first-admin', scopes: ['admin'] })
      .expect(201);
    expectProblem(await svc.http.post('/scenarios').send(scenarioBody()), 401);
    await svc.http.post('/scenarios').set('authorization', bearer(first.body.secret)).send(scenarioBody()).expect(201);
    // Reads stay open, and an anonymous reader still sees the anonymous scenario.
    await svc.http.get(`/scenarios/${anon.body.id}`).expect(200);
  });

  it('bound beyond loopback: writes are refused with 403 explaining how to configure a key; reads stay open', async () => {
    const svc = await start({ HOST: '0.0.0.0', LOAD_REFERENCE_DATA: true });
    const res = await svc.http.post('/scenarios').send(scenarioBody());
    expectProblem(res, 403);
    expect(res.body.detail).toMatch(/ADMIN_API_KEY/);
    expect(res.body.detail).toMatch(/0\.0\.0\.0/);
    expectProblem(await svc.http.post('/keys').send({ name: 'x', scopes: ['admin'] }), 403);
    expectProblem(await svc.http.delete('/hardware/nvidia-h200-sxm'), 403);
    await svc.http.get('/hardware/nvidia-h200-sxm').expect(200);
    expect(await svc.db.prisma.scenario.count()).toBe(0);
  });
});

describe('start-up log', () => {
  it('warns loudly that writes are unprotected when no key exists; says nothing of it once ADMIN_API_KEY is set', async () => {
    for (const [env, warned] of [
      [{}, true],
      [{ ADMIN_API_KEY: adminSecret() }, false],
    ] as const) {
      const database = await freshDatabase();
      try {
        const server = await spawnServer({ DATABASE_URL: database.databaseUrl, LOAD_REFERENCE_DATA: 'false', ...env });
        await waitForOk(`${server.baseUrl}/ready`, 60_000);
        server.child.kill('SIGTERM');
        await server.exited;
        expect(server.output().includes('NO API KEY IS CONFIGURED'), JSON.stringify(env)).toBe(warned);
        expect(server.output()).not.toContain('bk_');
      } finally {
        await database.drop();
      }
    }
  }, 120_000);
});

describe('ADMIN_API_KEY', () => {
  it('is stored hashed as bootstrap-admin; a restart with another secret revokes the earlier one', async () => {
    const database = await freshDatabase();
    const first = adminSecret();
    const a = await start({ ADMIN_API_KEY: first }, database);
    await a.http.get('/keys').set('authorization', bearer(first)).expect(200);
    await a.close();
    open.pop();
    const second = adminSecret();
    const b = await start({ ADMIN_API_KEY: second }, database);
    try {
      expectProblem(await b.http.get('/keys').set('authorization', bearer(first)), 401);
      const list = await b.http.get('/keys').set('authorization', bearer(second)).expect(200);
      const bootstrap = list.body.items.filter((k: { name: string }) => k.name === 'bootstrap-admin');
      expect(bootstrap.map((k: { revokedAt: string | null }) => k.revokedAt === null).sort()).toEqual([false, true]);
      expect(bootstrap.every((k: { scopes: string[] }) => k.scopes.join() === 'admin')).toBe(true);
      // The same secret again keeps the key (no duplicate).
      await b.close();
      open.pop();
      const c = await start({ ADMIN_API_KEY: second }, database);
      const again = await c.http.get('/keys').set('authorization', bearer(second)).expect(200);
      expect(again.body.total).toBe(2);
      await c.close();
      open.pop();
    } finally {
      await database.drop();
    }
  });

  it('is refused at start-up unless it has the shape of a generated key', async () => {
    const { configSchema } = await import('../src/config.js');
    expect(configSchema.safeParse({ ADMIN_API_KEY: 'changeme' }).success).toBe(false);
    expect(configSchema.safeParse({ ADMIN_API_KEY: adminSecret() }).success).toBe(true);
    // An empty value (compose passes `${ADMIN_API_KEY:-}`) means none.
    expect(configSchema.parse({ ADMIN_API_KEY: '' }).ADMIN_API_KEY).toBeUndefined();
  });
});

describe('npm run keys:create', () => {
  it('creates a key in DATABASE_URL and prints its secret once on standard output', async () => {
    const database = await freshDatabase();
    try {
      // The service creates the schema; the CLI then adds a key to the same database.
      const first = await start({}, database);
      await first.close();
      open.pop();
      const run = promisify(execFile);
      const { stdout, stderr } = await run(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts/keys-create.ts'), '--name', 'cli-admin', '--scopes', 'admin'],
        { cwd: projectRoot, env: { ...process.env, DATABASE_URL: database.databaseUrl }, timeout: 60_000 },
      );
      const secret = stdout.trim();
      expect(secret).toMatch(SECRET_PATTERN);
      expect(stderr).toContain("'cli-admin'");
      expect(stderr).not.toContain(secret);
      const svc = await start({}, database);
      const list = await svc.http.get('/keys').set('authorization', bearer(secret)).expect(200);
      expect(list.body.items.map((k: { name: string }) => k.name)).toEqual(['cli-admin']);
      // A key now exists: anonymous writes are refused.
      expectProblem(await svc.http.post('/hardware').send(hardwareBody()), 401);
      await svc.close();
      open.pop();
    } finally {
      await database.drop();
    }
  }, 120_000);
});
