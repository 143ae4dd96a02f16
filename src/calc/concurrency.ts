/**
 * Operating points of a replica at a concurrency, and the bounded search for the concurrency
 * that meets a latency or per-user speed target.
 */
import type { DecodeStep, ReplicaModel, RequestShape } from './roofline.js';
import { decodeStep } from './roofline.js';

export interface OperatingPoint {
  concurrency: number;
  step: DecodeStep;
  /** Seconds between output tokens for one user (step time ÷ tokens per step, or concurrency / measured rate). */
  timePerOutputTokenSeconds: number;
  /** Prefill of the request alone plus one decode step of the running batch, seconds. */
  timeToFirstTokenSeconds: number;
  /** Output tokens per second of the whole replica. */
  outputTokensPerSecond: number;
}

/**
 * The replica's operating point at `concurrency` sequences.
 * With `measuredOutputTokensPerSecond` (whole replica) set, throughput is that figure and the
 * time per output token is concurrency / measured; the modelled step is still reported.
 *
 * @example
 * // the 1 B-parameter model of decodeStep's example, one sequence, prompt alone 0.002 s:
 * operatingPoint(tiny, shape, 1, 0.002, null).outputTokensPerSecond;  // 1 / 0.0020004045 = 499.9
 * operatingPoint(tiny, shape, 1, 0.002, 300).timePerOutputTokenSeconds; // 1 / 300 (measured rate)
 */
export function operatingPoint(
  replica: ReplicaModel,
  shape: RequestShape,
  concurrency: number,
  prefillAloneSeconds: number,
  measuredOutputTokensPerSecond: number | null,
): OperatingPoint {
  const step = decodeStep(replica, shape, concurrency);
  const timePerOutputTokenSeconds =
    measuredOutputTokensPerSecond === null ? step.stepSeconds / step.tokensPerStep : concurrency / measuredOutputTokensPerSecond;
  return {
    concurrency,
    step,
    timePerOutputTokenSeconds,
    timeToFirstTokenSeconds: prefillAloneSeconds + timePerOutputTokenSeconds,
    outputTokensPerSecond: concurrency / timePerOutputTokenSeconds,
  };
}

/**
 * Largest integer n in [1, upper] for which `meets(n)` holds, assuming `meets` is true up to
 * some point and false after it (latency grows with concurrency). Binary search: at most
 * ⌈log2(upper)⌉ + 1 evaluations. Returns null when even 1 fails.
 *
 * @example
 * largestMeeting(256, (n) => n * n <= 1000); // 31
 * largestMeeting(256, () => false);          // null
 */
export function largestMeeting(upper: number, meets: (n: number) => boolean): number | null {
  if (upper < 1 || !meets(1)) return null;
  let lo = 1;
  let hi = upper;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (meets(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
