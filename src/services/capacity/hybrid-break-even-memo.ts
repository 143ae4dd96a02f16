import { type HybridInput, hybridBreakEvenTokensPerMonth } from '../../calc/capacity/index.js';

/** Entries kept (least recently used dropped first): ~16 pairs per comparison, a few hundred bytes each. */
const MAX_ENTRIES = 5_000;
const memo = new Map<string, number | null>();
/** The key text of a weights array, by array (one comparison passes the same load shape for every pair), with the values it was made from. */
const weightKeys = new WeakMap<readonly number[], { values: number[]; key: string }>();

/** `weights.join(',')`, reused while the array holds the same values (checked: an array may be changed in place). */
function weightsKey(weights: readonly number[]): string {
  const known = weightKeys.get(weights);
  if (known && known.values.length === weights.length && known.values.every((v, i) => Object.is(v, weights[i]))) return known.key;
  const key = weights.join(',');
  weightKeys.set(weights, { values: [...weights], key });
  return key;
}

/**
 * `hybridBreakEvenTokensPerMonth` (src/calc/capacity/hybrid.ts), remembered per input. The
 * break-even volume does not depend on the workload's volume, only on the load shape, the output
 * share, the replica's capacity and costs and the API's price per token, so repeated comparisons,
 * re-evaluated scenarios and batch items that sweep volumes ask for the same value again; its
 * search (a bisection per replica count) was the largest single cost of a comparison. The key
 * holds every input the function reads, each number in its exact shortest form, so a hit returns
 * exactly what a computation would. Errors are not remembered (they are thrown again).
 */
export function hybridBreakEvenMemo(input: HybridInput): number | null {
  const key = [
    input.outputShare,
    input.replicaOutputTokensPerSecond,
    input.usdPerReplicaMonth,
    input.fixedUsdPerMonth,
    input.apiUsdPerToken,
    weightsKey(input.hourlyWeights),
  ].join('|');
  if (memo.has(key)) {
    const found = memo.get(key) as number | null;
    memo.delete(key);
    memo.set(key, found);
    return found;
  }
  const value = hybridBreakEvenTokensPerMonth(input);
  memo.set(key, value);
  if (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  return value;
}
