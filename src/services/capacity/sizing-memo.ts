import type { SloSizedCandidate } from '../../calc/capacity/index.js';
import type { AssumptionOverrides } from '../../calc/index.js';
import type { ProfileMeta } from '../../domain/profiles.js';
import { Lru } from '../lru.js';

/** The `platformCapexBasis` of a candidate's assumption overrides, compared on a memo hit (see {@link assumptionsKey}). */
export type Basis = AssumptionOverrides['platformCapexBasis'];

/**
 * Memo of SLO sizings across requests (least recently used dropped beyond `maxEntries`, see
 * Lru). A sizing evaluates a few dozen replica configurations (milliseconds); repeated comparisons — scenario
 * re-runs, dashboards, batch items with the same workload — then cost microseconds. The key holds
 * everything a sizing depends on: the stored profiles' id, version and updatedAt (inline profiles
 * by content), pricing mode, deployment choices, assumption overrides, request shape, monthly
 * output, peak ratio, SLO, utilisation and spares — the overrides' `platformCapexBasis` text
 * apart, which is compared on a hit instead (see {@link assumptionsKey}).
 */
export class SizingMemo {
  private readonly entries: Lru<{ basis: Basis; value: SloSizedCandidate | null }>;

  constructor(maxEntries = 2000) {
    this.entries = new Lru(maxEntries);
  }

  /** The sizing for `key` and the overrides' `basis` (their platformCapexBasis), computed by `compute` unless remembered. */
  get(key: string, basis: Basis, compute: () => SloSizedCandidate | null): SloSizedCandidate | null {
    const found = this.entries.get(key);
    if (found !== undefined && found.basis === basis) return found.value;
    const value = compute();
    this.entries.set(key, { basis, value });
    return value;
  }
}

/** A profile's identity for a memo key: id@version@updatedAt when stored, else its content. */
export function profileKey(p: Partial<ProfileMeta> & object): string {
  return p.version !== undefined && p.updatedAt !== undefined
    ? `${(p as { id?: string }).id}@${p.version}@${p.updatedAt}`
    : JSON.stringify(p);
}

/**
 * The assumption overrides' part of a memo key: their JSON, except that a `platformCapexBasis`
 * is only marked as present. That text (where platformCapexUsdPerGpu came from, hundreds of
 * characters) was most of every key, to build, hash and compare for each self-host candidate of
 * each request; the memos compare it with the remembered entry's on a hit instead (the same
 * string object from request to request for a class default, so that compare is one pointer).
 *
 * @example
 * assumptionsKey({ opsUsdPerMonth: 0, platformCapexBasis: 'H100 platform share …' }); // '{"opsUsdPerMonth":0}+basis'
 */
export function assumptionsKey(a: AssumptionOverrides | undefined): string {
  if (a === undefined) return 'null';
  if (a.platformCapexBasis === undefined) return JSON.stringify(a);
  const rest: Record<string, unknown> = {};
  for (const k in a) if (k !== 'platformCapexBasis') rest[k] = a[k as keyof AssumptionOverrides];
  return `${JSON.stringify(rest)}+basis`;
}
