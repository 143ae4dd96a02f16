// When is dist/ out of date? Shared by `npm start` (scripts/build-if-needed.mjs) and the benchmark.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'prisma/schema.prisma', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time below `path`, generated Prisma clients excluded. */
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

/** True when dist/src/server.js is missing or older than any source file under `root`. */
export function distIsStale(root) {
  const built = join(root, 'dist/src/server.js');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return SOURCES.map((p) => join(root, p)).some((p) => existsSync(p) && newest(p) > builtAt);
}
