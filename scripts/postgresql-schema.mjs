#!/usr/bin/env node
// Derives the PostgreSQL side of the data model from prisma/schema.prisma, the one source of truth
// (docs/database.md, "PostgreSQL: one model, two providers"):
//   prisma/postgresql/schema.prisma   the same model with provider "postgresql" and its own client
//                                     output (src/generated/prisma-pg);
//   prisma/postgresql/migrations/     one folder per SQLite migration, same name, PostgreSQL SQL.
//
//   node scripts/postgresql-schema.mjs --check   exits 1 naming what diverges (run by
//                                                `npm run db:generate` and by a test)
//   node scripts/postgresql-schema.mjs --write   rewrites prisma/postgresql/schema.prisma
// `npm run db:migration -- <name>` writes both migrations and the derived schema.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SOURCE_SCHEMA = 'prisma/schema.prisma';
export const SQLITE_MIGRATIONS = 'prisma/migrations';
export const POSTGRESQL_SCHEMA = 'prisma/postgresql/schema.prisma';
export const POSTGRESQL_MIGRATIONS = 'prisma/postgresql/migrations';
export const POSTGRESQL_LOCK = 'provider = "postgresql"';

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/postgresql-schema.mjs: do not edit.
// Edit prisma/schema.prisma, then run \`npm run db:migration -- <name>\` (docs/database.md).
`;

/** Replaces exactly one occurrence of `pattern` in `text`, or throws naming what was expected. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) ?? [];
  if (matches.length !== 1) throw new Error(`${SOURCE_SCHEMA}: expected exactly one ${what}, found ${matches.length}`);
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for a SQLite schema text: same models, other provider and client folder. */
export function derivePostgresqlSchema(sqliteSchema) {
  let text = replaceOnce(sqliteSchema, /(provider\s*=\s*)"sqlite"/, '$1"postgresql"', 'provider = "sqlite"');
  text = replaceOnce(text, /(output\s*=\s*)"\.\.\/src\/generated\/prisma"/, '$1"../../src/generated/prisma-pg"', 'client output');
  return `${HEADER}\n${text}`;
}

/**
 * SQL that turns the data model `from` (a schema file, or null for an empty database) into `to`,
 * in the dialect of their provider. Offline: the CLI runs through scripts/prisma.mjs with the
 * SQLite adapter configuration and a scratch file; a datamodel-to-datamodel diff never touches it.
 */
export function migrationSql(from, to) {
  const scratch = mkdtempSync(join(tmpdir(), 'breakeven-diff-'));
  try {
    const result = spawnSync(
      process.execPath,
      [
        join(root, 'scripts/prisma.mjs'),
        'migrate',
        'diff',
        ...(from === null ? ['--from-empty'] : ['--from-schema-datamodel', from]),
        '--to-schema-datamodel',
        to,
        '--script',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${join(scratch, 'scratch.db')}` } },
    );
    if (result.status !== 0) throw new Error(`prisma migrate diff failed:\n${result.stderr}`);
    return result.stdout;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const migrationNames = (dir) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir), { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];

/** What differs between the committed PostgreSQL files and what derivation gives; empty when in step. */
export function divergences() {
  const problems = [];
  const expected = derivePostgresqlSchema(readFileSync(join(root, SOURCE_SCHEMA), 'utf8'));
  const schemaFile = join(root, POSTGRESQL_SCHEMA);
  if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== expected) {
    problems.push(`${POSTGRESQL_SCHEMA} is not the one derived from ${SOURCE_SCHEMA}`);
  }
  const sqlite = migrationNames(SQLITE_MIGRATIONS);
  const postgresql = migrationNames(POSTGRESQL_MIGRATIONS);
  for (const name of sqlite.filter((n) => !postgresql.includes(n))) problems.push(`${POSTGRESQL_MIGRATIONS}/${name} is missing`);
  for (const name of postgresql.filter((n) => !sqlite.includes(n))) problems.push(`${POSTGRESQL_MIGRATIONS}/${name} has no SQLite twin`);
  for (const name of postgresql) {
    if (!existsSync(join(root, POSTGRESQL_MIGRATIONS, name, 'migration.sql'))) {
      problems.push(`${POSTGRESQL_MIGRATIONS}/${name}/migration.sql is missing`);
    }
  }
  const lock = join(root, POSTGRESQL_MIGRATIONS, 'migration_lock.toml');
  if (!existsSync(lock) || !readFileSync(lock, 'utf8').includes(POSTGRESQL_LOCK)) {
    problems.push(`${POSTGRESQL_MIGRATIONS}/migration_lock.toml does not name ${POSTGRESQL_LOCK}`);
  }
  return problems;
}

/** Exits the process with status 1 and a message naming each divergence, unless there is none. */
export function exitUnlessInStep() {
  const problems = divergences();
  if (problems.length === 0) return;
  process.stderr.write(
    `The PostgreSQL files are out of step with ${SOURCE_SCHEMA}:\n  ${problems.join('\n  ')}\n` +
      'Run `npm run db:migration -- <name>` after changing the schema (docs/database.md).\n',
  );
  process.exit(1);
}

export function writeDerivedSchema() {
  writeFileSync(join(root, POSTGRESQL_SCHEMA), derivePostgresqlSchema(readFileSync(join(root, SOURCE_SCHEMA), 'utf8')));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  if (mode === '--write') {
    writeDerivedSchema();
  } else if (mode === '--check') {
    exitUnlessInStep();
  } else {
    process.stderr.write('usage: node scripts/postgresql-schema.mjs --check | --write\n');
    process.exit(2);
  }
}
