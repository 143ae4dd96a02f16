import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database.js';
import { projectRoot, sqlitePath } from '../src/db/paths.js';
import { freshDatabase, onPostgresql, type TestDatabase } from './helpers/app.js';

/**
 * prisma/schema.prisma is the one data model; the PostgreSQL schema and both migration histories
 * are derived from it (docs/database.md). These tests fail when the derived files drift from it.
 */
const provider = onPostgresql ? 'PostgreSQL' : 'SQLite';
const schemaFile = onPostgresql ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma';
const databases: TestDatabase[] = [];
afterAll(async () => Promise.all(databases.map((d) => d.drop())));

async function fresh(): Promise<string> {
  const database = await freshDatabase();
  databases.push(database);
  return database.databaseUrl;
}

/** The SQL that creates the data model of `schema` in an empty database (`prisma migrate diff`). */
function fromEmptySql(schema: string): string {
  const scratch = mkdtempSync(join(tmpdir(), 'breakeven-diff-'));
  try {
    const result = spawnSync(
      process.execPath,
      ['scripts/prisma.mjs', 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', schema, '--script'],
      { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${join(scratch, 'scratch.db')}` } },
    );
    expect(result.status, result.stderr).toBe(0);
    return result.stdout;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function execute(databaseUrl: string, sql: string): Promise<void> {
  if (!onPostgresql) {
    const db = new Sqlite(sqlitePath(databaseUrl));
    db.exec(sql);
    db.close();
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(sql);
  await client.end();
}

/** Tables, columns, keys and indexes of the application (Prisma's bookkeeping table left out). */
async function catalog(databaseUrl: string): Promise<unknown> {
  if (!onPostgresql) {
    const db = new Sqlite(sqlitePath(databaseUrl), { readonly: true });
    try {
      const tables = db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name`,
        )
        .pluck()
        .all() as string[];
      return tables.map((table) => ({
        table,
        columns: db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?) ORDER BY name`).all(table),
        indexes: db
          .prepare(
            `SELECT il.name, il."unique", group_concat(ii.name) AS columns FROM pragma_index_list(?) il, pragma_index_info(il.name) ii
             GROUP BY il.name ORDER BY il.name`,
          )
          .all(table),
      }));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const query = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await query(
        `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
         FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
         ORDER BY table_name, column_name`,
      ),
      constraints: await query(
        `SELECT table_name, constraint_name, constraint_type FROM information_schema.table_constraints
         WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' AND constraint_type <> 'CHECK'
         ORDER BY table_name, constraint_name`,
      ),
      indexes: await query(
        `SELECT tablename, indexname, indexdef FROM pg_indexes
         WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`,
      ),
    };
  } finally {
    await client.end();
  }
}

describe('one data model, two providers', () => {
  it('prisma/postgresql/ (schema and migration folders) is what scripts/postgresql-schema.mjs derives from prisma/schema.prisma', () => {
    const check = spawnSync(process.execPath, ['scripts/postgresql-schema.mjs', '--check'], { cwd: projectRoot, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it(`the committed ${provider} migrations build exactly the database ${schemaFile} describes`, async () => {
    const migrated = await fresh();
    const db = await openDatabase(migrated);
    expect(db.appliedAtOpen).toEqual(db.expectedMigrations);
    await db.close();
    const direct = await fresh();
    await execute(direct, fromEmptySql(schemaFile));
    const expected = await catalog(direct);
    expect(JSON.stringify(expected).length).toBeGreaterThan(1000);
    expect(await catalog(migrated)).toEqual(expected);
  });
});
