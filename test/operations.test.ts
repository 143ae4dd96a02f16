import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, startTestService, type TestService } from './helpers/app.js';
import { spawnServer, waitForOk } from './helpers/process.js';

describe('health and readiness', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc.close());

  it('GET /health answers ok', async () => {
    const res = await svc.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /ready answers ready with the migrations applied', async () => {
    const res = await svc.http.get('/ready').expect(200);
    expect(res.body).toEqual({ status: 'ready', migrationsApplied: svc.db.expectedMigrations.length });
    expect(svc.db.expectedMigrations.length).toBeGreaterThan(0);
  });

  it('GET /ready answers 503 problem+json when a migration is not applied', async () => {
    const name = svc.db.expectedMigrations[0] as string;
    await svc.db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE migration_name = '${name}'`);
    try {
      const res = await svc.http.get('/ready').expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toContain(name);
    } finally {
      await svc.db.prisma.$executeRawUnsafe(`UPDATE "_prisma_migrations" SET finished_at = started_at WHERE migration_name = '${name}'`);
    }
    await svc.http.get('/ready').expect(200);
  });

  it('GET /ready answers 503 when the database cannot answer the migrations query', async () => {
    const other = await startTestService();
    await other.db.prisma.$executeRawUnsafe('DROP TABLE "_prisma_migrations"');
    await other.http.get('/ready').expect(503);
    await other.close();
  });
});

describe('process lifecycle', () => {
  it('starts on an empty database (migrations applied), serves, and exits 0 on SIGTERM', async () => {
    const database = await freshDatabase();
    try {
      const server = await spawnServer({ DATABASE_URL: database.databaseUrl, LOAD_REFERENCE_DATA: 'false' });
      await waitForOk(`${server.baseUrl}/ready`);
      const res = await fetch(`${server.baseUrl}/hardware`);
      expect(res.status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('shutting down');
      await expect(fetch(`${server.baseUrl}/health`)).rejects.toThrow();
    } finally {
      await database.drop();
    }
  });

  it('refuses to start with a bad configuration, naming the variable', async () => {
    const server = await spawnServer({ PORT: 'not-a-port', DATABASE_URL: 'file:/tmp/unused.db' });
    expect(await server.exited).toBe(2);
    expect(server.output()).toContain('PORT');
  });
});
