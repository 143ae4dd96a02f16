/**
 * Micro-benchmarks of the cost engine alone (no HTTP, no database), with tinybench:
 * - one self-host evaluation (src/calc selfHostWorkloadCost, real reference profiles);
 * - one 8-candidate comparison (src/services/comparison.ts runComparison on a catalogue
 *   snapshot of the reference data: resolution, costing, break-even of the 4 × 4 pairs);
 * - for attribution, the same comparison as the /compare handler does it: zod validation of the
 *   body, runComparison, present() (rounding copy), JSON serialisation.
 */
import { Bench } from 'tinybench';
import { selfHostWorkloadCost, type Workload } from '../src/calc/index.js';
import type { HardwareProfile, ModelProfile } from '../src/domain/profiles.js';
import { present } from '../src/http/present.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
import { runComparison } from '../src/services/comparison.js';
import { compareBody, referenceSnapshot, singleSelfHost } from './fixtures.js';

export interface CalcFigure {
  name: string;
  /** Mean time per evaluation, µs. */
  meanUs: number;
  /** Median time per evaluation, µs. */
  p50Us: number;
  p99Us: number;
  /** Evaluations per second (mean of the throughput samples). */
  opsPerSec: number;
  /** Relative margin of error of the mean latency, %. */
  rmePct: number;
  samples: number;
}

export async function benchCalc(timeMs = 1500, warmupMs = 500): Promise<CalcFigure[]> {
  const snapshot = referenceSnapshot();
  const model = snapshot.models.get(singleSelfHost.model) as ModelProfile;
  const hardware = snapshot.hardware.get(singleSelfHost.hardware) as HardwareProfile;
  const w = compareBody.workload;
  const workload: Workload = {
    inputTokensPerMonth: w.inputTokensPerMonth,
    outputTokensPerMonth: w.outputTokensPerMonth,
    inputTokensPerRequest: w.inputTokensPerRequest,
    outputTokensPerRequest: w.outputTokensPerRequest,
    cachedInputShare: w.cachedInputShare,
    peakToAverageRatio: w.peakToAverage,
  };
  const request = compareRequestSchema.parse(compareBody);

  // Results are checked once, outside the timed loop, so a broken fixture fails loudly.
  const one = selfHostWorkloadCost({ model, hardware, pricing: 'cloud' }, workload);
  if (!one.fits) throw new Error(`${singleSelfHost.model} does not fit ${singleSelfHost.hardware}`);
  const eight = runComparison(request, snapshot);
  if (eight.results.length !== 8 || eight.breakEven.length !== 16) throw new Error('unexpected comparison shape');

  let sink = 0;
  const bench = new Bench({ time: timeMs, warmup: true, warmupTime: warmupMs, warmupIterations: 100, iterations: 100 });
  bench
    .add('selfHostWorkloadCost: 1 self-host candidate', () => {
      const r = selfHostWorkloadCost({ model, hardware, pricing: 'cloud' }, workload);
      sink += r.fits ? r.gpus : 0;
    })
    .add('runComparison: 8 candidates (4 API + 4 self-host)', () => {
      sink += runComparison(request, snapshot).results.length;
    })
    .add('/compare handler work: validate + compare + present + JSON', () => {
      const parsed = compareRequestSchema.parse(compareBody);
      sink += JSON.stringify(present(runComparison(parsed, snapshot))).length;
    });
  await bench.run();
  if (sink === 0) throw new Error('benchmark produced nothing');

  return bench.tasks.map((t) => {
    const r = t.result;
    if (r.state !== 'completed') throw new Error(`${t.name}: ${r.state}${r.state === 'errored' ? `: ${r.error.message}` : ''}`);
    return {
      name: t.name,
      meanUs: r.latency.mean * 1000,
      p50Us: r.latency.p50 * 1000,
      p99Us: r.latency.p99 * 1000,
      opsPerSec: r.throughput.mean,
      rmePct: r.latency.rme,
      samples: r.latency.samplesCount,
    };
  });
}
