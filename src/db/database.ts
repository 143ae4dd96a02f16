import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrateSqlite, readMigrations } from './migrate.js';
import { sqlitePath } from './paths.js';

/** An open store: the Prisma client plus what /ready needs to know. */
export interface Database {
  prisma: PrismaClient;
  /** Migration names this build expects to be applied. */
  expectedMigrations: string[];
  /** Migrations applied when the database was opened (empty when it was up to date). */
  appliedAtOpen: string[];
  close(): Promise<void>;
}

export class UnsupportedDatabaseError extends Error {
  override name = 'UnsupportedDatabaseError';
}

/**
 * Opens the database named by `databaseUrl`, creating the SQLite file and its folder when they
 * do not exist and applying pending migrations first.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (!databaseUrl.startsWith('file:')) {
    throw new UnsupportedDatabaseError(`DATABASE_URL ${databaseUrl.split(':')[0]}: is not supported yet; use a file: URL.`);
  }
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const migrations = readMigrations();
  const appliedAtOpen = migrateSqlite(path, migrations);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path}` }) });
  await prisma.$connect();
  return {
    prisma,
    expectedMigrations: migrations.map((m) => m.name),
    appliedAtOpen,
    close: () => prisma.$disconnect(),
  };
}

/** Names of expected migrations the database has not applied; throws when it cannot be reached. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return db.expectedMigrations.filter((name) => !applied.has(name));
}
