import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { advisoryLockKey } from './advisory-lock.js';
import { type Migration, pendingMigrationsOf, type RecordedMigration, readMigrations } from './migrate.js';
import { postgresqlMigrationsDir } from './paths.js';

/** Prisma's own bookkeeping table, as `prisma migrate deploy` creates it on PostgreSQL. */
const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies every migration of prisma/postgresql/migrations not yet recorded in `_prisma_migrations`,
 * all in one transaction that first takes a transaction-scoped advisory lock: instances starting
 * together on one database wait for each other, so each migration is applied once, and a failed
 * migration leaves the database as it was (PostgreSQL's DDL is transactional).
 * Returns the names applied. Throws MigrationError when an applied migration's file changed.
 */
export async function migratePostgresql(
  pool: pg.Pool,
  migrations: Migration[] = readMigrations(postgresqlMigrationsDir),
): Promise<string[]> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [advisoryLockKey('migrations')]);
    await client.query(BOOKKEEPING);
    const { rows } = await client.query<RecordedMigration>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
    );
    const applied: string[] = [];
    for (const m of pendingMigrationsOf(migrations, rows)) {
      const startedAt = new Date();
      await client.query(m.sql);
      await client.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES ($1, $2, clock_timestamp(), $3, $4, 1)`,
        [randomUUID(), m.checksum, m.name, startedAt],
      );
      applied.push(m.name);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
