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
  return {
    prisma,
    expectedMigrations: migrations.map((m) => m.name),
    appliedAtOpen,
    exclusive: (_name, fn) => fn(),
    close: () => prisma.$disconnect(),
  };
}
