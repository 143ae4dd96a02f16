import { type HybridInput, hybridBreakEvenTokensPerMonth } from '../../calc/capacity/index.js';
import { Lru } from '../lru.js';

/** Entries kept (least recently used dropped first, see Lru): ~16 pairs per comparison, a few dozen bytes of key each. */
const memo = new Lru<number | null>(5_000);

/**
 * Weights arrays seen, by their text (`weights.join(',')`) → a number that names them in memo
 * keys. Numbers are never reused: when the table is full it is emptied and numbering goes on, so
 * a number always means the one weights text it was given for (memo entries keyed by a number no
 * longer in the table are never hit again and age out).
 */
const weightIds = new Map<string, number>();
const MAX_WEIGHT_IDS = 1_000;
let nextWeightId = 0;

/** The id of a weights array, by array (one comparison passes the same load shape for every pair), with the values it was made from. */
const weightKeys = new WeakMap<readonly number[], { values: number[]; id: number }>();

/** The id of `weights`' values, reused while the array holds the same values (checked: an array may be changed in place). */
function weightsId(weights: readonly number[]): number {
  const known = weightKeys.get(weights);
  if (known && known.values.length === weights.length && known.values.every((v, i) => Object.is(v, weights[i]))) return known.id;
  const text = weights.join(',');
  let id = weightIds.get(text);
  if (id === undefined) {
    if (weightIds.size >= MAX_WEIGHT_IDS) weightIds.clear();
    id = nextWeightId++;
    weightIds.set(text, id);
  }
  weightKeys.set(weights, { values: [...weights], id });
  return id;
}

/** The five numbers of a key, as their exact IEEE-754 bits (20 UTF-16 units): no number-to-text conversion. */
const bits = new Float64Array(5);
const bitUnits = new Uint16Array(bits.buffer);

/**
 * `hybridBreakEvenTokensPerMonth` (src/calc/capacity/hybrid.ts), remembered per input. The
 * break-even volume does not depend on the workload's volume, only on the load shape, the output
 * share, the replica's capacity and costs and the API's price per token, so repeated comparisons,
 * re-evaluated scenarios and batch items that sweep volumes ask for the same value again; its
 * search (a bisection per replica count) was the largest single cost of a comparison. The key
 * holds every input the function reads, each number by its exact bits (so a hit returns exactly
 * what a computation would) and the weights by the id of their values. Errors are not remembered
 * (they are thrown again).
 */
export function hybridBreakEvenMemo(input: HybridInput): number | null {
  bits[0] = input.outputShare;
  bits[1] = input.replicaOutputTokensPerSecond;
  bits[2] = input.usdPerReplicaMonth;
  bits[3] = input.fixedUsdPerMonth;
  bits[4] = input.apiUsdPerToken;
  const u = bitUnits;
  const key = `${String.fromCharCode(u[0] as number, u[1] as number, u[2] as number, u[3] as number, u[4] as number, u[5] as number, u[6] as number, u[7] as number, u[8] as number, u[9] as number)}${String.fromCharCode(u[10] as number, u[11] as number, u[12] as number, u[13] as number, u[14] as number, u[15] as number, u[16] as number, u[17] as number, u[18] as number, u[19] as number)}|${weightsId(input.hourlyWeights)}`;
  const found = memo.get(key);
  if (found !== undefined) return found;
  const value = hybridBreakEvenTokensPerMonth(input);
  memo.set(key, value);
  return value;
}
