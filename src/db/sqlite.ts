import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../generated/prisma/client.js';
import { migrateSqlite, readMigrations } from './migrate.js';
import { migrationsDir, sqlitePath } from './paths.js';
import type { Database } from './store.js';

/** Opens a `file:` URL: creates the file and its folder, migrates, connects through better-sqlite3. */
export async function openSqlite(databaseUrl: string): Promise<Database> {
  const path = sqlitePath(databaseUrl);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const migrations = readMigrations(migrationsDir);
  const appliedAtOpen = migrateSqlite(path, migrations);
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${path}` }) });
  await prisma.$connect();
  // WAL (set by migrateSqlite, kept in the file) with synchronous=NORMAL: a commit is in the WAL
  // file (the operating system's cache) before the write is acknowledged, so a crash or kill -9 of
  // the process loses nothing acknowledged; only a power loss or an OS crash can undo the last
  // commits (docs/database.md, "Durability"). NORMAL is better-sqlite3's compiled-in default for
  // WAL; it is set here so that the guarantee does not hang on a build option.
  await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  return {
    prisma,
    expectedMigrations: migrations.map((m) => m.name),
    appliedAtOpen,
    exclusive: (_name, fn) => fn(),
    close: () => prisma.$disconnect(),
  };
}
