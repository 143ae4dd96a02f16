import type { Prisma, PrismaClient as SqlitePrismaClient } from '../generated/prisma/client.js';

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
  | 'scenarioRun'
  | 'scenarioSchedule'
  | 'scenarioNotify'
  | 'notificationDelivery'
  | 'apiKey'
  | 'idempotencyRecord'
  | 'changeRecord'
  | 'batchJob'
  | 'batchJobItem'
  | 'batchJobResult'
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
