import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found from this file whether it runs from src/ or dist/src/. */
function findProjectRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`package.json not found above ${start}`);
    dir = parent;
  }
  return dir;
}

export const projectRoot = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
/** Committed migrations per provider: the same folder names, SQL in each dialect (docs/database.md). */
export const migrationsDir = resolve(projectRoot, 'prisma/migrations');
export const postgresqlMigrationsDir = resolve(projectRoot, 'prisma/postgresql/migrations');
export const referenceDataFile = resolve(projectRoot, 'data/reference/profiles.json');

/** Filesystem path of a `file:` database URL, relative paths resolved against the working directory. */
export function sqlitePath(databaseUrl: string): string {
  const path = databaseUrl.replace(/^file:/, '').split('?')[0] ?? '';
  return path === ':memory:' ? path : resolve(path);
}
