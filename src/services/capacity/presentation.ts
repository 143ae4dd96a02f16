import {
  COMMITMENT_DISCOUNTS,
  DEFAULT_REPLICAS_FOR_AVAILABILITY,
  INTERACTIVE_SLO_DEFAULTS,
  type Slo,
  type SloSizing,
} from '../../calc/capacity/index.js';
import { warning } from '../../calc/index.js';
import type { CapacityDetail, CapacityEcho } from '../../schemas/engine-detail.js';
import type { CandidateResult } from '../comparison/presentation.js';
import type { CandidateCapacity, CapacityPlanning } from './plan.js';

/** A finite number, or null (an unstable queue has an infinite wait). */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The `detail.capacity` object of a self-host result (docs/capacity.md "Response"). */
export function capacityDetail(c: CandidateCapacity, planning: CapacityPlanning): CapacityDetail {
  const s = c.sizing;
  return {
    class: planning.workloadClass,
    commitment: c.commitment,
    commitmentDiscount: c.commitmentDiscount,
    usdPerGpuHour: c.usdPerGpuHour,
    replicasForAvailability: c.replicasForAvailability,
    slo:
      s === null || planning.slo === null
        ? null
        : {
            target: planning.slo,
            met: s.met,
            gpusPerReplica: s.chosen.point.gpusPerReplica,
            concurrency: s.chosen.point.concurrency,
            outputTokensPerSecondPerUser: 1 / s.chosen.point.timePerOutputTokenSeconds,
            timeToFirstTokenAtPercentileSeconds: finite(s.chosen.timeToFirstTokenAtCapacitySeconds),
            idleTimeToFirstTokenSeconds: s.chosen.point.idleTimeToFirstTokenSeconds,
            requestsPerSecondPerReplica: s.chosen.capacityRequestsPerSecond,
            plannedSlotUtilization: s.chosen.plannedUtilization,
            replicasForPeak: s.replicasForPeak,
            bestAchievable: s.bestAchievable,
            configurationsEvaluated: s.evaluated,
          },
  };
}

/** Adds `detail.capacity` to every costed self-host result and an `slo-unreachable` warning where the SLO is missed. */
export function withCapacityDetail(results: CandidateResult[], planning: CapacityPlanning): CandidateResult[] {
  return results.map((r) => {
    const c = planning.perCandidate.get(r.index);
    if (r.type !== 'self-host' || r.detail === null || c === undefined) return r;
    const warnings = [...r.warnings];
    const s = c.sizing;
    if (s !== null && !s.met && planning.slo !== null && !warnings.some((w) => w.code === 'slo-unreachable')) {
      warnings.push(warning('slo-unreachable', sloMissedMessage(r.index, c, s, planning.slo)));
    }
    // Object.assign rather than spreads: `{ ...detail, capacity }` (a spread followed by a new key)
    // costs microseconds on Node 20 and gives each copy its own hidden class.
    const detail = Object.assign({}, r.detail, { capacity: capacityDetail(c, planning) });
    return Object.assign({}, r, { detail, warnings });
  });
}

/**
 * Why the SLO is missed and what was costed. With a concurrency the candidate fixed, the message
 * names that field, says that concurrency was costed, and gives the lower concurrency that would
 * meet the SLO (or says none does): the question a caller who fixed it asks next.
 */
function sloMissedMessage(index: number, c: CandidateCapacity, s: SloSizing, slo: Slo): string {
  const target = `the SLO (${slo.outputTokensPerSecondPerUser} tokens/s per user, ${slo.timeToFirstTokenSeconds} s to first token at p${slo.percentile * 100})`;
  const best = (b: SloSizing['bestAchievable']) =>
    `best achievable ${b.outputTokensPerSecondPerUser.toFixed(1)} tokens/s per user and ${b.timeToFirstTokenSeconds.toFixed(3)} s to first token`;
  if (c.fixedConcurrency === null)
    return `no configuration meets ${target}; ${best(s.bestAchievable)}; costed at the fastest configuration`;
  const p = s.chosen.point;
  const lowered = p.concurrency < c.fixedConcurrency ? ` ${c.fixedConcurrency}, lowered to what memory holds` : '';
  const head = `the fixed concurrency ${p.concurrency} (candidates.${index}.concurrency${lowered}) misses ${target}: ${(1 / p.timePerOutputTokenSeconds).toFixed(1)} tokens/s per user, ${p.idleTimeToFirstTokenSeconds.toFixed(3)} s to first token with no queue; costed at that concurrency on ${p.gpusPerReplica} GPUs per replica`;
  const below = c.belowFixedConcurrency;
  if (below === null) return head;
  if (!below.met) return `${head}. No lower concurrency meets it either: ${best(below.bestAchievable)}`;
  const q = below.chosen.point;
  return `${head}. Concurrency ${q.concurrency} on ${q.gpusPerReplica} GPUs per replica meets it (${below.replicasForPeak} replicas for the peak against ${s.replicasForPeak}); omit concurrency to let the sizing choose`;
}

/** The capacity part of the assumptions echo: class, SLO, load shape and the defaults used. */
export function capacityEcho(planning: CapacityPlanning): CapacityEcho {
  return {
    class: planning.workloadClass,
    slo: planning.slo,
    loadShape: { source: planning.loadShapeSource, hourlyWeights: planning.loadShape },
    reasoning: planning.reasoning,
    defaults: {
      interactiveSlo: INTERACTIVE_SLO_DEFAULTS,
      replicasForAvailability: DEFAULT_REPLICAS_FOR_AVAILABILITY,
      commitmentDiscounts: COMMITMENT_DISCOUNTS,
    },
    sources: 'docs/capacity.md',
  };
}
