import type { PrismaClient as SqlitePrismaClient } from '../generated/prisma/client.js';

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
  | 'batchJob'
  | 'batchJobItem'
  | 'batchJobResult'
  | '$transaction'
  | '$queryRaw'
  | '$queryRawUnsafe'
  | '$executeRawUnsafe'
>;

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
