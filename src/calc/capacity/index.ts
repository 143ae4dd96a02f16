/**
 * Capacity planning on top of the cost engine: M/M/c admission queueing, SLO sizing, daily load
 * shapes, hybrid self-host + API plans, commitment discounts. Pure: no I/O, no clock, no
 * randomness. Formulas and sources: docs/capacity.md.
 */
export type { CloudCommitment, WorkloadClass } from './defaults.js';
export {
  CLOUD_COMMITMENTS,
  COMMITMENT_DISCOUNTS,
  committedUsdPerGpuHour,
  DEFAULT_REPLICAS_FOR_AVAILABILITY,
  INTERACTIVE_SLO_DEFAULTS,
  WORKLOAD_CLASSES,
} from './defaults.js';
export type { MmcQueue } from './erlang.js';
export { erlangB, erlangC, maxArrivalsForWait, meanWaitSeconds, waitQuantileSeconds } from './erlang.js';
export type { HybridCosts, HybridHour, HybridInput, HybridPlan } from './hybrid.js';
export { hybridBreakEvenTokensPerMonth, hybridPlanAt, optimalHybridCosts, optimalHybridPlan, selfHostedShare } from './hybrid.js';
export { HOURS_PER_DAY, normalizeHourlyWeights, peakToAverageOf, resolveLoadShape, shapeFromPeakToAverage } from './load-shape.js';
export { replicaCurve } from './replica-curve.js';
export type { SloSizedCandidate } from './slo-candidate.js';
export { sizeCandidateForSlo } from './slo-candidate.js';
export type { ReplicaCurve, ReplicaPoint, Slo, SloCapacity, SloSizing } from './slo-sizing.js';
export { checkSlo, concurrencyGrid, sizeForSlo, sloCapacity } from './slo-sizing.js';
