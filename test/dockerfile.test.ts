import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../src/db/paths.js';
import { dockerfileStages } from './helpers/dockerfile.js';

/** No Docker engine runs on our machines, so the Dockerfile's properties are checked by parsing it. */
const stages = dockerfileStages();
const instructions = stages.flat();
const runtime = stages.at(-1) ?? [];
const pkg = JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8'));

describe('Dockerfile', () => {
  it('is multi-stage on a Node.js LTS image that package.json engines allow', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      const from = stage[0]?.args ?? '';
      const major = Number(/node:(\d+)/.exec(from)?.[1]);
      expect(major % 2, `${from} is an even (LTS) Node.js major`).toBe(0);
      expect(major).toBeGreaterThanOrEqual(Number(/>=(\d+)/.exec(pkg.engines.node)?.[1]));
    }
  });

  it('runs as a non-root user in the runtime stage', () => {
    const users = runtime.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const cmdIndex = runtime.findIndex((i) => i.op === 'CMD');
    const userIndex = runtime.findIndex((i) => i.op === 'USER');
    expect(userIndex).toBeLessThan(cmdIndex);
  });

  it('has a HEALTHCHECK on /ready', () => {
    const hc = runtime.find((i) => i.op === 'HEALTHCHECK');
    expect(hc?.args).toMatch(/CMD/);
    expect(hc?.args).toContain('/ready');
  });

  it('keeps data on a volume that the database URL points into', () => {
    const volume = runtime.find((i) => i.op === 'VOLUME')?.args ?? '';
    const dir = /"([^"]+)"/.exec(volume)?.[1] ?? volume.trim();
    const env = runtime
      .filter((i) => i.op === 'ENV')
      .map((i) => i.args)
      .join(' ');
    expect(env).toContain(`DATABASE_URL=file:${dir}/`);
  });

  it('applies migrations at container start (the service does), never at build time', () => {
    const runs = instructions.filter((i) => i.op === 'RUN').map((i) => i.args);
    for (const r of runs) expect(r).not.toMatch(/migrate|db:seed|db push/);
    const cmd = runtime.find((i) => i.op === 'CMD')?.args ?? '';
    expect(cmd).toContain('dist/src/server.js');
    // The server applies migrations from prisma/migrations and loads data/reference at start.
    const copies = runtime.filter((i) => i.op === 'COPY').map((i) => i.args);
    expect(copies.some((c) => c.startsWith('prisma/migrations'))).toBe(true);
    expect(copies.some((c) => c.startsWith('prisma/postgresql/migrations'))).toBe(true);
    expect(copies.some((c) => c.includes('data/reference'))).toBe(true);
  });

  it('builds with the same npm commands CI runs, all of them defined in package.json', () => {
    const npmRuns = instructions
      .filter((i) => i.op === 'RUN')
      .flatMap((i) => i.args.split('&&'))
      .map((c) => c.trim())
      .filter((c) => c.startsWith('npm '));
    expect(npmRuns).toContain('npm ci');
    for (const c of npmRuns) {
      const script = /^npm run (\S+)/.exec(c)?.[1];
      if (script) expect(pkg.scripts[script], c).toBeDefined();
    }
    const ci = readFileSync(resolve(projectRoot, '.ci/run'), 'utf8');
    expect(ci).toContain('npm ci');
    expect(ci).toContain('npm run build');
  });
});
