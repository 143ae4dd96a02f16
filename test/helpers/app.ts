import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { type Config, defaultConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createService } from '../../src/service.js';

export interface TestService {
  app: FastifyInstance;
  db: Database;
  /** supertest agent over real HTTP on an ephemeral port. */
  http: supertest.Agent;
  dir: string;
  databaseUrl: string;
  close(): Promise<void>;
}

/** A fresh temporary database folder; each test file makes its own. */
export function freshDatabaseUrl(): { dir: string; databaseUrl: string } {
  const dir = mkdtempSync(join(tmpdir(), 'breakeven-test-'));
  return { dir, databaseUrl: `file:${join(dir, 'test.db')}` };
}

/** Builds the service on a fresh database (or the one given) and listens on an ephemeral port. */
export async function startTestService(
  overrides: Partial<Config> = {},
  existing?: { dir: string; databaseUrl: string },
): Promise<TestService> {
  const { dir, databaseUrl } = existing ?? freshDatabaseUrl();
  const config = defaultConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', LOAD_REFERENCE_DATA: false, ...overrides });
  const { app, db } = await createService(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db,
    http: supertest.agent(app.server),
    dir,
    databaseUrl,
    close: async () => {
      await app.close();
      if (!existing) rmSync(dir, { recursive: true, force: true });
    },
  };
}
