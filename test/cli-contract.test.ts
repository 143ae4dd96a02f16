import { createServer, type IncomingMessage, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runBinary } from './helpers/cli.js';

/**
 * The CLI commands whose routes are built by other rooms and are not in this build yet
 * (`run`, `run-due`, `history`: src/runs and src/scheduler; `sync`: src/sync). Until they are,
 * the built binary is checked here against a loopback HTTP server that answers with the
 * documented response shapes of those routes (runs: RunSchema, RunDueResult, RunHistory; sync:
 * the diff with its `summary`) and records the requests the CLI sends. This tests the CLI's side
 * of the contract (method, path, headers, body, exit codes), not the routes.
 */
let bin: string;
let server: Server;
let url: string;
const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
let runChanges: unknown = null;
let runStatus = 'ok';

const runBody = () => ({
  id: 'run_2',
  scenarioId: 'sc_1',
  number: 2,
  createdAt: '2026-12-02T06:00:00.112Z',
  trigger: 'cli',
  actor: 'ci',
  status: runStatus,
  scheduledFor: null,
  scenarioVersion: 1,
  summary:
    runStatus === 'ok'
      ? { cheapest: 'gpt-5-mini', monthlyCostUsd: [{ label: 'gpt-5-mini', monthlyCostUsd: 1234.5 }], breakEven: [] }
      : null,
  changes: runChanges,
  error: runStatus === 'ok' ? null : { status: 422, title: 'Unprocessable', detail: 'model qwen3-8b was deleted', errors: [] },
});

beforeAll(async () => {
  bin = buildCli();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method === 'POST' && req.url === '/scenarios/sc_1/runs') return send(201, runBody());
      if (req.method === 'POST' && req.url === '/schedules/run-due')
        return send(200, { ran: [{ scenarioId: 'sc_1', scheduledFor: '2026-12-02T06:00:00.000Z', runId: 'run_2', status: 'ok' }] });
      if (req.method === 'GET' && req.url === '/scenarios/sc_1/history')
        return send(200, {
          scenarioId: 'sc_1',
          series: [],
          cheapest: [{ runId: 'run_2', at: '2026-12-02T06:00:00.112Z', label: 'gpt-5-mini', monthlyCostUsd: 1234.5 }],
        });
      if (req.method === 'POST' && req.url?.startsWith('/sync/api-prices'))
        return send(200, {
          dryRun: req.url.includes('dryRun=true'),
          summary: 'added 1, changed 2 (openai-gpt-5.outputUsdPerMtok 10 -> 8), unchanged 40\n',
        });
      return send(404, { title: 'Not Found', detail: `no route ${req.url}`, status: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

const cli = (args: string[]) => runBinary(bin, args, { BREAKEVEN_URL: url, BREAKEVEN_API_KEY: 'bk_test' });

describe('run', () => {
  it('posts trigger cli with the key as Bearer; exit 0 without changes', async () => {
    runChanges = null;
    runStatus = 'ok';
    const res = await cli(['run', 'sc_1']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('* gpt-5-mini');
    const req = seen.at(-1);
    expect(req?.headers.authorization).toBe('Bearer bk_test');
    expect(req?.headers['x-breakeven-trigger']).toBe('cli');
    expect(JSON.parse(req?.body ?? '{}')).toEqual({ trigger: 'cli' });
  });

  it('exits 3 with --fail-on-change when the cheapest option changed, 0 without the flag', async () => {
    runChanges = { previousRunId: 'run_1', changed: true, cheapest: { from: 'gpt-5', to: 'gpt-5-mini' }, monthlyCost: [] };
    const flagged = await cli(['run', 'sc_1', '--fail-on-change']);
    expect(flagged.code).toBe(3);
    expect(flagged.stderr).toContain('cheapest changed: gpt-5 -> gpt-5-mini');
    expect((await cli(['run', 'sc_1'])).code).toBe(0);
    runChanges = { previousRunId: 'run_1', changed: true, cheapest: null, monthlyCost: [] };
    expect((await cli(['run', 'sc_1', '--fail-on-change'])).code).toBe(0);
  });

  it('exits 1 when the run failed', async () => {
    runStatus = 'failed';
    runChanges = null;
    const res = await cli(['run', 'sc_1', '--format', 'json']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('model qwen3-8b was deleted');
    expect(JSON.parse(res.stdout).status).toBe('failed');
  });
});

describe('run-due, history, sync', () => {
  it('run-due posts to /schedules/run-due without a body', async () => {
    const res = await cli(['run-due']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('run_2');
    expect(seen.at(-1)).toMatchObject({ method: 'POST', url: '/schedules/run-due', body: '' });
  });

  it('history prints the cheapest option per run', async () => {
    const res = await cli(['history', 'sc_1']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('gpt-5-mini');
    expect(res.stdout).toContain('1,234.5');
  });

  it('sync --dry-run asks for a dry run and prints the summary', async () => {
    const res = await cli(['sync', '--dry-run']);
    expect(res.code).toBe(0);
    expect(seen.at(-1)?.url).toBe('/sync/api-prices?dryRun=true');
    expect(res.stdout).toBe('added 1, changed 2 (openai-gpt-5.outputUsdPerMtok 10 -> 8), unchanged 40\n');
  });

  it('an unknown scenario is a 404: exit 1', async () => {
    const res = await cli(['history', 'nope']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('HTTP 404');
  });
});
