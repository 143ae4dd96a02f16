/**
 * The engine's view of one self-host candidate as a {@link ReplicaCurve}: the tensor-parallel sizes
 * that hold the model and, for each, the time per output token and idle time to first token at any
 * concurrency. Built on the engine's public `estimateDeployment` only.
 */
import type { FittingDeployment } from '../estimate-deployment.js';
import { estimateDeployment } from '../estimate-deployment.js';
import { tensorParallelCandidates } from '../memory-fit.js';
import type { SelfHostCandidate } from '../self-host-workload-cost.js';
import type { ResolvedWorkload } from '../workload.js';
import type { ReplicaCurve, ReplicaPoint } from './slo-sizing.js';

/**
 * The replica curve of `candidate` for the workload's request shape, or null when the model fits
 * no allowed group. Sizes: the candidate's fixed `gpus`, else every size from the smallest that
 * holds the model to `maxTensorParallel`. Each size's concurrency ceiling is what memory and the
 * engine limit allow (or the candidate's fixed concurrency). Points are memoised.
 *
 * @throws {CalcInputError} as estimateDeployment.
 * @example
 * const curve = replicaCurve(candidate, resolveWorkload(workload));
 * curve?.at(2, 16).timePerOutputTokenSeconds; // the engine's decode step at 16 sequences on 2 GPUs
 */
export function replicaCurve(candidate: SelfHostCandidate, workload: ResolvedWorkload): ReplicaCurve | null {
  const estimate = (gpus: number | undefined, concurrency: number | undefined) =>
    estimateDeployment(candidate.model, candidate.hardware, {
      precision: candidate.deployment?.precision,
      gpus,
      concurrency,
      inputTokens: workload.inputTokensPerRequest,
      outputTokens: workload.outputTokensPerRequest,
      cachedInputShare: workload.cachedInputShare,
      assumptions: candidate.assumptions,
    });
  const fixedGpus = candidate.deployment?.gpus;
  const fixedConcurrency = candidate.deployment?.concurrency;
  const smallest = estimate(fixedGpus, undefined);
  if (!smallest.fits) return null;
  const sizes: FittingDeployment[] = [smallest];
  if (fixedGpus === undefined) {
    for (const gpus of tensorParallelCandidates(smallest.assumptions.maxTensorParallel)) {
      if (gpus <= smallest.gpusPerReplica) continue;
      const d = estimate(gpus, undefined);
      if (d.fits) sizes.push(d);
    }
  }
  const memo = new Map<string, ReplicaPoint>();
  return {
    sizes: sizes.map((d) => ({
      gpusPerReplica: d.gpusPerReplica,
      maxConcurrency: fixedConcurrency === undefined ? d.concurrency : Math.min(fixedConcurrency, d.memory.maxSequencesByMemory),
      fixedConcurrency: fixedConcurrency !== undefined,
    })),
    at(gpusPerReplica: number, concurrency: number): ReplicaPoint {
      const key = `${gpusPerReplica}x${concurrency}`;
      const found = memo.get(key);
      if (found) return found;
      const d = estimate(gpusPerReplica, concurrency);
      if (!d.fits) throw new Error(`size ${gpusPerReplica} was listed as fitting`);
      const point: ReplicaPoint = {
        gpusPerReplica,
        concurrency: d.concurrency,
        timePerOutputTokenSeconds: d.timePerOutputTokenSeconds,
        idleTimeToFirstTokenSeconds: d.timeToFirstTokenSeconds,
      };
      memo.set(key, point);
      return point;
    },
  };
}
