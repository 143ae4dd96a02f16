#!/usr/bin/env node
// Creates the next migration, for SQLite and for PostgreSQL, from the change to
// prisma/schema.prisma since the last commit:
//   npm run db:migration -- <name>
// `prisma migrate dev` does not work on the offline path (docs/database.md), so each SQL file is
// the diff between the committed schema (git HEAD) and the working-tree schema, once as written
// (SQLite) and once derived for PostgreSQL (scripts/postgresql-schema.mjs). Both land in folders
// of the same name; prisma/postgresql/schema.prisma is rewritten from prisma/schema.prisma.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  derivePostgresqlSchema,
  migrationSql,
  POSTGRESQL_MIGRATIONS,
  POSTGRESQL_SCHEMA,
  root,
  SOURCE_SCHEMA,
  SQLITE_MIGRATIONS,
  writeDerivedSchema,
} from './postgresql-schema.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)\n');
  process.exit(2);
}
writeDerivedSchema();
const tmp = mkdtempSync(join(tmpdir(), 'breakeven-migration-'));
try {
  const committed = execFileSync('git', ['show', `HEAD:${SOURCE_SCHEMA}`], { cwd: root, encoding: 'utf8' });
  const oldSqlite = join(tmp, 'old-sqlite.prisma');
  const oldPostgresql = join(tmp, 'old-postgresql.prisma');
  writeFileSync(oldSqlite, committed);
  writeFileSync(oldPostgresql, derivePostgresqlSchema(committed));
  const sqlite = migrationSql(oldSqlite, SOURCE_SCHEMA);
  const postgresql = migrationSql(oldPostgresql, POSTGRESQL_SCHEMA);
  if (!/\b(CREATE|ALTER|DROP)\b/.test(sqlite)) {
    process.stdout.write(`${SOURCE_SCHEMA} has no database change since HEAD; no migration written.\n`);
  } else {
    writeMigrations(sqlite, postgresql);
  }
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

function writeMigrations(sqlite, postgresql) {
  const folder = `${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`;
  for (const [dir, sql] of [
    [SQLITE_MIGRATIONS, sqlite],
    [POSTGRESQL_MIGRATIONS, postgresql],
  ]) {
    const file = join(root, dir, folder, 'migration.sql');
    mkdirSync(join(root, dir, folder), { recursive: true });
    writeFileSync(file, sql);
    process.stdout.write(`wrote ${file}\n${sql}\n`);
  }
}
