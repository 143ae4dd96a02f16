#!/usr/bin/env node
// Runs the Prisma CLI on its offline path (docs/database.md): the JS schema engine with the
// better-sqlite3 driver adapter (prisma.config.ts). The CLI checks that native engine files exist
// before it starts; on this path they are never executed, so any existing file satisfies the check
// and the download (impossible on machines without internet) is skipped.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const placeholder = join(root, 'package.json');
const env = {
  ...process.env,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? placeholder,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
  DATABASE_URL: process.env.DATABASE_URL ?? 'file:./data/breakeven.db',
};
const result = spawnSync(join(root, 'node_modules/.bin/prisma'), process.argv.slice(2), { stdio: 'inherit', env, cwd: root });
process.exit(result.status ?? 1);
