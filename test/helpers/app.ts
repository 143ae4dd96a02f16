import type { FastifyInstance } from 'fastify';
import supertest from 'supertest';
import { type Config, defaultConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { createService } from '../../src/service.js';
import { freshDatabase, type TestDatabase } from './database.js';

export { freshDatabase, onPostgresql, type TestDatabase } from './database.js';

/**
 * Rate limits far above what any test sends: the production defaults (120 computations a minute
 * per client) would throttle the property tests, which all come from 127.0.0.1. Load shedding off:
 * the suite's own CPU-heavy tests share the event loop with the service and would trip it. Tests
 * of the limits and of load shedding override these.
 */
export const TEST_LIMITS = {
  RATE_LIMIT_MAX: 1_000_000,
  RATE_LIMIT_READ_MAX: 1_000_000,
  RATE_LIMIT_WRITE_MAX: 1_000_000,
  PRESSURE_MAX_EVENT_LOOP_DELAY_MS: 0,
  PRESSURE_MAX_HEAP_USED_MB: 0,
  PRESSURE_MAX_RSS_MB: 0,
} as const;

export interface TestService {
  app: FastifyInstance;
  db: Database;
  /** supertest agent over real HTTP on an ephemeral port. */
  http: supertest.Agent;
  databaseUrl: string;
  close(): Promise<void>;
}

/**
 * Builds the service on a fresh database (SQLite, or PostgreSQL in the PostgreSQL pass: see
 * helpers/database.ts), or on the one given, and listens on an ephemeral port. `close` drops the
 * fresh database; one given is left to its owner.
 */
export async function startTestService(
  overrides: Partial<Config> = {},
  existing?: TestDatabase,
  /** The service's clock (AppDeps.now); default the real one. */
  now?: () => Date,
): Promise<TestService> {
  const database = existing ?? (await freshDatabase());
  const config = defaultConfig({
    DATABASE_URL: database.databaseUrl,
    LOG_LEVEL: 'silent',
    LOAD_REFERENCE_DATA: false,
    ...TEST_LIMITS,
    ...overrides,
  });
  const { app, db } = await createService(config, now ? { now } : {}).catch(async (err: unknown) => {
    if (!existing) await database.drop();
    throw err;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    app,
    db,
    http: supertest.agent(app.server),
    databaseUrl: database.databaseUrl,
    close: async () => {
      await app.close();
      if (!existing) await database.drop();
    },
  };
}
