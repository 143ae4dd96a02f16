/**
 * Warnings attached to calculation results. They never stop a calculation; they tell the
 * caller which figures rest on shaky ground. Codes are stable identifiers for clients;
 * messages are for people.
 */

export const WARNING_CODES = [
  /** The model does not fit the hardware at any allowed tensor-parallel size. */
  'does-not-fit',
  /** No concurrency meets the requested per-user speed or latency target, even concurrency 1 (or the one the caller fixed). */
  'slo-unreachable',
  /** The requested concurrency exceeds what the KV cache can hold; it was lowered. */
  'concurrency-capped',
  /** The hardware figures are vendor claims; peak compute and bandwidth were discounted. */
  'vendor-claim-hardware',
  /** The model licence is not an OSI-approved permissive licence (`custom` or other). */
  'license-not-permissive',
  /** Input plus output tokens exceed the model's native context length. */
  'context-exceeds-native',
  /** A measured output tokens/s per GPU was supplied and replaces the modelled throughput. */
  'measured-throughput-used',
  /** A peak TFLOPS figure was missing for the precision used and was derived from another one. */
  'compute-peak-derived',
  /** A hybrid model has no `ssmStateElementsPerLayer`; its recurrent state was counted as zero. */
  'ssm-state-unknown',
  /** Profile figures are marked as estimates. */
  'estimated-figures',
  /** The monthly input/output token ratio differs from the per-request shape used for capacity. */
  'request-shape-mismatch',
  /** No operations staff cost was set; self-hosting excludes people costs. */
  'no-ops-cost',
  'capex-gpu-only',
  /** Hardware on a PCIe (or unknown) interconnect with tensor parallelism > 1. */
  'pcie-tensor-parallel',
  /** The request input exceeds the API offering's context window. */
  'api-context-exceeded',
  /** The requested weight precision is coarser than the model's native precision (quantised). */
  'quantised-weights',
  /** A price is older than PRICE_STALE_DAYS (added by src/history/freshness.ts, not by the core). */
  'stale-price',
] as const;

export type CalcWarningCode = (typeof WARNING_CODES)[number];

export interface CalcWarning {
  code: CalcWarningCode;
  message: string;
}

/**
 * Builds a warning record.
 *
 * @example
 * warning('does-not-fit', 'needs 9 GPUs'); // { code: 'does-not-fit', message: 'needs 9 GPUs' }
 */
export function warning(code: CalcWarningCode, message: string): CalcWarning {
  return { code, message };
}

/**
 * Concatenates warning lists, dropping exact duplicates (same code and message) while keeping
 * first-seen order.
 *
 * @example
 * mergeWarnings([a, b], [a, c]); // [a, b, c]
 */
export function mergeWarnings(...lists: readonly (readonly CalcWarning[])[]): CalcWarning[] {
  let total = 0;
  for (const list of lists) total += list.length;
  if (total <= SMALL_MERGE) return mergeFew(lists);
  const seen = new Set<string>();
  const out: CalcWarning[] = [];
  for (const list of lists) {
    for (const w of list) {
      const key = `${w.code}\u0000${w.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        out.push(w);
      }
    }
  }
  return out;
}

/** Up to this many warnings in all, duplicates are found by comparing with those kept (no key text per warning). */
const SMALL_MERGE = 16;

/** {@link mergeWarnings} for a few warnings (each costed candidate has a handful): the same result. */
function mergeFew(lists: readonly (readonly CalcWarning[])[]): CalcWarning[] {
  const out: CalcWarning[] = [];
  for (const list of lists) {
    for (const w of list) {
      let seen = false;
      for (const kept of out) {
        if (kept.code === w.code && kept.message === w.message) {
          seen = true;
          break;
        }
      }
      if (!seen) out.push(w);
    }
  }
  return out;
}
