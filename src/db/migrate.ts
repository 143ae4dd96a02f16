import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { migrationsDir as defaultMigrationsDir } from './paths.js';

/**
 * Applies the committed migrations at start-up: prisma/migrations on SQLite (here),
 * prisma/postgresql/migrations on PostgreSQL (migrate-postgresql.ts).
 *
 * Prisma's own `migrate deploy` needs native engines that cannot be downloaded everywhere
 * (docs/database.md), so the service applies the SQL itself. It keeps Prisma's bookkeeping
 * table `_prisma_migrations` with the same columns and checksums, so `prisma migrate status`
 * and `prisma migrate deploy` (where they run) agree with what the service applied.
 */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir: string = defaultMigrationsDir): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const BOOKKEEPING = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** A row of `_prisma_migrations`. */
export interface RecordedMigration {
  migration_name: string;
  checksum: string;
}

/**
 * The migrations not recorded yet, in order. Throws MigrationError when a recorded migration's
 * file changed since it was applied (its checksum differs).
 */
export function pendingMigrationsOf(migrations: Migration[], recorded: RecordedMigration[]): Migration[] {
  const done = new Map(recorded.map((r) => [r.migration_name, r.checksum]));
  return migrations.filter((m) => {
    const checksum = done.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new MigrationError(`Migration ${m.name} was modified after it was applied.`);
    }
    return checksum === undefined;
  });
}

/**
 * Applies every migration not yet recorded, all in one transaction under SQLite's write lock
 * (BEGIN IMMEDIATE), so two processes starting together apply each migration once and a failed
 * migration leaves the database as it was.
 * Returns the names applied. Throws MigrationError when an applied migration's file changed.
 */
export function migrateSqlite(filePath: string, migrations: Migration[] = readMigrations()): string[] {
  const db = new Database(filePath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(BOOKKEEPING);
    const applied: string[] = [];
    const run = db.transaction(() => {
      const recorded = db
        .prepare('SELECT migration_name, checksum FROM "_prisma_migrations" WHERE rolled_back_at IS NULL')
        .all() as RecordedMigration[];
      for (const m of pendingMigrationsOf(migrations, recorded)) {
        const startedAt = new Date().toISOString();
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), m.checksum, new Date().toISOString(), m.name, startedAt);
        applied.push(m.name);
      }
    });
    run.immediate();
    return applied;
  } finally {
    db.close();
  }
}
