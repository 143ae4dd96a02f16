import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/db/paths.js';
import { startTestService, type TestService } from './helpers/app.js';

/**
 * What a procurement tool does with the OpenAPI document: generate a typed client
 * (openapi-typescript + openapi-fetch), compile a script against it with `tsc --strict`, and run
 * it (its own Node.js process) against the service listening on a real port.
 * test/fixtures/typed-client/procurement.ts is the script.
 */
const run = promisify(execFile);
const bin = (name: string) => resolve(projectRoot, 'node_modules/.bin', name);

let svc: TestService;
let baseUrl: string;
let dir: string;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
  const address = svc.app.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dir = mkdtempSync(join(tmpdir(), 'breakeven-typed-client-'));
  // The script resolves openapi-fetch (and tsc its types) from the project's node_modules.
  symlinkSync(resolve(projectRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
}, 60_000);
afterAll(async () => {
  await svc?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('typed client generated from the served OpenAPI document', () => {
  it('generates, compiles strictly and runs a procurement script against the service', async () => {
    const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenAPI3;
    writeFileSync(join(dir, 'api.d.ts'), astToString(await openapiTS(doc)));
    copyFileSync(resolve(projectRoot, 'test/fixtures/typed-client/procurement.ts'), join(dir, 'procurement.ts'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2023',
          lib: ['ES2023', 'DOM'],
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
          skipLibCheck: true,
          types: ['node'],
        },
        files: ['procurement.ts', 'api.d.ts'],
      }),
    );

    const compiled = await run(bin('tsc'), ['-p', dir]).then(
      () => '',
      (err: { stdout?: string; stderr?: string }) => `${err.stdout ?? ''}${err.stderr ?? ''}`,
    );
    expect(compiled).toBe('');

    const { stdout } = await run(process.execPath, ['--import', 'tsx', join(dir, 'procurement.ts')], {
      cwd: dir,
      env: { ...process.env, BREAKEVEN_URL: baseUrl },
    });
    const out = JSON.parse(stdout);
    expect(out.scenarioId).toMatch(/^[0-9a-f-]{36}$/);
    expect(out.storedInputTokensPerMonth).toBe(6e9);
    // The self-host candidate first: its GPUs, replicas and engine detail, typed and present.
    expect(out.gpus).toEqual(expect.any(Number));
    expect(out.gpus).toBeGreaterThanOrEqual(1);
    expect(out.replicas).toBeGreaterThanOrEqual(1);
    expect(out.gpus % out.replicas).toBe(0);
    expect(out.kvBudgetGb).toBeGreaterThan(0);
    expect(out.gpuRentalUsdPerMonth).toBeCloseTo(out.gpus * 2.49 * 730, 0);
    expect(out.hoursPerMonth).toBe(730);
    // POST /compare and the saved scenario's evaluation size the deployment the same.
    expect(out.compareGpus).toBe(out.gpus);
    expect([0, 1]).toContain(out.cheapestIndex);
    expect(out.breakEvenPair).toEqual([0, 1]);
    expect(out.missingStatus).toBe(404);
    expect(out.batchContentType).toMatch(/^application\/x-ndjson/);
    expect(out.batchOk).toEqual([true, false]);
    expect(out.batchFirstGpus).toBeGreaterThanOrEqual(1);
    expect(out.batchErrorFields.length).toBeGreaterThan(0);
    expect(out.end).toMatchObject({ type: 'end', items: 2, total: 2, ok: 1, failed: 1, complete: true });
    expect(out.svgContentType).toMatch(/^image\/svg\+xml/);
    expect(out.svgStart).toBe('<svg');
  }, 60_000);
});
