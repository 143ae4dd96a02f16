/**
 * Sizing a self-hosted deployment to a service level: which tensor-parallel size and concurrency
 * meet a time-to-first-token and per-user speed target at a percentile, and how many replicas the
 * peak then needs. Queueing model and formulas: docs/capacity.md §2–3.
 */
import { CalcInputError } from '../errors.js';
import { requireFraction, requireInteger, requireNonNegative, requirePositive } from '../input-checks.js';
import { maxArrivalsForWait, waitQuantileSeconds } from './erlang.js';

/** A service level: time to first token and per-user output speed, both at `percentile`. */
export interface Slo {
  /** Time to first token at the percentile, seconds (queueing wait + prefill + one decode step). */
  timeToFirstTokenSeconds: number;
  /** Output tokens per second each user receives (1 ÷ time per output token). */
  outputTokensPerSecondPerUser: number;
  /** Percentile the targets hold at, e.g. 0.99. */
  percentile: number;
}

/** What the engine says about one replica configuration (a tensor-parallel size and a concurrency). */
export interface ReplicaPoint {
  gpusPerReplica: number;
  concurrency: number;
  /** Decode step time with `concurrency` sequences running, seconds. */
  timePerOutputTokenSeconds: number;
  /** Time to first token on an admitted request with no queueing, seconds (prefill + one step). */
  idleTimeToFirstTokenSeconds: number;
}

/** A replica configuration evaluated against an SLO. */
export interface SloCapacity {
  point: ReplicaPoint;
  /** Whether the speed and the idle TTFT leave room to meet the SLO at some load. */
  meets: boolean;
  /** Seconds a request holds one of the `concurrency` slots: output tokens × time per output token. */
  serviceSeconds: number;
  /** Requests/s one replica admits with the percentile TTFT within target (M/M/c with c = concurrency). */
  sloRequestsPerSecond: number;
  /** Requests/s at the target utilisation of the slots: targetUtilization × concurrency ÷ service time. */
  utilizationRequestsPerSecond: number;
  /** min of the two: what one replica is planned to serve at peak. 0 when the SLO is not met. */
  capacityRequestsPerSecond: number;
  /** Planned slot occupancy at capacity: capacity × service time ÷ concurrency. */
  plannedUtilization: number;
  /** Percentile TTFT at the planned capacity, seconds. */
  timeToFirstTokenAtCapacitySeconds: number;
}

/**
 * One replica configuration against an SLO. Admission is modelled as an M/M/c queue: the
 * `concurrency` batch slots are the servers, requests arrive as a Poisson stream, a request holds a
 * slot for output × TPOT seconds (the engine's decode step at full batch, a conservative figure).
 * The percentile TTFT is the percentile wait (Erlang C) plus the idle TTFT; the replica's capacity
 * is the largest arrival rate keeping it within target, capped by the target utilisation.
 *
 * @throws {CalcInputError} for non-positive times or tokens, a percentile outside [0, 1), a
 *   utilisation outside (0, 1].
 * @example
 * // 2 slots, TPOT 10 ms, 100 output tokens → service 1 s (μ = 1/s); idle TTFT 0.5 s;
 * // p90 TTFT target 0.5 + ln(10/3) s: at λ = 1/s, C = 1/3 and the p90 wait is ln(10/3)/(2 − 1)
 * sloCapacity({ gpusPerReplica: 1, concurrency: 2, timePerOutputTokenSeconds: 0.01, idleTimeToFirstTokenSeconds: 0.5 },
 *   100, { timeToFirstTokenSeconds: 0.5 + Math.log(10 / 3), outputTokensPerSecondPerUser: 100, percentile: 0.9 }, 1)
 *   .capacityRequestsPerSecond; // 1.0
 */
export function sloCapacity(point: ReplicaPoint, outputTokensPerRequest: number, slo: Slo, targetUtilization: number): SloCapacity {
  requireInteger('concurrency', point.concurrency);
  requirePositive('timePerOutputTokenSeconds', point.timePerOutputTokenSeconds);
  requireNonNegative('idleTimeToFirstTokenSeconds', point.idleTimeToFirstTokenSeconds);
  requirePositive('outputTokensPerRequest', outputTokensPerRequest);
  checkSlo(slo);
  requirePositive('targetUtilization', targetUtilization);
  if (targetUtilization > 1) throw new CalcInputError('targetUtilization', 'must be at most 1');
  const serviceSeconds = outputTokensPerRequest * point.timePerOutputTokenSeconds;
  const serviceRate = 1 / serviceSeconds;
  const utilizationRequestsPerSecond = (targetUtilization * point.concurrency) / serviceSeconds;
  const waitBudget = slo.timeToFirstTokenSeconds - point.idleTimeToFirstTokenSeconds;
  const speedMet = 1 / point.timePerOutputTokenSeconds >= slo.outputTokensPerSecondPerUser;
  const sloRequestsPerSecond =
    speedMet && waitBudget >= 0 ? maxArrivalsForWait(point.concurrency, serviceRate, slo.percentile, waitBudget) : 0;
  const capacity = Math.min(sloRequestsPerSecond, utilizationRequestsPerSecond);
  const meets = capacity > 0;
  const wait = waitQuantileSeconds(
    { servers: point.concurrency, arrivalsPerSecond: capacity, serviceRatePerSecond: serviceRate },
    slo.percentile,
  );
  return {
    point,
    meets,
    serviceSeconds,
    sloRequestsPerSecond,
    utilizationRequestsPerSecond,
    capacityRequestsPerSecond: capacity,
    plannedUtilization: (capacity * serviceSeconds) / point.concurrency,
    timeToFirstTokenAtCapacitySeconds: wait + point.idleTimeToFirstTokenSeconds,
  };
}

/** @throws {CalcInputError} field `slo.<name>` for a non-positive target or a percentile outside [0, 1). */
export function checkSlo(slo: Slo): void {
  requirePositive('slo.timeToFirstTokenSeconds', slo.timeToFirstTokenSeconds);
  requirePositive('slo.outputTokensPerSecondPerUser', slo.outputTokensPerSecondPerUser);
  requireFraction('slo.percentile', slo.percentile);
  if (slo.percentile >= 1) throw new CalcInputError('slo.percentile', 'must be below 1');
}

/**
 * The concurrencies tried for a replica: a fixed grid with steps of about √2 (1, 2, 3, 4, 6, 8,
 * 11, 16, 23, 32, 45, 64, 91, 128, 181, 256, …) up to `maxConcurrency`, plus `maxConcurrency`
 * itself. Fixed (not derived from the SLO) so that a stricter SLO can only remove options.
 *
 * @example
 * concurrencyGrid(10); // [1, 2, 3, 4, 6, 8, 10]
 */
export function concurrencyGrid(maxConcurrency: number): number[] {
  requireInteger('maxConcurrency', maxConcurrency);
  const out = new Set<number>();
  for (let k = 0; ; k++) {
    const c = Math.round(Math.SQRT2 ** k);
    if (c > maxConcurrency) break;
    out.add(c);
  }
  out.add(maxConcurrency);
  return [...out].sort((a, b) => a - b);
}

/** The configurations of one replica the sizing may choose from. */
export interface ReplicaCurve {
  /** Tensor-parallel sizes that hold the model, each with the most sequences its memory and the engine allow. */
  /** `fixedConcurrency`: only `maxConcurrency` is tried (the caller fixed the concurrency). */
  sizes: { gpusPerReplica: number; maxConcurrency: number; fixedConcurrency?: boolean }[];
  /** The engine's figures for a size and a concurrency. */
  at(gpusPerReplica: number, concurrency: number): ReplicaPoint;
}

export interface SloSizing {
  /** True when some configuration meets the SLO. */
  met: boolean;
  /** The least-cost configuration meeting the SLO; when none does, the fastest one (see docs). */
  chosen: SloCapacity;
  /** Replicas the peak needs with the chosen configuration (spares for availability excluded). */
  replicasForPeak: number;
  /** Best figures any configuration reaches: highest per-user speed, lowest idle TTFT. */
  bestAchievable: { outputTokensPerSecondPerUser: number; timeToFirstTokenSeconds: number };
  /** Configurations evaluated. */
  evaluated: number;
}

/**
 * Picks the tensor-parallel size and concurrency that meet `slo` at the least GPU count for a
 * peak of `peakRequestsPerSecond` (GPU cost is proportional to GPUs): GPUs = (ceil(peak ÷
 * capacity) + spareReplicas) × GPUs per replica; ties go to the higher capacity per GPU, then the
 * smaller replica. Every size of `curve` is tried at every concurrency of {@link concurrencyGrid}.
 * When nothing meets the SLO, the fastest configuration (the lowest allowed concurrency — 1, or
 * the fixed one when `fixedConcurrency` — on the size with the shortest time per output token) is
 * returned with `met: false`, planned at the target utilisation, so the caller can state the best
 * achievable figures.
 *
 * @throws {CalcInputError} as {@link sloCapacity}; `peakRequestsPerSecond` negative; a curve without sizes.
 * @example
 * // see slo-sizing.test.ts: a two-size curve where the 2-GPU replica just meets and the 1-GPU one just misses
 */
export function sizeForSlo(
  curve: ReplicaCurve,
  outputTokensPerRequest: number,
  slo: Slo,
  targetUtilization: number,
  peakRequestsPerSecond: number,
  spareReplicas: number,
): SloSizing {
  requireNonNegative('peakRequestsPerSecond', peakRequestsPerSecond);
  if (curve.sizes.length === 0) throw new CalcInputError('gpus', 'no tensor-parallel size holds the model');
  let best: { cap: SloCapacity; replicas: number; gpus: number } | null = null;
  let fastest: ReplicaPoint | null = null;
  let bestSpeed = 0;
  let bestTtft = Number.POSITIVE_INFINITY;
  let evaluated = 0;
  for (const size of curve.sizes) {
    const concurrencies = size.fixedConcurrency ? [size.maxConcurrency] : concurrencyGrid(size.maxConcurrency);
    for (const c of concurrencies) {
      const point = curve.at(size.gpusPerReplica, c);
      evaluated++;
      bestSpeed = Math.max(bestSpeed, 1 / point.timePerOutputTokenSeconds);
      bestTtft = Math.min(bestTtft, point.idleTimeToFirstTokenSeconds);
      // The fallback candidates: each size's lowest allowed concurrency (1 on the grid, the caller's
      // when fixed — testing for 1 left a fixed concurrency without any fallback).
      const lowest = c === concurrencies[0];
      if (lowest && (fastest === null || point.timePerOutputTokenSeconds < fastest.timePerOutputTokenSeconds)) fastest = point;
      const cap = sloCapacity(point, outputTokensPerRequest, slo, targetUtilization);
      if (!cap.meets) continue;
      const replicas = Math.max(1, Math.ceil(peakRequestsPerSecond / cap.capacityRequestsPerSecond));
      const gpus = (replicas + spareReplicas) * size.gpusPerReplica;
      if (best === null || gpus < best.gpus || (gpus === best.gpus && perGpu(cap) > perGpu(best.cap))) {
        best = { cap, replicas, gpus };
      }
    }
  }
  const bestAchievable = { outputTokensPerSecondPerUser: bestSpeed, timeToFirstTokenSeconds: bestTtft };
  if (best !== null) return { met: true, chosen: best.cap, replicasForPeak: best.replicas, bestAchievable, evaluated };
  // Every size contributes its lowest concurrency, and there is at least one size.
  const point = fastest as ReplicaPoint;
  const serviceSeconds = outputTokensPerRequest * point.timePerOutputTokenSeconds;
  const capacity = (targetUtilization * point.concurrency) / serviceSeconds;
  const chosen: SloCapacity = {
    point,
    meets: false,
    serviceSeconds,
    sloRequestsPerSecond: 0,
    utilizationRequestsPerSecond: capacity,
    capacityRequestsPerSecond: capacity,
    plannedUtilization: targetUtilization,
    timeToFirstTokenAtCapacitySeconds:
      waitQuantileSeconds(
        { servers: point.concurrency, arrivalsPerSecond: capacity, serviceRatePerSecond: 1 / serviceSeconds },
        slo.percentile,
      ) + point.idleTimeToFirstTokenSeconds,
  };
  return { met: false, chosen, replicasForPeak: Math.max(1, Math.ceil(peakRequestsPerSecond / capacity)), bestAchievable, evaluated };
}

function perGpu(c: SloCapacity): number {
  return c.capacityRequestsPerSecond / c.point.gpusPerReplica;
}
