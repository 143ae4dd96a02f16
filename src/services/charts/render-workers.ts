import { Worker } from 'node:worker_threads';
import { AppError, type FieldProblem } from '../../errors.js';
import type { CatalogSnapshot } from '../catalog.js';
import type { ChartJob } from './chart-jobs.js';

/** Main thread → worker: compute and draw `job` (with the profiles of `snapshot`). */
export interface ChartRequest {
  id: number;
  job: ChartJob;
  snapshot?: CatalogSnapshot | undefined;
}

/** An error thrown in the worker; `problem` when it was an AppError (an HTTP problem). */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string | undefined;
  problem?: { status: number; title: string; errors: FieldProblem[]; headers: Record<string, string> };
}

/** Worker → main thread: the SVG document, or what was thrown. */
export type ChartReply = { id: number; svg: string } | { id: number; error: SerializedError };

/** The error `e` describes, as thrown again on this side: an AppError stays the same problem (status, title, fields). */
function revived(e: SerializedError): Error {
  const err = e.problem
    ? new AppError(e.problem.status, e.problem.title, e.message, e.problem.errors, e.problem.headers)
    : new Error(e.message);
  return Object.assign(err, { name: e.name, stack: e.stack });
}

/**
 * Computes and renders charts in worker threads (node:worker_threads), so neither the chart's data
 * (curves, tornado, hybrid plan) nor the Vega render holds the event loop that serves requests.
 * `size` workers (default 1) are started lazily, on the first chart; jobs beyond them wait in a
 * FIFO queue. An error thrown in the worker comes back as the same error (an AppError with its
 * status, title and field problems; any other error with its name and message), so the route
 * answers as it would for an error thrown in-process; a worker that
 * dies (crash, out of memory) or overruns `timeoutMs` fails its one job and is replaced on the
 * next job. `close()` terminates the workers (the app's onClose). Idle workers do not keep the
 * process alive.
 *
 * The worker script is ./render-worker.js next to this module in the build (plain Node.js), and
 * ./render-worker.ts when running from sources (vitest, tsx): then the worker registers tsx itself.
 */
export interface ChartWorkersOptions {
  /** Worker threads (default 1). */
  size?: number;
  /** Longest render before the worker is terminated and the job fails, ms (default 60,000). */
  timeoutMs?: number;
  /** Worker script (default ./render-worker.ts or .js, as this module). */
  script?: URL;
}

interface Job {
  request: ChartRequest;
  resolve: (svg: string) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Why the worker is going away (an 'error' event, a timeout); reported to its job on exit. */
  failure?: Error;
}

const FROM_SOURCES = import.meta.url.endsWith('.ts');
const DEFAULT_SCRIPT = new URL(FROM_SOURCES ? './render-worker.ts' : './render-worker.js', import.meta.url);

/**
 * A worker thread running `script`. A TypeScript script (running from sources) first registers
 * tsx's loader in the thread: module hooks of the main thread (vitest, `tsx`) do not reach
 * workers, and `--import tsx` in a worker's execArgv is not honoured by Node.js 20.
 */
function startWorker(script: URL): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return new Worker(`import(${tsxApi}).then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); });`, {
    eval: true,
  });
}

export class ChartWorkers {
  readonly size: number;
  readonly timeoutMs: number;
  private readonly script: URL;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers started so far (replacements included). */
  started = 0;

  constructor(options: ChartWorkersOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? 1));
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.script = options.script ?? DEFAULT_SCRIPT;
  }

  /** Computes and draws `job` in a worker (with the profiles of `snapshot`); resolves with the SVG document. */
  render(job: ChartJob, snapshot?: CatalogSnapshot): Promise<string> {
    if (this.closed) return Promise.reject(new Error('The chart workers are closed.'));
    return new Promise<string>((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, job, snapshot }, resolve, reject });
      this.pump();
    });
  }

  /** Terminates every worker; jobs still queued or running fail. */
  async close(): Promise<void> {
    this.closed = true;
    const closing = new Error('The chart workers are closed.');
    for (const job of this.queue.splice(0)) job.reject(closing);
    await Promise.all(
      this.slots.map((slot) => {
        slot.failure ??= closing;
        return slot.worker.terminate();
      }),
    );
  }

  /** Hands queued jobs to idle workers, starting workers up to `size`. */
  private pump(): void {
    while (this.queue.length > 0 && !this.closed) {
      const slot = this.slots.find((s) => s.job === undefined && s.failure === undefined) ?? this.spawn();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        slot.failure = new Error(`Rendering the chart took longer than ${this.timeoutMs} ms.`);
        void slot.worker.terminate();
      }, this.timeoutMs);
      slot.worker.postMessage(job.request);
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    const worker = startWorker(this.script);
    this.started++;
    const slot: Slot = { worker };
    this.slots.push(slot);
    worker.on('message', (reply: ChartReply) => {
      const job = slot.job;
      if (!job || job.request.id !== reply.id) return;
      this.release(slot);
      if ('svg' in reply) job.resolve(reply.svg);
      else job.reject(revived(reply.error));
      this.pump();
    });
    worker.on('error', (err) => {
      slot.failure ??= err;
    });
    worker.on('exit', (code) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      const job = slot.job;
      this.release(slot);
      job?.reject(slot.failure ?? new Error(`The chart worker stopped (exit code ${code}).`));
      this.pump();
    });
    return slot;
  }

  /** The worker is idle again: no job, no timer, and it no longer keeps the process alive. */
  private release(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    slot.worker.unref();
  }
}
