#!/usr/bin/env node
// `npm start` runs this first: it builds (npm run build) when dist/ is missing or older than any
// source file, so a fresh clone starts with `npm ci && npm start`.
import { execSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsStale } from './dist-freshness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
if (distIsStale(root)) {
  process.stdout.write('Building Breakeven (dist/ is missing or out of date)...\n');
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
