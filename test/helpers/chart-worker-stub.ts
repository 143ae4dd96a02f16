/**
 * A stand-in chart worker for src/services/charts/render-workers.test.ts, driven by the job's
 * scenario name: `exit` ends the thread (exit code 7) without answering, `hang` never answers,
 * anything else answers `<svg>name</svg>`.
 */
import { parentPort } from 'node:worker_threads';
import type { ChartRequest } from '../../src/services/charts/render-workers.js';

parentPort?.on('message', ({ id, job }: ChartRequest) => {
  const name = 'scenario' in job ? job.scenario.name : job.kind;
  if (name === 'exit') process.exit(7);
  if (name === 'hang') return;
  parentPort?.postMessage({ id, svg: `<svg>${name}</svg>` });
});
