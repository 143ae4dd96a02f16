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
