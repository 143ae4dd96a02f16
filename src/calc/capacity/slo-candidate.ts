/**
 * A self-host candidate sized to an SLO, in the engine's own terms: the chosen tensor-parallel
 * size and concurrency become fixed deployment choices, the planned slot occupancy becomes the
 * target utilisation and the spare replicas `replicasForAvailability`, so that cost, break-even,
 * cost curves and sensitivity all price exactly the SLO-sized deployment. docs/capacity.md §3.
 */
import { HOURS_PER_MONTH } from '../assumptions.js';
import { requireInteger } from '../input-checks.js';
import type { SelfHostCandidate } from '../self-host-workload-cost.js';
import type { ResolvedWorkload } from '../workload.js';
import { replicaCurve } from './replica-curve.js';
import type { ReplicaCurve, Slo, SloSizing } from './slo-sizing.js';
import { checkSlo, sizeForSlo } from './slo-sizing.js';

export interface SloSizedCandidate {
  /** The candidate with gpus, concurrency, targetUtilization and replicasForAvailability set. */
  candidate: SelfHostCandidate;
  sizing: SloSizing;
  /**
   * Only when the candidate fixes the concurrency and it misses the SLO: the sizing over the
   * concurrencies below it on the same sizes, so the caller can say what would meet the SLO. A
   * higher concurrency is never tried: it is slower per user and later to its first token.
   */
  belowFixedConcurrency?: SloSizing;
}

/**
 * Sizes `candidate` for `slo` at the workload's peak (average output tokens/s × peak-to-average ÷
 * output tokens per request = peak requests/s) with `spareReplicas` spares. Null when the model fits
 * no allowed group (the engine then reports `does-not-fit` itself).
 *
 * Engine mapping: with R = concurrency ÷ TPOT the engine's replica rate, the target utilisation
 * u* = planned capacity × output tokens ÷ R (= the planned slot occupancy), so the engine's
 * ceil(peak ÷ (R × u*)) is exactly ceil(peak requests ÷ planned capacity).
 *
 * A concurrency fixed by the candidate is kept whether or not it meets the SLO (the caller asked
 * for that deployment; `sizing.met` says whether it meets). It is handed on as given, so the
 * engine itself lowers it to what memory holds and says so (`concurrency-capped`).
 *
 * @throws {CalcInputError} as {@link sizeForSlo} and estimateDeployment; `spareReplicas` not an integer ≥ 0.
 * @example
 * const { candidate: sized, sizing } = sizeCandidateForSlo(candidate, workload, INTERACTIVE_SLO_DEFAULTS, 0.8, 1);
 * sized.deployment?.gpus; // the chosen tensor-parallel size
 */
export function sizeCandidateForSlo(
  candidate: SelfHostCandidate,
  workload: ResolvedWorkload,
  slo: Slo,
  targetUtilization: number,
  spareReplicas: number,
): SloSizedCandidate | null {
  checkSlo(slo);
  requireInteger('replicasForAvailability', spareReplicas, 0);
  const curve = replicaCurve(candidate, workload);
  if (curve === null) return null;
  const averageOutputTokensPerSecond = workload.outputTokensPerMonth / (HOURS_PER_MONTH * 3600);
  const peakRequestsPerSecond = (averageOutputTokensPerSecond * workload.peakToAverageRatio) / workload.outputTokensPerRequest;
  const size = (curve: ReplicaCurve) =>
    sizeForSlo(curve, workload.outputTokensPerRequest, slo, targetUtilization, peakRequestsPerSecond, spareReplicas);
  const sizing = size(curve);
  const fixedConcurrency = candidate.deployment?.concurrency;
  const point = sizing.chosen.point;
  // The SLO capped the concurrency when the chosen one is below what memory and the engine allow
  // on that size, or when nothing met it: the deployment then reports `latency-target`. Never when
  // the caller fixed it.
  const max = curve.sizes.find((s) => s.gpusPerReplica === point.gpusPerReplica)?.maxConcurrency;
  const sloCapped = fixedConcurrency === undefined && (!sizing.met || (max !== undefined && point.concurrency < max));
  const below =
    fixedConcurrency !== undefined && !sizing.met
      ? size({
          sizes: curve.sizes.map((s) => ({ gpusPerReplica: s.gpusPerReplica, maxConcurrency: s.maxConcurrency })),
          at: (g, c) => curve.at(g, c),
        })
      : undefined;
  return {
    sizing,
    ...(below === undefined ? {} : { belowFixedConcurrency: below }),
    candidate: {
      ...candidate,
      deployment: {
        ...candidate.deployment,
        gpus: point.gpusPerReplica,
        concurrency: fixedConcurrency ?? point.concurrency,
        ...(sloCapped ? { concurrencyReason: 'latency-target' as const } : {}),
      },
      assumptions: {
        ...candidate.assumptions,
        targetUtilization: sizing.chosen.plannedUtilization,
        replicasForAvailability: spareReplicas,
      },
    },
  };
}
