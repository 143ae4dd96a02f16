import { openPostgresql } from './postgresql.js';
import { openSqlite } from './sqlite.js';
import type { Database } from './store.js';

export { type Database, inTransaction, type PrismaStore, type Tx } from './store.js';

export class UnsupportedDatabaseError extends Error {
  override name = 'UnsupportedDatabaseError';
}

/**
 * Opens the database named by `databaseUrl` and applies pending migrations first:
 * - `file:PATH` — SQLite, creating the file and its folder when they do not exist;
 * - `postgresql://…` or `postgres://…` — PostgreSQL; the database must exist.
 */
export async function openDatabase(databaseUrl: string): Promise<Database> {
  if (databaseUrl.startsWith('file:')) return openSqlite(databaseUrl);
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return openPostgresql(databaseUrl);
  throw new UnsupportedDatabaseError(`DATABASE_URL ${databaseUrl.split(':')[0]}: is not supported; use a file: or postgresql:// URL.`);
}

/** Names of expected migrations the database has not applied; throws when it cannot be reached. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return db.expectedMigrations.filter((name) => !applied.has(name));
}
