/**
 * The daily shape of the load: 24 hourly weights whose mean is 1 (weight 2 = twice the average
 * hour). Given by the caller, or derived from a peak-to-average ratio. docs/capacity.md §4.
 */
import { CalcInputError } from '../errors.js';
import { requireAtLeast, requireNonNegative } from '../input-checks.js';

export const HOURS_PER_DAY = 24;

/** First hour of the busy block of the derived shape (09:00, business hours). */
export const BUSY_BLOCK_START_HOUR = 9;
/** Length of the busy block of the derived shape when the ratio allows it, hours. */
export const BUSY_BLOCK_HOURS = 8;

/**
 * Normalises 24 non-negative hourly weights to mean 1.
 *
 * @throws {CalcInputError} field `workload.hourlyLoad` unless there are exactly 24 finite,
 *   non-negative weights with a positive sum.
 * @example
 * normalizeHourlyWeights([...Array(12).fill(1), ...Array(12).fill(3)]); // 12 × 0.5 then 12 × 1.5
 */
export function normalizeHourlyWeights(weights: readonly number[]): number[] {
  if (weights.length !== HOURS_PER_DAY) throw new CalcInputError('workload.hourlyLoad', `must have 24 values, got ${weights.length}`);
  let sum = 0;
  for (let h = 0; h < HOURS_PER_DAY; h++) {
    const w = weights[h] as number;
    // The field name is built only for a weight that fails (this runs for every hybrid pair of a comparison).
    if (!(typeof w === 'number' && w >= 0 && w !== Number.POSITIVE_INFINITY)) requireNonNegative(`workload.hourlyLoad.${h}`, w);
    sum += w;
  }
  if (!(sum > 0)) throw new CalcInputError('workload.hourlyLoad', 'must not be all zero');
  const out = new Array<number>(HOURS_PER_DAY);
  for (let h = 0; h < HOURS_PER_DAY; h++) out[h] = ((weights[h] as number) * HOURS_PER_DAY) / sum;
  return out;
}

/**
 * Peak hour ÷ average hour of 24 weights.
 *
 * @throws {CalcInputError} as {@link normalizeHourlyWeights}.
 * @example
 * peakToAverageOf([...Array(12).fill(1), ...Array(12).fill(3)]); // 1.5
 */
export function peakToAverageOf(weights: readonly number[]): number {
  const normalized = normalizeHourlyWeights(weights);
  return Math.max(...normalized);
}

/**
 * The shape used when only a peak-to-average ratio p is known: a busy block from 09:00 at level p
 * and a flat rest, mean 1.
 * - p ≤ 3: 8 busy hours at p, the other 16 at (24 − 8p) / 16 (business hours; p = 1 is flat).
 * - p > 3: floor(24 / p) busy hours at p, the next hour carries what is left (24 − busy × p < p),
 *   every other hour 0.
 * - p > 24 cannot be drawn at hourly resolution (one hour holding the whole day is 24): the shape
 *   is then a single hour at 24. Sizing still uses the workload's own ratio.
 *
 * @throws {CalcInputError} field `workload.peakToAverage` below 1 or not finite.
 * @example
 * shapeFromPeakToAverage(2); // 09:00–16:59 at 2, other hours at 0.5
 * shapeFromPeakToAverage(4); // 09:00–14:59 at 4, the rest 0
 */
export function shapeFromPeakToAverage(peakToAverage: number): number[] {
  requireAtLeast('workload.peakToAverage', peakToAverage, 1);
  const out = new Array<number>(HOURS_PER_DAY).fill(0);
  const hour = (i: number): number => (BUSY_BLOCK_START_HOUR + i) % HOURS_PER_DAY;
  if (peakToAverage <= 3) {
    const quiet = (HOURS_PER_DAY - BUSY_BLOCK_HOURS * peakToAverage) / (HOURS_PER_DAY - BUSY_BLOCK_HOURS);
    out.fill(quiet);
    for (let i = 0; i < BUSY_BLOCK_HOURS; i++) out[hour(i)] = peakToAverage;
    return out;
  }
  if (peakToAverage >= HOURS_PER_DAY) {
    out[BUSY_BLOCK_START_HOUR] = HOURS_PER_DAY;
    return out;
  }
  const busy = Math.floor(HOURS_PER_DAY / peakToAverage);
  for (let i = 0; i < busy; i++) out[hour(i)] = peakToAverage;
  out[hour(busy)] = HOURS_PER_DAY - busy * peakToAverage;
  return out;
}

/**
 * The shape a workload implies: its hourly weights (normalised to mean 1) when given, else the
 * derived shape of its peak-to-average ratio.
 *
 * @throws {CalcInputError} as {@link normalizeHourlyWeights} and {@link shapeFromPeakToAverage}.
 * @example
 * resolveLoadShape(undefined, 2)[9]; // 2
 */
export function resolveLoadShape(hourlyLoad: readonly number[] | undefined, peakToAverage: number): number[] {
  if (hourlyLoad === undefined) return shapeFromPeakToAverage(peakToAverage);
  return normalizeHourlyWeights(hourlyLoad);
}
