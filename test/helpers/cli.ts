import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../src/db/paths.js';

/**
 * Compiles the CLI as `npm run build` does (tsconfig.build.json) but only src/cli, into a folder
 * under node_modules/.cache (so that its imports resolve to this project's node_modules), and
 * returns the path of the binary package.json's `bin` names (dist/src/cli/main.js there).
 */
export function buildCli(): string {
  const out = join(projectRoot, 'node_modules/.cache/breakeven-cli-test');
  mkdirSync(out, { recursive: true });
  const tsconfig = join(out, 'tsconfig.json');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: join(projectRoot, 'tsconfig.build.json'),
      compilerOptions: { outDir: join(out, 'dist'), rootDir: projectRoot, sourceMap: false },
      include: [join(projectRoot, 'src/cli')],
      exclude: [],
    }),
  );
  execFileSync(process.execPath, [join(projectRoot, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], { stdio: 'pipe' });
  const bin = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { bin: { breakeven: string } }).bin.breakeven;
  return join(out, bin);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary with `args` and `env` (BREAKEVEN_* variables), at most `timeoutMs`. */
export function runBinary(bin: string, args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliRun> {
  return new Promise((resolve) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('BREAKEVEN_')));
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...clean, ...env }, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
