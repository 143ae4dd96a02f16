import type { Prisma, PrismaClient as SqlitePrismaClient } from '../generated/prisma/client.js';
import { openPostgresql } from './postgresql.js';
import { openSqlite } from './sqlite.js';

/**
 * The part of a generated Prisma client that src/db and src/repositories use, typed by the SQLite
 * client. The PostgreSQL client is generated from the same model (docs/database.md, "PostgreSQL:
 * one model, two providers") and answers the same calls, but TypeScript cannot relate the generic
 * types of two generated clients, so openPostgresql casts it once; the test suite runs on both
 * databases to back that cast. Typing by the SQLite client also keeps provider-only options (such
 * as PostgreSQL's `mode: 'insensitive'`) out of shared code.
 */
export type PrismaStore = Pick<
  SqlitePrismaClient,
  | 'hardware'
  | 'model'
  | 'apiOffering'
  | 'scenario'
  | 'referenceDataLoad'
  | 'changeRecord'
  | '$queryRaw'
  | '$queryRawUnsafe'
  | '$executeRawUnsafe'
  | '$transaction'
>;

/** The client inside an interactive transaction (`inTransaction`). */
export type Tx = Prisma.TransactionClient;

/**
 * Runs `fn` in one interactive transaction: every write in it, and the change-log row that
 * records it (src/audit), commits together or not at all. On SQLite the driver adapter runs one
 * transaction at a time (a mutex), so waiting writers queue for up to `maxWait`.
 */
export function inTransaction<T>(db: Pick<Database, 'prisma'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.prisma.$transaction(fn, { maxWait: 15_000, timeout: 30_000 });
}

/** An open store: the Prisma client plus what /ready needs to know. */
export interface Database {
  prisma: PrismaStore;
  /** Migration names this build expects to be applied. */
  expectedMigrations: string[];
  /** Migrations applied when the database was opened (empty when it was up to date). */
  appliedAtOpen: string[];
  /**
   * Runs `fn` while no other process using this database runs an exclusive section of the same
   * name (a PostgreSQL advisory lock). On SQLite, whose file one service process owns, it runs `fn`.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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
