import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * Which database the tests run on: SQLite files by default, or a PostgreSQL server when
 * TEST_DATABASE=postgresql and TEST_POSTGRES_URL (an administrator URL to it, e.g.
 * postgresql://postgres@127.0.0.1:5432/postgres) are set (`npm run test:postgres`, README).
 */
export const onPostgresql = process.env.TEST_DATABASE === 'postgresql';

export interface TestDatabase {
  databaseUrl: string;
  /** Deletes the database; every connection to it must be closed first (PostgreSQL forces that). */
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env.TEST_POSTGRES_URL;
  if (!url) throw new Error('TEST_DATABASE=postgresql needs TEST_POSTGRES_URL, an administrator URL to a PostgreSQL server');
  return url;
}

async function asAdmin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database of its own for a test file: a SQLite file in a fresh temporary folder,
 * or a fresh PostgreSQL database `breakeven_test_<random>` on the TEST_POSTGRES_URL server. Its
 * time zone is set away from UTC so that tests catch timestamps that depend on it.
 */
export async function freshDatabase(): Promise<TestDatabase> {
  if (!onPostgresql) {
    const dir = mkdtempSync(join(tmpdir(), 'breakeven-test-'));
    return { databaseUrl: `file:${join(dir, 'test.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `breakeven_test_${randomBytes(6).toString('hex')}`;
  await asAdmin(`CREATE DATABASE "${name}"`);
  await asAdmin(`ALTER DATABASE "${name}" SET timezone TO 'America/St_Johns'`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return { databaseUrl: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
