import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from './helpers/app.js';
import { adminSecret } from './helpers/auth.js';
import { buildCli, type CliRun, runBinary } from './helpers/cli.js';
import { baseWorkload, csvRecords, parseNdjson } from './helpers/comparison.js';
import { freePort, type ServerProcess, spawnServer, waitForOk } from './helpers/process.js';

/**
 * The `breakeven` binary, built as package.json's `bin` names it, against a real service process
 * (README, "CLI"): exit codes 0 ok, 1 failed, 2 usage; CSV output; progress on stderr.
 */
let bin: string;
let server: ServerProcess;
let database: TestDatabase;
let dir: string;
const ADMIN = adminSecret();

const request = (overrides: Record<string, unknown> = {}) => ({
  workload: baseWorkload({ cachedInputShare: 0.1 }),
  candidates: [
    { type: 'self-host', label: 'qwen on L40S', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', label: 'gpt-5-mini', offering: 'openai-gpt-5-mini' },
  ],
  ...overrides,
});

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const cli = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  runBinary(bin, args, { BREAKEVEN_URL: server.baseUrl, BREAKEVEN_API_KEY: ADMIN, ...env });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'breakeven-cli-'));
  bin = buildCli();
  database = await freshDatabase();
  server = await spawnServer({ DATABASE_URL: database.databaseUrl, ADMIN_API_KEY: ADMIN, BATCH_JOB_POLL_MS: '100', LOG_LEVEL: 'warn' });
  await Promise.race([
    waitForOk(`${server.baseUrl}/ready`, 60_000),
    server.exited.then((code) => {
      throw new Error(`the service exited with ${code}:\n${server.output()}`);
    }),
  ]);
}, 180_000);

afterAll(async () => {
  if (server && server.child.exitCode === null) {
    server.child.kill('SIGTERM');
    await server.exited;
  }
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('usage errors exit 2', () => {
  it.each([
    [[], 'no command'],
    [['frobnicate'], 'unknown command'],
    [['compare'], 'missing --file'],
    [['compare', '--file', 'x.json', '--format', 'xml'], 'bad --format'],
    [['run'], 'missing scenario id'],
    [['batch', '--file', 'x.ndjson', '--poll', '0'], 'bad --poll'],
  ])('%j (%s)', async (args) => {
    const res = await cli(args);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).not.toBe('');
    expect(res.stdout).toBe('');
  });

  it('a missing or malformed input file', async () => {
    const missing = await cli(['compare', '--file', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read');
    const bad = await cli(['batch', '--file', file('bad.ndjson', `${JSON.stringify(request())}\n{oops\n`)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('line 2 is not valid JSON');
  });

  it('--help exits 0', async () => {
    const res = await cli(['--help']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('run-due');
  });
});

describe('compare', () => {
  it('--format csv prints the service CSV: one row per candidate', async () => {
    const body = request();
    const res = await cli(['compare', '--file', file('w.json', JSON.stringify(body)), '--format', 'csv']);
    expect(res.code, res.stderr).toBe(0);
    const direct = await fetch(`${server.baseUrl}/compare`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/csv' },
      body: JSON.stringify(body),
    });
    expect(res.stdout).toBe(await direct.text());
    const { records } = csvRecords(res.stdout);
    expect(records.map((r) => r.label)).toEqual(['qwen on L40S', 'gpt-5-mini']);
  });

  it('--format json and table name the same cheapest option', async () => {
    const path = file('w2.json', JSON.stringify(request()));
    const asJson = await cli(['compare', '--file', path]);
    expect(asJson.code).toBe(0);
    const parsed = JSON.parse(asJson.stdout) as { cheapest: string; results: { label: string; monthlyCostUsd: number }[] };
    const cheapest = [...parsed.results].sort((a, b) => a.monthlyCostUsd - b.monthlyCostUsd)[0]?.label;
    expect(parsed.cheapest).toBe(cheapest);
    const table = await cli(['compare', '--file', path, '--format', 'table']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`cheapest: ${parsed.cheapest}`);
    expect(table.stdout).toContain(`* ${parsed.cheapest}`);
  });

  it('an invalid request exits 1 with the problem and its field on stderr', async () => {
    const res = await cli(['compare', '--file', file('bad.json', JSON.stringify(request({ workload: { inputTokensPerMonth: -5 } })))]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('HTTP 400');
    expect(res.stderr).toContain('workload.inputTokensPerMonth');
    expect(res.stdout).toBe('');
  });

  it('an unreachable service exits 1', async () => {
    const res = await cli(['compare', '--file', file('w3.json', JSON.stringify(request()))], {
      BREAKEVEN_URL: `http://127.0.0.1:${await freePort()}`,
    });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('Cannot reach the service');
  });
});

describe('batch', () => {
  it('runs a batch job: progress on stderr, one NDJSON line per item on stdout, exit 0', async () => {
    const items = [request(), request({ workload: baseWorkload({ inputTokensPerMonth: 9e9 }) }), request()];
    const res = await cli(['batch', '--file', file('items.ndjson', items.map((i) => JSON.stringify(i)).join('\n')), '--poll', '100']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(/batch job job_[\w-]+: done 3\/3/);
    const lines = parseNdjson<{ index: number; ok: boolean }>(res.stdout);
    expect(lines.at(-1)).toEqual({ type: 'end', items: 3, total: 3, ok: 3, failed: 0, complete: true });
    expect(lines.slice(0, -1).map((l) => [l.index, l.ok])).toEqual([
      [0, true],
      [1, true],
      [2, true],
    ]);
  });

  it('--format csv, and exit 1 when an item failed (its error row is printed)', async () => {
    const items = [request(), { workload: {}, candidates: [] }];
    const res = await cli([
      'batch',
      '--file',
      file('items2.ndjson', items.map((i) => JSON.stringify(i)).join('\n')),
      '--format',
      'csv',
      '--poll',
      '100',
    ]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('1 of 2 items failed');
    const rows = res.stdout.trimEnd().split('\n');
    expect(rows.at(-1)).toBe('# end items=2 total=2 ok=1 failed=1 complete=true');
    const { records } = csvRecords(`${rows.slice(0, -1).join('\n')}\n`);
    expect(records.map((r) => [r.item, r.ok])).toEqual([
      ['0', 'true'],
      ['0', 'true'],
      ['1', 'false'],
    ]);
  });

  it('sends --api-key as a Bearer token: a revoked or unknown key is refused (exit 1, 401)', async () => {
    const res = await cli(
      ['batch', '--file', file('items3.ndjson', JSON.stringify(request())), '--api-key', 'bk_unknownunknownunknownunknownunknownunknown1'],
      {
        BREAKEVEN_API_KEY: '',
      },
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('HTTP 401');
  });
});

describe('run, history, run-due and sync against this build', () => {
  it('an unknown scenario exits 1 with the 404 problem', async () => {
    const res = await cli(['run', '00000000-0000-4000-8000-000000000000']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('HTTP 404');
  });
});
