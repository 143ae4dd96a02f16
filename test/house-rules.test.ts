import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/db/paths.js';

/**
 * House rules that keep the code easy to change (docs/house.md): casts through `unknown` stay
 * rare and explained, and nothing test-only lives under src/ (it would be built into dist/).
 */
const src = join(projectRoot, 'src');
const handWritten = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.startsWith('generated'))
  .map((f) => join('src', f));

describe('house rules for src/', () => {
  it('has at most two `as unknown as` outside tests, each right after a comment giving the reason', () => {
    const casts = handWritten
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) => {
        const lines = readFileSync(join(projectRoot, f), 'utf8').split('\n');
        return lines.flatMap((line, i) =>
          line.includes(' as unknown as ') ? [{ at: `${f}:${i + 1}`, previous: lines[i - 1] ?? '' }] : [],
        );
      });
    expect(casts.length, casts.map((c) => c.at).join(', ')).toBeLessThanOrEqual(2);
    for (const c of casts) expect(c.previous.trim(), c.at).toMatch(/^\/\//);
  });

  it('holds no test helper or fixture: only *.test.ts files are test-only, and the build excludes them', () => {
    const testOnly = handWritten.filter((f) => /(^|\/)(test-[^/]*|[^/]*fixtures?[^/]*|[^/]*arbitraries[^/]*)\.ts$/.test(f));
    expect(testOnly).toEqual([]);
    const build = JSON.parse(readFileSync(join(projectRoot, 'tsconfig.build.json'), 'utf8')) as { exclude: string[] };
    expect(build.exclude).toContain('src/**/*.test.ts');
  });
});

describe('house rules for the test files', () => {
  // vitest.config.ts runs the files of a worker in one module graph (isolate: false): a module
  // mock, a stubbed global or environment variable, fake timers or a changed process.env would
  // leak into every file run after it in that worker.
  it('neither mock modules, stub globals or the environment, fake timers nor assign to process.env', () => {
    const testFiles = [
      ...handWritten,
      ...readdirSync(join(projectRoot, 'test'), { recursive: true, encoding: 'utf8' }).map((f) => join('test', f)),
    ].filter((f) => f.endsWith('.test.ts'));
    expect(testFiles.length).toBeGreaterThan(100);
    const leaky = /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers)\(|process\.env(\.\w+|\[[^\]]+\])\s*=[^=]|delete process\.env/;
    const offenders = testFiles.filter((f) => leaky.test(readFileSync(join(projectRoot, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
