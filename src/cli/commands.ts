import { setTimeout as sleep } from 'node:timers/promises';
import type { ServiceClient } from './client.js';
import { CliError, EXIT, type ExitCode } from './exit-codes.js';
import { readJsonFile, readNdjsonFile } from './input.js';
import { renderTable } from './table.js';

/** Where a command writes: results to `out` (stdout), progress and messages to `err` (stderr). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

interface CandidateResult {
  label: string;
  type: string;
  excluded: { reason: string } | null;
  fits: boolean | null;
  monthlyCostUsd: number | null;
  usdPerMtok: { blended: number | null };
  detail: { gpus?: number } | null;
}
interface CompareResponse {
  results: CandidateResult[];
  cheapest: string | null;
  breakEven: { selfHost: string; api: string; outcome: string; monthlyTokens: number | null }[];
}

/** `compare`: POST /compare with a workload file; JSON, the service's CSV, or a table. */
export async function compare(client: ServiceClient, io: Io, opts: { file: string; format: 'json' | 'csv' | 'table' }): Promise<ExitCode> {
  const body = readJsonFile(opts.file);
  if (opts.format === 'csv') {
    io.out(await (await client.request('POST', '/compare', { body, accept: 'text/csv' })).text());
    return EXIT.ok;
  }
  const res = await client.json<CompareResponse>('POST', '/compare', { body });
  if (opts.format === 'json') {
    io.out(json(res));
    return EXIT.ok;
  }
  const rows = res.results.map((r) => [
    r.label === res.cheapest ? `* ${r.label}` : `  ${r.label}`,
    r.type,
    r.monthlyCostUsd,
    r.usdPerMtok.blended,
    r.detail?.gpus ?? null,
    r.excluded ? `excluded: ${r.excluded.reason}` : r.fits === false ? 'does not fit' : '',
  ]);
  io.out(`${renderTable(['option', 'type', 'monthly USD', 'blended $/Mtok', 'GPUs', 'note'], rows)}\n`);
  if (res.breakEven.length > 0) {
    const pairs = res.breakEven.map((b) => [b.selfHost, b.api, b.outcome, b.monthlyTokens]);
    io.out(`\n${renderTable(['self-host', 'api', 'outcome', 'break-even tokens/month'], pairs)}\n`);
  }
  io.out(`\ncheapest: ${res.cheapest ?? '(none)'}\n`);
  return EXIT.ok;
}

interface Job {
  id: string;
  status: 'queued' | 'running' | 'done' | 'cancelled';
  total: number;
  done: number;
  failed: number;
}

/**
 * `batch`: submits the NDJSON items as an asynchronous batch job (POST /batch-jobs), reports
 * progress on stderr while it runs, then writes the results (NDJSON or CSV) to stdout.
 * Exit 1 when the job was cancelled or any item failed (the error lines are in the output).
 */
export async function batch(
  client: ServiceClient,
  io: Io,
  opts: { file: string; format: 'ndjson' | 'csv'; detail: 'full' | 'none'; pollMs: number },
): Promise<ExitCode> {
  const items = readNdjsonFile(opts.file);
  const submitted = await client.request('POST', `/batch-jobs?detail=${opts.detail}`, { body: { items } });
  const location = submitted.headers.get('location') ?? `/batch-jobs/${((await submitted.json()) as Job).id}`;
  let job: Job;
  let last = '';
  for (;;) {
    job = await client.json<Job>('GET', location);
    const line = `batch job ${job.id}: ${job.status} ${job.done}/${job.total}${job.failed ? ` (${job.failed} failed)` : ''}`;
    if (line !== last) io.err(`${line}\n`);
    last = line;
    if (job.status === 'done' || job.status === 'cancelled') break;
    await sleep(opts.pollMs);
  }
  const accept = opts.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  const res = await client.request('GET', `${location}/results`, { accept });
  if (res.body) for await (const chunk of res.body as AsyncIterable<Uint8Array>) io.out(Buffer.from(chunk).toString('utf8'));
  if (job.status === 'cancelled')
    throw new CliError(`batch job ${job.id} was cancelled after ${job.done} of ${job.total} items`, EXIT.failed);
  if (job.failed > 0) {
    io.err(`${job.failed} of ${job.total} items failed (see their error lines)\n`);
    return EXIT.failed;
  }
  return EXIT.ok;
}

interface Run {
  id: string;
  status: 'ok' | 'failed';
  summary: { cheapest: string | null; monthlyCostUsd: { label: string; monthlyCostUsd: number | null }[] } | null;
  changes: { changed: boolean; cheapest: { from: string | null; to: string | null } | null } | null;
  error: { title: string; detail: string } | null;
}

/**
 * `run`: POST /scenarios/{id}/runs (trigger `cli`) and prints the run. Exit 1 when the run
 * failed; with `--fail-on-change`, exit 3 when the cheapest option changed since the previous run.
 */
export async function run(
  client: ServiceClient,
  io: Io,
  id: string,
  opts: { failOnChange: boolean; format: 'json' | 'table' },
): Promise<ExitCode> {
  const result = await client.json<Run>('POST', `/scenarios/${encodeURIComponent(id)}/runs`, {
    body: { trigger: 'cli' },
    headers: { 'x-breakeven-trigger': 'cli' },
  });
  if (opts.format === 'json') io.out(json(result));
  else if (result.summary) {
    const rows = result.summary.monthlyCostUsd.map((c) => [
      c.label === result.summary?.cheapest ? `* ${c.label}` : `  ${c.label}`,
      c.monthlyCostUsd,
    ]);
    io.out(`run ${result.id}\n${renderTable(['option', 'monthly USD'], rows)}\n`);
  }
  if (result.status === 'failed') {
    io.err(`run ${result.id} failed: ${result.error?.title ?? ''} ${result.error?.detail ?? ''}\n`);
    return EXIT.failed;
  }
  const change = result.changes?.cheapest;
  if (change) io.err(`cheapest changed: ${change.from ?? '(none)'} -> ${change.to ?? '(none)'}\n`);
  return change && opts.failOnChange ? EXIT.cheapestChanged : EXIT.ok;
}

interface RunDue {
  ran: { scenarioId: string; scheduledFor: string; runId: string | null; status: 'ok' | 'failed' | 'error' }[];
}

/** `run-due`: POST /schedules/run-due; one line per scenario run. Exit 1 when any run failed. */
export async function runDue(client: ServiceClient, io: Io, opts: { format: 'json' | 'table' }): Promise<ExitCode> {
  const result = await client.json<RunDue>('POST', '/schedules/run-due');
  if (opts.format === 'json') io.out(json(result));
  else if (result.ran.length === 0) io.out('no scenario was due\n');
  else
    io.out(
      `${renderTable(
        ['scenario', 'scheduled for', 'run', 'status'],
        result.ran.map((r) => [r.scenarioId, r.scheduledFor, r.runId, r.status]),
      )}\n`,
    );
  return result.ran.some((r) => r.status !== 'ok') ? EXIT.failed : EXIT.ok;
}

interface History {
  series: { label: string; points: { runId: string; at: string; monthlyCostUsd: number | null }[] }[];
  cheapest: { runId: string; at: string; label: string | null; monthlyCostUsd: number | null }[];
}

/** `history`: GET /scenarios/{id}/history as JSON, or a table of the cheapest option per run. */
export async function history(client: ServiceClient, io: Io, id: string, opts: { format: 'json' | 'table' }): Promise<ExitCode> {
  const result = await client.json<History>('GET', `/scenarios/${encodeURIComponent(id)}/history`);
  if (opts.format === 'json') io.out(json(result));
  else
    io.out(
      `${renderTable(
        ['run time', 'cheapest', 'monthly USD'],
        result.cheapest.map((c) => [c.at, c.label, c.monthlyCostUsd]),
      )}\n`,
    );
  return EXIT.ok;
}

/** `sync`: POST /sync/api-prices (with `--dry-run`: ?dryRun=true) and prints the diff's summary. */
export async function sync(client: ServiceClient, io: Io, opts: { dryRun: boolean; format: 'json' | 'text' }): Promise<ExitCode> {
  const result = await client.json<{ summary: string }>('POST', `/sync/api-prices${opts.dryRun ? '?dryRun=true' : ''}`);
  io.out(opts.format === 'json' ? json(result) : `${result.summary.trimEnd()}\n`);
  return EXIT.ok;
}
