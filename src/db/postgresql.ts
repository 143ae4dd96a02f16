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
  pool.on('connect', releaseWhenTransactionEndFails);
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

const TRANSACTION_END = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * @prisma/adapter-pg 6.19 gives an interactive transaction's connection back to the pool only
 * after its COMMIT or ROLLBACK succeeded (the Prisma client calls the adapter's `commit()` /
 * `rollback()`, which release it, only then). When the statement fails — the connection broke
 * because the database stopped, or COMMIT itself failed — the connection stays checked out for
 * ever: the pool loses a slot per such transaction (after 10, the pool's size, every query
 * waits) and `pool.end()` never returns, so shutdown hangs until the grace limit. Found and
 * reproduced by test/durability-postgres-stop.test.ts. This releases such a connection as broken (the
 * pool discards it and opens a new one when needed); a second release (its owner's, or the
 * adapter's should a later version add one) is ignored.
 */
function releaseWhenTransactionEndFails(client: pg.PoolClient): void {
  const query = client.query;
  client.query = function (this: pg.PoolClient, ...args: unknown[]) {
    const result: unknown = Reflect.apply(query, this, args);
    const first = args[0];
    const text =
      typeof first === 'string' ? first : typeof first === 'object' && first !== null ? (first as { text?: unknown }).text : undefined;
    if (!(result instanceof Promise) || typeof text !== 'string' || !TRANSACTION_END.test(text)) return result;
    return result.catch((err: unknown) => {
      const release = client.release;
      // Released as broken, the client leaves the pool for good: a later release by its owner
      // (migrate-postgresql.ts releases in `finally`) must not throw pg-pool's double-release error.
      client.release = () => {};
      try {
        release(err instanceof Error ? err : true);
      } catch {
        // Already released by its owner: nothing to give back.
      }
      throw err;
    });
  } as typeof client.query;
}
