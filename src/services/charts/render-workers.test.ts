import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../test/helpers/app.js';
import { baseWorkload } from '../../../test/helpers/comparison.js';
import { renderBreakEvenSvg, renderHistorySvg, renderTornadoSvg } from '../../charts/index.js';
import { AppError } from '../../errors.js';
import { type CatalogSnapshot, ProfileCatalog } from '../catalog.js';
import { freshReplicaModels } from '../comparison/candidates.js';
import { type ChartJob, chartInput } from './chart-jobs.js';
import { ChartWorkers } from './render-workers.js';

const STUB = new URL('../../../test/helpers/chart-worker-stub.ts', import.meta.url);
/** A job the stub answers according to `name` (see test/helpers/chart-worker-stub.ts). */
const stubJob = (name: string): ChartJob => ({ kind: 'break-even', scenario: { name, request: {} }, options: { points: 10 } });

const request = {
  workload: baseWorkload(),
  candidates: [
    { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', offering: 'openai-gpt-5-mini' },
  ],
};
const scenario = { name: 'worker test', request };

/** What `job` gives when computed and drawn in this thread, or what it throws. */
async function inProcess(job: ChartJob, snapshot: CatalogSnapshot): Promise<string> {
  const input = chartInput(job, snapshot, freshReplicaModels);
  if (job.kind === 'break-even') return renderBreakEvenSvg(input as Parameters<typeof renderBreakEvenSvg>[0]);
  if (job.kind === 'tornado') return renderTornadoSvg(input as Parameters<typeof renderTornadoSvg>[0]);
  return renderHistorySvg(input as Parameters<typeof renderHistorySvg>[0]);
}

describe('ChartWorkers: charts computed and rendered in worker threads', () => {
  let svc: TestService;
  let snapshot: CatalogSnapshot;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true });
    snapshot = await new ProfileCatalog(svc.app.repos, 0).snapshot();
  }, 60_000);
  afterAll(async () => svc?.close());

  it('draws the same SVG as an in-process computation and render, starting one worker lazily', async () => {
    const workers = new ChartWorkers();
    try {
      expect(workers.started).toBe(0);
      const breakEven: ChartJob = { kind: 'break-even', scenario, options: { points: 12 } };
      const tornado: ChartJob = { kind: 'tornado', scenario, options: { sortBy: 'breakEven' } };
      const history: ChartJob = {
        kind: 'history',
        input: {
          title: 'History',
          series: [{ label: 'a', type: 'api', points: [{ at: '2026-01-01T00:00:00.000Z', monthlyCostUsd: 10 }] }],
          cheapest: [{ at: '2026-01-01T00:00:00.000Z', label: 'a', monthlyCostUsd: 10 }],
        },
      };
      const drawn = await Promise.all([workers.render(breakEven, snapshot), workers.render(tornado, snapshot), workers.render(history)]);
      expect(drawn[0]).toBe(await inProcess(breakEven, snapshot));
      expect(drawn[0]).toContain('worker test');
      expect(drawn[1]).toBe(await inProcess(tornado, snapshot));
      expect(drawn[2]).toBe(await inProcess(history, snapshot));
      expect(workers.started).toBe(1);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('rethrows what the computation throws as the same problem (status, title, fields), and keeps serving', async () => {
    const workers = new ChartWorkers();
    try {
      const cases: ChartJob[] = [
        // 400: an empty volume range.
        { kind: 'break-even', scenario, options: { fromTokens: 1e9, toTokens: 1e6, points: 10 } },
        // 422: the stored request names a profile that does not exist.
        {
          kind: 'break-even',
          scenario: { name: 'x', request: { ...request, candidates: [{ type: 'api', offering: 'nope' }] } },
          options: { points: 10 },
        },
        // 400: an unknown label.
        { kind: 'tornado', scenario, options: { sortBy: 'breakEven', api: 'no such label' } },
      ];
      for (const job of cases) {
        const inThread = await inProcess(job, snapshot).then(
          () => expect.unreachable('the job should throw'),
          (e: unknown) => e as AppError,
        );
        const err = await workers.render(job, snapshot).then(
          () => expect.unreachable('the job should throw'),
          (e: unknown) => e,
        );
        expect(err).toBeInstanceOf(AppError);
        expect(inThread).toBeInstanceOf(AppError);
        const { status, title, errors, message, name } = err as AppError;
        expect({ status, title, errors, message, name }).toEqual({
          status: inThread.status,
          title: inThread.title,
          errors: inThread.errors,
          message: inThread.message,
          name: inThread.name,
        });
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }
      // Any other error keeps its name and message (the route answers 500 as before).
      const unknown = await workers
        .render({ kind: 'pie', scenario, options: { points: 10 } } as unknown as ChartJob, snapshot)
        .catch((e: unknown) => e);
      expect(unknown).not.toBeInstanceOf(AppError);
      expect((unknown as Error).message).toBe('Unknown chart kind "pie".');
      expect(await workers.render({ kind: 'break-even', scenario, options: { points: 10 } }, snapshot)).toContain('<svg');
      expect(workers.started).toBe(1);
    } finally {
      await workers.close();
    }
  }, 60_000);

  it('fails only the job of a worker that dies, and replaces the worker', async () => {
    const workers = new ChartWorkers({ script: STUB });
    try {
      const dying = workers.render(stubJob('exit'));
      const next = workers.render(stubJob('after'));
      await expect(dying).rejects.toThrow('The chart worker stopped (exit code 7).');
      expect(await next).toBe('<svg>after</svg>');
      expect(workers.started).toBe(2);
    } finally {
      await workers.close();
    }
  }, 30_000);

  it('fails a job that overruns the time limit and replaces the worker', async () => {
    // The limit includes the start of a worker (tsx compiling the stub): generous for a loaded machine.
    const workers = new ChartWorkers({ script: STUB, timeoutMs: 6_000 });
    try {
      await expect(workers.render(stubJob('hang'))).rejects.toThrow('Rendering the chart took longer than 6000 ms.');
      expect(await workers.render(stubJob('after'))).toBe('<svg>after</svg>');
      expect(workers.started).toBe(2);
    } finally {
      await workers.close();
    }
  }, 30_000);

  it('runs up to `size` jobs at once and queues the rest', async () => {
    const workers = new ChartWorkers({ script: STUB, size: 2, timeoutMs: 6_000 });
    try {
      const hanging = Promise.allSettled([workers.render(stubJob('hang')), workers.render(stubJob('hang'))]);
      const queued = workers.render(stubJob('queued'));
      expect(workers.started).toBe(2);
      for (const h of await hanging) {
        expect(h).toMatchObject({ status: 'rejected', reason: { message: 'Rendering the chart took longer than 6000 ms.' } });
      }
      expect(await queued).toBe('<svg>queued</svg>');
      expect(workers.started).toBe(3);
    } finally {
      await workers.close();
    }
  }, 30_000);

  it('close() fails running, queued and later jobs instead of leaving them pending', async () => {
    const workers = new ChartWorkers({ script: STUB });
    const jobs = Promise.allSettled([workers.render(stubJob('hang')), workers.render(stubJob('queued'))]);
    await workers.close();
    for (const job of await jobs) expect(job).toMatchObject({ status: 'rejected', reason: { message: 'The chart workers are closed.' } });
    await expect(workers.render(stubJob('later'))).rejects.toThrow('The chart workers are closed.');
  }, 30_000);
});
