/**
 * M/M/c queueing: Erlang C (probability that an arriving request waits) and the waiting-time
 * distribution of the first-come-first-served queue in front of c identical servers.
 * Formulas and their use for LLM admission: docs/capacity.md §2.
 */
import { CalcInputError } from '../errors.js';
import { requireFraction, requireInteger, requireNonNegative, requirePositive } from '../input-checks.js';

/**
 * Erlang B blocking probability for `servers` servers offered `offeredLoad` = λ/μ erlangs, by the
 * stable recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 *
 * @throws {CalcInputError} `servers` not a positive integer, `offeredLoad` negative or not finite.
 * @example
 * erlangB(2, 1); // 0.2  (a²/2 ÷ (1 + a + a²/2) at a = 1)
 */
export function erlangB(servers: number, offeredLoad: number): number {
  requireInteger('servers', servers);
  requireNonNegative('offeredLoad', offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/**
 * Erlang C: probability that an arrival waits in an M/M/c queue, C = B / (1 − ρ(1 − B)) with
 * ρ = a / c < 1. At ρ ≥ 1 the queue is unstable and every arrival waits: returns 1.
 *
 * @throws {CalcInputError} as {@link erlangB}.
 * @example
 * erlangC(2, 1); // 1/3  (c = 2, a = 1, ρ = 0.5: 0.2 / (1 − 0.5 × 0.8))
 * erlangC(1, 0.5); // 0.5 (M/M/1: P(wait) = ρ)
 */
export function erlangC(servers: number, offeredLoad: number): number {
  const b = erlangB(servers, offeredLoad);
  const rho = offeredLoad / servers;
  if (rho >= 1) return 1;
  return b / (1 - rho * (1 - b));
}

/** An M/M/c queue: arrival rate λ and service rate μ per server (same time unit), c servers. */
export interface MmcQueue {
  servers: number;
  arrivalsPerSecond: number;
  serviceRatePerSecond: number;
}

function checkQueue(q: MmcQueue): void {
  requireInteger('servers', q.servers);
  requireNonNegative('arrivalsPerSecond', q.arrivalsPerSecond);
  requirePositive('serviceRatePerSecond', q.serviceRatePerSecond);
}

/**
 * Mean wait before service in an M/M/c queue, seconds: Wq = C(c, a) / (cμ − λ). Infinite when
 * λ ≥ cμ.
 *
 * @example
 * meanWaitSeconds({ servers: 2, arrivalsPerSecond: 1, serviceRatePerSecond: 1 }); // (1/3) / (2 − 1) = 0.3333
 */
export function meanWaitSeconds(q: MmcQueue): number {
  checkQueue(q);
  const drain = q.servers * q.serviceRatePerSecond - q.arrivalsPerSecond;
  if (drain <= 0) return Number.POSITIVE_INFINITY;
  return erlangC(q.servers, q.arrivalsPerSecond / q.serviceRatePerSecond) / drain;
}

/**
 * The `percentile` quantile of the wait before service in an M/M/c queue, seconds. The wait is 0
 * with probability 1 − C and exponential with rate cμ − λ otherwise, so
 * P(W > t) = C·e^{−(cμ−λ)t} and the p-quantile is max(0, ln(C / (1 − p)) / (cμ − λ)).
 * Infinite when λ ≥ cμ (unstable) or, for p = 1, whenever C > 0.
 *
 * @throws {CalcInputError} `percentile` outside [0, 1]; invalid queue.
 * @example
 * // c = 2, λ = 1, μ = 1: C = 1/3, cμ − λ = 1
 * waitQuantileSeconds({ servers: 2, arrivalsPerSecond: 1, serviceRatePerSecond: 1 }, 0.9); // ln(10/3) = 1.2040
 * waitQuantileSeconds({ servers: 2, arrivalsPerSecond: 1, serviceRatePerSecond: 1 }, 0.5); // 0 (C ≤ 0.5)
 */
export function waitQuantileSeconds(q: MmcQueue, percentile: number): number {
  checkQueue(q);
  requireFraction('percentile', percentile);
  const drain = q.servers * q.serviceRatePerSecond - q.arrivalsPerSecond;
  if (drain <= 0) return Number.POSITIVE_INFINITY;
  const c = erlangC(q.servers, q.arrivalsPerSecond / q.serviceRatePerSecond);
  if (c <= 1 - percentile) return 0;
  if (percentile === 1) return Number.POSITIVE_INFINITY;
  return Math.log(c / (1 - percentile)) / drain;
}

/**
 * The largest arrival rate (per second) at which the `percentile` wait of an M/M/c queue stays
 * within `maxWaitSeconds`, found by bisection on λ ∈ [0, cμ) (the quantile rises with λ).
 * 60 halvings give a relative precision far below anything reported.
 *
 * @throws {CalcInputError} as {@link waitQuantileSeconds}; `maxWaitSeconds` negative.
 * @example
 * // one server, μ = 1/s, p50 wait ≤ 0: the median wait is 0 while C = ρ ≤ 0.5 → λ = 0.5
 * maxArrivalsForWait(1, 1, 0.5, 0); // 0.5
 */
export function maxArrivalsForWait(servers: number, serviceRatePerSecond: number, percentile: number, maxWaitSeconds: number): number {
  requireNonNegative('maxWaitSeconds', maxWaitSeconds);
  if (percentile === 1 && maxWaitSeconds === Number.POSITIVE_INFINITY) {
    throw new CalcInputError('percentile', 'must be below 1 with an unbounded wait');
  }
  const q = (lambda: number): number => waitQuantileSeconds({ servers, arrivalsPerSecond: lambda, serviceRatePerSecond }, percentile);
  let lo = 0;
  let hi = servers * serviceRatePerSecond;
  if (q(lo) > maxWaitSeconds) return 0;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (q(mid) <= maxWaitSeconds) lo = mid;
    else hi = mid;
  }
  return lo;
}
