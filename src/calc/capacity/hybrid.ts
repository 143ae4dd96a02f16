/**
 * Hybrid plan: n self-host replicas serve the load up to their capacity every hour of the day and
 * the overflow goes to a per-token API. Finds the cost-minimising n and the volume from which the
 * hybrid beats the API alone. Formulas: docs/capacity.md §5.
 */
import { HOURS_PER_MONTH } from '../assumptions.js';
import { requireNonNegative, requirePositive } from '../input-checks.js';
import { HOURS_PER_DAY, normalizeHourlyWeights } from './load-shape.js';

const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export interface HybridInput {
  /** 24 hourly load weights (normalised to mean 1 here). */
  hourlyWeights: readonly number[];
  /** Total tokens per month (input + output) of the workload. */
  tokensPerMonth: number;
  /** Output tokens ÷ total tokens of the workload mix, (0, 1]. */
  outputShare: number;
  /** Output tokens/s one replica serves within the SLO (its planned capacity). */
  replicaOutputTokensPerSecond: number;
  /** GPU cost of one replica, USD/month (operations excluded). */
  usdPerReplicaMonth: number;
  /** Fixed cost of running any self-host replica (operations), USD/month. */
  fixedUsdPerMonth: number;
  /** What the API charges per token of the workload mix, USD. */
  apiUsdPerToken: number;
  /** Largest replica count considered: the pure self-host count for the peak (no spare). */
  maxReplicas: number;
}

export interface HybridHour {
  hour: number;
  /** Output tokens/s of the load in this hour. */
  loadOutputTokensPerSecond: number;
  /** n × replica capacity, output tokens/s. */
  selfHostCapacityOutputTokensPerSecond: number;
  /** min(load, capacity). */
  selfHostedOutputTokensPerSecond: number;
  /** load − self-hosted, sent to the API. */
  overflowOutputTokensPerSecond: number;
}

/** A hybrid plan's monthly figures (a {@link HybridPlan} without its hours). */
export interface HybridCosts {
  replicas: number;
  /** Fixed cost (when replicas > 0) + replicas × replica cost + API cost of the overflow, USD/month. */
  totalUsdPerMonth: number;
  selfHostUsdPerMonth: number;
  apiUsdPerMonth: number;
  /** Share of the month's tokens served by the self-host replicas, [0, 1]. */
  selfHostedTokenShare: number;
}

export interface HybridPlan extends HybridCosts {
  hours: HybridHour[];
}

/**
 * Share of the month's load that n replicas serve: Σ_h min(L_h, n K) ÷ Σ_h L_h with
 * L_h = average × w_h (the same every day).
 *
 * @example
 * // two busy hours at weight 12, 22 idle; average 100 tokens/s → L = 1,200 in each busy hour.
 * // K = 1,000: one replica serves 1,000 of 1,200 → share 1000/1200 = 0.8333
 * selfHostedShare([12, 12, ...Array(22).fill(0)], 100, 1, 1000); // 0.8333
 */
export function selfHostedShare(
  weights: readonly number[],
  averageOutputTokensPerSecond: number,
  replicas: number,
  replicaOutputTokensPerSecond: number,
): number {
  const capacity = replicas * replicaOutputTokensPerSecond;
  let load = 0;
  let served = 0;
  for (const w of weights) {
    const l = averageOutputTokensPerSecond * w;
    load += l;
    served += Math.min(l, capacity);
  }
  return load > 0 ? served / load : 0;
}

function checkInput(i: HybridInput): number[] {
  requireNonNegative('tokensPerMonth', i.tokensPerMonth);
  requirePositive('outputShare', i.outputShare);
  requirePositive('replicaOutputTokensPerSecond', i.replicaOutputTokensPerSecond);
  requireNonNegative('usdPerReplicaMonth', i.usdPerReplicaMonth);
  requireNonNegative('fixedUsdPerMonth', i.fixedUsdPerMonth);
  requireNonNegative('apiUsdPerToken', i.apiUsdPerToken);
  requireNonNegative('maxReplicas', i.maxReplicas);
  return normalizeHourlyWeights(i.hourlyWeights);
}

/** Cost of a hybrid plan with `replicas` replicas at the input's volume. */
export function hybridPlanAt(input: HybridInput, replicas: number): HybridPlan {
  const weights = checkInput(input);
  return planAt(input, weights, replicas);
}

/** Average output tokens/s of the input's volume. */
function averageOf(input: HybridInput): number {
  return (input.tokensPerMonth * input.outputShare) / SECONDS_PER_MONTH;
}

/** The plan's monthly cost for `replicas` replicas (what {@link costsAt} totals, without its object). */
function totalAt(input: HybridInput, weights: number[], average: number, replicas: number): number {
  const share = selfHostedShare(weights, average, replicas, input.replicaOutputTokensPerSecond);
  const selfHostUsdPerMonth = replicas > 0 ? input.fixedUsdPerMonth + replicas * input.usdPerReplicaMonth : 0;
  const apiUsdPerMonth = input.apiUsdPerToken * input.tokensPerMonth * (1 - share);
  return selfHostUsdPerMonth + apiUsdPerMonth;
}

/** The plan's monthly figures for `replicas` replicas, without its hour-by-hour profile. */
function costsAt(input: HybridInput, weights: number[], replicas: number): HybridCosts {
  const average = averageOf(input);
  const share = selfHostedShare(weights, average, replicas, input.replicaOutputTokensPerSecond);
  const selfHostUsdPerMonth = replicas > 0 ? input.fixedUsdPerMonth + replicas * input.usdPerReplicaMonth : 0;
  const apiUsdPerMonth = input.apiUsdPerToken * input.tokensPerMonth * (1 - share);
  return {
    replicas,
    totalUsdPerMonth: selfHostUsdPerMonth + apiUsdPerMonth,
    selfHostUsdPerMonth,
    apiUsdPerMonth,
    selfHostedTokenShare: share,
  };
}

function planAt(input: HybridInput, weights: number[], replicas: number): HybridPlan {
  const { totalUsdPerMonth, selfHostUsdPerMonth, apiUsdPerMonth, selfHostedTokenShare } = costsAt(input, weights, replicas);
  const average = averageOf(input);
  const capacity = replicas * input.replicaOutputTokensPerSecond;
  return {
    replicas,
    totalUsdPerMonth,
    selfHostUsdPerMonth,
    apiUsdPerMonth,
    selfHostedTokenShare,
    hours: weights.map((w, hour) => {
      const load = average * w;
      const served = Math.min(load, capacity);
      return {
        hour,
        loadOutputTokensPerSecond: load,
        selfHostCapacityOutputTokensPerSecond: capacity,
        selfHostedOutputTokensPerSecond: served,
        overflowOutputTokensPerSecond: load - served,
      };
    }),
  };
}

/** The cost-minimising replica count of {@link optimalHybridPlan}, for already normalised weights. */
function optimalReplicas(input: HybridInput, weights: number[]): number {
  const average = averageOf(input);
  const none = totalAt(input, weights, average, 0);
  if (input.maxReplicas < 1) return 0;
  // For n ≥ 1, cost(n) = F + n·Rm + p·V·(1 − share(n)) is convex in n (share(n) = Σ min(L_h, nK) ÷ ΣL
  // is concave), so its first minimum is the smallest n whose next step does not lower the cost:
  // found by bisection in O(log maxReplicas) rather than by costing every n (millions at large
  // volumes).
  let lo = 1;
  let hi = Math.floor(input.maxReplicas);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (totalAt(input, weights, average, mid + 1) >= totalAt(input, weights, average, mid)) hi = mid;
    else lo = mid + 1;
  }
  return totalAt(input, weights, average, lo) < none ? lo : 0;
}

/**
 * The cost-minimising hybrid plan: the n from 0 (API only) to `maxReplicas` (no overflow at the
 * peak) with the least cost(n) = [n > 0]·F + n·Rm + p·V·(1 − share(n)) (ties: fewer replicas),
 * found by bisection on the convex cost of n ≥ 1. n = 0 is the pure API, so the plan never costs more than the API alone; at
 * n = maxReplicas nothing overflows, so it never costs more than self-hosting without spares.
 *
 * @throws {CalcInputError} for negative or non-finite inputs and invalid weights.
 * @example
 * // see hybrid.test.ts: a two-hour shape where one replica for the base and the API for the peak wins
 */
export function optimalHybridPlan(input: HybridInput): HybridPlan {
  const weights = checkInput(input);
  return planAt(input, weights, optimalReplicas(input, weights));
}

/**
 * {@link optimalHybridPlan} without the hour-by-hour profile (the same figures): what a
 * comparison reports for each self-host × API pair, without building 24 hours it does not return.
 */
export function optimalHybridCosts(input: HybridInput): HybridCosts {
  const weights = checkInput(input);
  return costsAt(input, weights, optimalReplicas(input, weights));
}

/**
 * The smallest monthly volume (tokens, same mix and shape) from which some hybrid plan with at
 * least one replica costs no more than the API alone — and keeps doing so at every larger volume
 * (the tokens n replicas serve never fall as volume grows). Null when no n ever pays for itself.
 *
 * For each n: self-hosting pays when p × served(n, V) ≥ F + n × Rm. With the weights normalised
 * to mean 1 (Σ w = 24), average a = V × outputShare ÷ 2,628,000 s and c = n × K,
 * served(n, V) = (V ÷ a) × g(a) ÷ 24 with g(a) = Σ_h min(a × w_h, c): piecewise linear, rising,
 * with a bend where each hour fills (a = c ÷ w_h). With the active weights sorted largest first,
 * g(a) = j × c + a × (w_{j+1} + … + w_k) while the j busiest hours are full, so V_n is solved
 * exactly on the segment where g reaches 24 × (F + n Rm) ÷ (p × V ÷ a) (docs/capacity.md §5).
 * n grows while (F + n Rm) ÷ p (a lower bound of V_n) stays below the best V found, at most
 * 10,000 replicas, from the first n whose ceiling n × Q (Q = K × (active hours ÷ 24) × 2,628,000 s
 * ÷ output share) can pay: p × n × Q ≥ F + n × Rm.
 *
 * @example
 * // see hybrid.test.ts (hand-computed two-hour case)
 */
export function hybridBreakEvenTokensPerMonth(input: Omit<HybridInput, 'tokensPerMonth' | 'maxReplicas'>): number | null {
  const weights = checkInput({ ...input, tokensPerMonth: 0, maxReplicas: 0 });
  const p = input.apiUsdPerToken;
  if (!(p > 0)) return null;
  const K = input.replicaOutputTokensPerSecond;
  const active = weights.filter((w) => w > 0).sort((x, y) => y - x);
  // after[j] = the sum of the active weights from the (j+1)-th largest on: the slope of g while j hours are full.
  const after = new Array<number>(active.length + 1).fill(0);
  for (let j = active.length - 1; j >= 0; j--) after[j] = (after[j + 1] as number) + (active[j] as number);
  /** Tokens per month per unit of average output tokens/s: V = perAverage × a. */
  const perAverage = SECONDS_PER_MONTH / input.outputShare;
  // n replicas can pay only when p × n × Q ≥ F + n × Rm (Q: the most tokens one replica serves a
  // month): never when a replica's most earnings p × Q do not exceed its cost, else from
  // n ≈ F ÷ (p Q − Rm). The loop starts there (one step early against rounding) instead of
  // stepping through up to 10,000 counts that cannot pay.
  const Q = (K * (active.length / HOURS_PER_DAY) * SECONDS_PER_MONTH) / input.outputShare;
  const margin = p * Q - input.usdPerReplicaMonth;
  const first =
    margin > 0 ? Math.max(1, Math.ceil(input.fixedUsdPerMonth / margin) - 1) : input.fixedUsdPerMonth === 0 && margin === 0 ? 1 : Infinity;
  let best: number | null = null;
  for (let n = first; n <= 10_000; n++) {
    const cost = input.fixedUsdPerMonth + n * input.usdPerReplicaMonth;
    if (best !== null && cost / p >= best) break;
    const ceiling = n * Q;
    if (p * ceiling < cost) continue;
    const v = perAverage * averageServing(active, after, n * K, (HOURS_PER_DAY * cost) / (p * perAverage));
    if (best === null || v < best) best = v;
  }
  return best;
}

/**
 * The least average a with g(a) = Σ_j min(a × active_j, capacity) ≥ target, for `active` sorted
 * largest first and `after` its suffix sums; target ≤ g's maximum (active.length × capacity).
 */
function averageServing(active: number[], after: number[], capacity: number, target: number): number {
  if (target <= 0) return 0;
  for (let j = 0; j < active.length; j++) {
    // Segment j: the j busiest hours full, g(a) = j × capacity + a × after[j], up to a = capacity ÷ active[j].
    const end = capacity / (active[j] as number);
    if (j * capacity + end * (after[j] as number) >= target) return (target - j * capacity) / (after[j] as number);
  }
  // Only rounding can leave the loop: the target is every hour full.
  return capacity / (active[active.length - 1] as number);
}
