import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlitePath } from '../src/db/paths.js';
import { onPostgresql, startTestService, type TestService } from './helpers/app.js';
import { hardwareBody } from './helpers/fixtures.js';

/**
 * A SQLite file locked by another process for longer than the busy timeout (5 s; e.g. a backup
 * or a second process on the file): a write answers 503 problem+json with Retry-After and writes
 * nothing (docs/database.md "Durability"), never 500; once the lock is gone the same write succeeds.
 */
describe.skipIf(onPostgresql)('a write while another connection holds the SQLite write lock', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService();
  });
  afterAll(async () => svc?.close());

  it('answers 503 with Retry-After after the busy timeout, writes nothing, and succeeds once the lock is released', async () => {
    const other = new Database(sqlitePath(svc.databaseUrl));
    const body = hardwareBody({ id: 'busy-test-gpu' });
    try {
      other.exec('BEGIN IMMEDIATE');
      const res = await svc.http.post('/hardware').send(body);
      expect(res.status, JSON.stringify(res.body)).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('2');
      other.exec('ROLLBACK');
      expect((await svc.http.get('/hardware/busy-test-gpu')).status).toBe(404);
      expect((await svc.http.post('/hardware').send(body)).status).toBe(201);
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);
});
