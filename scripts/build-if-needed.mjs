#!/usr/bin/env node
// `npm start` runs this first: it builds (npm run build) when dist/ is missing or older than any
// source file, so a fresh clone starts with `npm ci && npm start`.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist/src/server.js');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = 0;
  for (const e of readdirSync(path)) {
    if (e === 'generated') continue;
    t = Math.max(t, newest(join(path, e)));
  }
  return t;
}

const sources = ['src', 'prisma/schema.prisma', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'].map((p) => join(root, p));
if (!existsSync(built) || sources.some((p) => existsSync(p) && newest(p) > statSync(built).mtimeMs)) {
  process.stdout.write('Building Breakeven (dist/ is missing or out of date)...\n');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
