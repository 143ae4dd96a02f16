/**
 * Entry point of a chart worker thread (started by ./render-workers.ts): for each message it
 * computes the chart's input from the job (./chart-jobs.ts) and draws it (src/charts), and answers
 * `{ id, svg }`, or `{ id, error }` with what was thrown (an AppError keeps its status, title and
 * field problems). Vega and Vega-Lite load in this thread only, on the first chart.
 */
import { parentPort } from 'node:worker_threads';
import { renderChart } from '../../charts/render-kinds.js';
import { AppError } from '../../errors.js';
import { CostModelCache } from '../comparison/cost-model-cache.js';
import { chartInput } from './chart-jobs.js';
import type { ChartReply, ChartRequest, SerializedError } from './render-workers.js';

if (!parentPort) throw new Error('render-worker.ts runs only as a worker thread (src/services/charts/render-workers.ts)');
const port = parentPort;
/** Replica models memo of this thread (the main thread's is not shared). */
const models = new CostModelCache();

function serialized(err: unknown): SerializedError {
  const e = err instanceof Error ? err : new Error(String(err));
  const base = { name: e.name, message: e.message, stack: e.stack };
  return e instanceof AppError ? { ...base, problem: { status: e.status, title: e.title, errors: e.errors, headers: e.headers } } : base;
}

port.on('message', async ({ id, job, snapshot }: ChartRequest) => {
  let reply: ChartReply;
  try {
    reply = { id, svg: await renderChart(job.kind, chartInput(job, snapshot, models)) };
  } catch (err) {
    reply = { id, error: serialized(err) };
  }
  port.postMessage(reply);
});
