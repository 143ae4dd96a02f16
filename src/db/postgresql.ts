import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/prisma-pg/client.js';
import { withAdvisoryLock } from './advisory-lock.js';
import { readMigrations } from './migrate.js';
import { migratePostgresql } from './migrate-postgresql.js';
import { postgresqlMigrationsDir } from './paths.js';
import type { Database, PrismaStore } from './store.js';

/**
 * Opens a `postgresql://` URL: one `pg` pool serves the migrations, the advisory locks and the
 * Prisma client (through @prisma/adapter-pg).
 */
export async function openPostgresql(databaseUrl: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl });
  // An idle connection the server closed: the pool drops it and the next query opens another;
  // queries in flight report their own errors. Without a listener the process would crash.
  pool.on('error', () => {});
  try {
    const migrations = readMigrations(postgresqlMigrationsDir);
    const appliedAtOpen = await migratePostgresql(pool, migrations);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    await prisma.$connect();
    return {
      // Same model, same calls; see PrismaStore for why this cast is needed and how it is tested.
      prisma: prisma as unknown as PrismaStore,
      expectedMigrations: migrations.map((m) => m.name),
      appliedAtOpen,
      exclusive: (name, fn) => withAdvisoryLock(pool, name, fn),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  } catch (err) {
    await pool.end();
    throw err;
  }
}
