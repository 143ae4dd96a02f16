import {
  type CloudCommitment,
  COMMITMENT_DISCOUNTS,
  committedUsdPerGpuHour,
  DEFAULT_REPLICAS_FOR_AVAILABILITY,
  INTERACTIVE_SLO_DEFAULTS,
  peakToAverageOf,
  resolveLoadShape,
  type Slo,
  type SloSizedCandidate,
  type SloSizing,
  sizeCandidateForSlo,
  type WorkloadClass,
} from '../../calc/capacity/index.js';
import { FIXED_DEFAULTS, type SelfHostCandidate } from '../../calc/index.js';
import { UnprocessableError } from '../../errors.js';
import type { CompareRequest } from '../../schemas/compare.js';
import { assumptionsKey, BasisMemo, profileKey } from '../basis-memo.js';
import { asRequestField, type PreparedApi, type PreparedComparison, type PreparedSelfHost } from '../comparison/candidates.js';
import { type ReasoningEcho, resolveCandidateReasoning, withReasoningTokens } from './reasoning.js';

/**
 * Copies here use Object.assign, not object spreads: on Node 20 `{ ...x, newKey }` costs
 * microseconds and gives every copy its own hidden class (slower to read, round and serialise).
 */

/**
 * SLO sizings shared across requests (see BasisMemo). A sizing evaluates a few dozen replica
 * configurations (milliseconds); repeated comparisons (scenario re-runs, dashboards, batch items
 * with the same workload) then cost microseconds. Its key holds the stored profiles' id, version
 * and updatedAt (inline profiles by content), pricing mode, deployment choices, assumption
 * overrides, request shape, monthly output, peak ratio, SLO, utilisation and spares.
 */
const sizings = new BasisMemo<SloSizedCandidate | null>();

/**
 * Capacity planning of a prepared comparison (docs/capacity.md): resolves the workload class, its
 * SLO and daily load shape, applies cloud commitment discounts and spare replicas, and sizes every
 * self-host candidate of an interactive workload to the SLO. The result is a prepared comparison
 * whose self-host candidates carry the sized deployment, so that costs, break-even, curves and
 * sensitivity all price the same deployment.
 */

export interface CandidateCapacity {
  commitment: CloudCommitment | null;
  commitmentDiscount: number | null;
  /** GPU-hour price after the commitment discount; null when the candidate is not a cloud rental or has no price. */
  usdPerGpuHour: number | null;
  replicasForAvailability: number;
  /** The SLO sizing; null for batch workloads and for models that do not fit. */
  sizing: SloSizing | null;
  /** The candidate's own `concurrency` when it fixes one (the sizing then keeps it), else null. */
  fixedConcurrency: number | null;
  /** When the fixed concurrency misses the SLO: the sizing over the concurrencies below it (SloSizedCandidate). */
  belowFixedConcurrency: SloSizing | null;
}

export interface CapacityPlanning {
  prepared: PreparedComparison;
  workloadClass: WorkloadClass;
  slo: Slo | null;
  /** 24 hourly weights, mean 1. */
  loadShape: number[];
  loadShapeSource: 'hourlyLoad' | 'peakToAverage';
  /** Reasoning tokens per request of every candidate, with how each was chosen (docs/capacity.md §6). */
  reasoning: ReasoningEcho;
  perCandidate: Map<number, CandidateCapacity>;
  notes: string[];
}

function resolvePeak(request: CompareRequest, prepared: PreparedComparison): { peak: number; shape: number[] } {
  const hourly = request.workload.hourlyLoad;
  if (hourly === undefined) {
    return { peak: prepared.workload.peakToAverageRatio, shape: resolveLoadShape(undefined, prepared.workload.peakToAverageRatio) };
  }
  const peak = asRequestField('', () => peakToAverageOf(hourly));
  const given = request.workload.peakToAverage;
  if (given !== undefined && Math.abs(given - peak) > 0.01 * peak) {
    throw new UnprocessableError('peakToAverage contradicts hourlyLoad', [
      {
        field: 'workload.peakToAverage',
        message: `hourlyLoad has a peak-to-average of ${peak.toFixed(3)}; omit peakToAverage or make them agree`,
      },
    ]);
  }
  return { peak, shape: resolveLoadShape(hourly, peak) };
}

/**
 * Copies of offerings with a candidate's reasoning tokens, by offering and token count. Copying
 * a whole offering was the dearest step of planning; a catalogue offering is the same object
 * from request to request (a changed profile is a new object), so its copy is made once. The
 * copies are frozen: they are shared by every comparison that uses them. Inline offerings are new
 * objects every request and are simply dropped with them.
 */
const offeringsWithReasoning = new WeakMap<PreparedApi['offering'], Map<number, PreparedApi['offering']>>();

function offeringWithReasoning(offering: PreparedApi['offering'], reasoningTokensPerRequest: number): PreparedApi['offering'] {
  let byTokens = offeringsWithReasoning.get(offering);
  if (byTokens === undefined) {
    byTokens = new Map();
    offeringsWithReasoning.set(offering, byTokens);
  }
  let copy = byTokens.get(reasoningTokensPerRequest);
  if (copy === undefined) {
    copy = Object.freeze(Object.assign({}, offering, { reasoningTokensPerRequest }));
    // A few token counts per offering in practice; the bound keeps odd request streams from growing it.
    if (byTokens.size < 64) byTokens.set(reasoningTokensPerRequest, copy);
  }
  return copy;
}

/**
 * Applies capacity planning to `prepared` (see the module comment).
 *
 * @throws {UnprocessableError} 422 naming the field: hourlyLoad and peakToAverage disagree, or
 *   the engine rejects an input while sizing.
 */
export function planCapacity(prepared: PreparedComparison, request: CompareRequest): CapacityPlanning {
  const workloadClass: WorkloadClass = request.workload.class ?? 'interactive';
  const slo = workloadClass === 'interactive' ? Object.assign({}, INTERACTIVE_SLO_DEFAULTS, request.workload.slo) : null;
  const { peak, shape } = resolvePeak(request, prepared);
  const workload = Object.assign({}, prepared.workload, { peakToAverageRatio: peak });
  const reasoning = resolveCandidateReasoning(prepared, request);
  const perCandidate = new Map<number, CandidateCapacity>();
  const notes: string[] = [];
  let spot = false;
  let noOps = false;
  let gpuOnlyCapex = false;
  const candidates = prepared.candidates.map((c) => {
    const reasoningTokens = reasoning.tokensOf(c.index);
    if (c.type !== 'self-host') {
      const offering = offeringWithReasoning(c.offering, reasoningTokens);
      const withReasoning: PreparedApi = { index: c.index, type: c.type, label: c.label, offering, servedModel: c.servedModel };
      return withReasoning;
    }
    const input = request.candidates[c.index];
    const pricing = input?.type === 'self-host' ? input.pricing : undefined;
    const assumptions = Object.assign({}, c.candidate.assumptions);
    let commitment: CloudCommitment | null = null;
    let discount: number | null = null;
    let usdPerGpuHour: number | null = null;
    if (c.candidate.pricing === 'cloud') {
      commitment = pricing?.mode === 'cloud' ? (pricing.commitment ?? 'on-demand') : 'on-demand';
      discount = (pricing?.mode === 'cloud' ? pricing.commitmentDiscount : undefined) ?? COMMITMENT_DISCOUNTS[commitment];
      const onDemand = assumptions.usdPerGpuHour ?? c.hardware.usdPerGpuHour;
      if (onDemand !== null && onDemand !== undefined) {
        usdPerGpuHour = committedUsdPerGpuHour(onDemand, commitment, discount);
        if (discount > 0) assumptions.usdPerGpuHour = usdPerGpuHour;
      }
      spot ||= commitment === 'spot';
    }
    const spare = assumptions.replicasForAvailability ?? DEFAULT_REPLICAS_FOR_AVAILABILITY[workloadClass];
    assumptions.replicasForAvailability = spare;
    noOps ||= (assumptions.opsUsdPerMonth ?? FIXED_DEFAULTS.opsUsdPerMonth) === 0;
    gpuOnlyCapex ||=
      c.candidate.pricing === 'owned' && assumptions.platformCapexUsdPerGpu == null && assumptions.allInCapexUsdPerGpu == null;
    let candidate: SelfHostCandidate = Object.assign({}, c.candidate, { assumptions });
    let sizing: SloSizing | null = null;
    let belowFixedConcurrency: SloSizing | null = null;
    if (slo !== null) {
      // Sized on the generated tokens: the same requests each decode visible + reasoning tokens.
      const generated = withReasoningTokens(workload, reasoningTokens);
      const utilization = assumptions.targetUtilization ?? FIXED_DEFAULTS.targetUtilization;
      const key = `${JSON.stringify([profileKey(c.model), profileKey(c.hardware), candidate.pricing, candidate.deployment ?? null])}|${assumptionsKey(
        candidate.assumptions,
      )}|${JSON.stringify([
        [generated.inputTokensPerRequest, generated.outputTokensPerRequest, generated.cachedInputShare],
        [generated.outputTokensPerMonth, generated.peakToAverageRatio],
        slo,
        utilization,
        spare,
      ])}`;
      const toSize = candidate;
      const sized = sizings.get(key, candidate.assumptions?.platformCapexBasis, () =>
        asRequestField(`candidates.${c.index}.`, () => sizeCandidateForSlo(toSize, generated, slo, utilization, spare)),
      );
      if (sized !== null) {
        candidate = sized.candidate;
        sizing = sized.sizing;
        belowFixedConcurrency = sized.belowFixedConcurrency ?? null;
      }
    }
    perCandidate.set(c.index, {
      commitment,
      commitmentDiscount: discount,
      usdPerGpuHour,
      replicasForAvailability: spare,
      sizing,
      fixedConcurrency: c.candidate.deployment?.concurrency ?? null,
      belowFixedConcurrency,
    });
    const withReasoning: SelfHostCandidate = Object.assign({}, candidate, { reasoningTokensPerRequest: reasoningTokens });
    const sizedCandidate: PreparedSelfHost = {
      index: c.index,
      type: c.type,
      label: c.label,
      model: c.model,
      hardware: c.hardware,
      candidate: withReasoning,
    };
    return sizedCandidate;
  });
  if (noOps) {
    notes.push(
      'NO OPERATIONS COST IS INCLUDED for some self-host options (opsUsdPerMonth is 0): staff to run GPUs in production are a real and often the largest fixed cost. Set assumptions.opsUsdPerMonth; for scale, US MLOps engineer base pay is about $130k-$165k a year (about $10.8k-$13.8k a month before overhead; kore1 MLOps salary guide 2026).',
    );
  }
  if (gpuOnlyCapex) {
    notes.push(
      'OWNED HARDWARE COUNTS THE GPU PRICE ONLY for some self-host options: no sourced server, network and storage share exists for their hardware class, so their capital cost and payback are optimistic (for H100 the sourced all-in figure is ~$50k per GPU against a $30k GPU). Set assumptions.platformCapexUsdPerGpu or allInCapexUsdPerGpu (warning capex-gpu-only).',
    );
  }
  const reasoningNote = reasoning.note();
  if (reasoningNote !== null) notes.push(reasoningNote);
  if (spot) {
    notes.push(
      'Spot GPUs can be reclaimed at short notice (AWS gives a two-minute warning): spare replicas do not cover simultaneous reclaims, so spot suits batch work or the base of a hybrid plan with API overflow.',
    );
  }
  return {
    prepared: { workload, candidates, profiles: prepared.profiles },
    workloadClass,
    slo,
    loadShape: shape,
    loadShapeSource: request.workload.hourlyLoad === undefined ? 'peakToAverage' : 'hourlyLoad',
    reasoning: reasoning.echo,
    perCandidate,
    notes,
  };
}
