#!/usr/bin/env node
// Creates the next migration from the change to prisma/schema.prisma since the last commit:
//   npm run db:migration -- <name>
// `prisma migrate dev` does not work on the offline path (docs/database.md), so the SQL is the
// diff between the committed schema (git HEAD) and the working-tree schema.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write('usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)\n');
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), 'breakeven-migration-'));
try {
  const old = join(tmp, 'old.prisma');
  writeFileSync(old, execFileSync('git', ['show', 'HEAD:prisma/schema.prisma'], { cwd: root }));
  const diff = spawnSync(
    process.execPath,
    [
      join(root, 'scripts/prisma.mjs'),
      'migrate',
      'diff',
      '--from-schema-datamodel',
      old,
      '--to-schema-datamodel',
      'prisma/schema.prisma',
      '--script',
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: `file:${join(tmp, 'scratch.db')}` } },
  );
  if (diff.status !== 0) {
    process.stderr.write(diff.stderr);
    process.exit(diff.status ?? 1);
  }
  if (!/\b(CREATE|ALTER|DROP)\b/.test(diff.stdout)) {
    process.stdout.write('prisma/schema.prisma has no change since HEAD; no migration written.\n');
    process.exit(0);
  }
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(root, 'prisma/migrations', `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'migration.sql'), diff.stdout);
  process.stdout.write(`wrote ${join(dir, 'migration.sql')}\n${readFileSync(join(dir, 'migration.sql'), 'utf8')}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
