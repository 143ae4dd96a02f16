import type { AssumptionOverrides } from '../calc/index.js';
import type { ProfileMeta } from '../domain/profiles.js';
import { Lru } from './lru.js';

/** The `platformCapexBasis` of a candidate's assumption overrides, compared on a memo hit (see {@link assumptionsKey}). */
export type Basis = AssumptionOverrides['platformCapexBasis'];

/**
 * A memo of engine results across requests, the one shape behind the SLO sizings
 * (src/services/capacity/plan.ts) and the replica models (CostModelCache): a string key built
 * with {@link profileKey} and {@link assumptionsKey} holds everything the result depends on but
 * the overrides' `platformCapexBasis` text, which is compared on a hit instead; least recently
 * used entries are dropped beyond `maxEntries` (see Lru). Counts its hits and misses.
 */
export class BasisMemo<V> {
  private readonly entries: Lru<{ basis: Basis; value: V }>;
  hits = 0;
  misses = 0;

  constructor(maxEntries = 2000) {
    this.entries = new Lru(maxEntries);
  }

  /** The value for `key` and the overrides' `basis`, computed by `compute` unless remembered. */
  get(key: string, basis: Basis, compute: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined && found.basis === basis) {
      this.hits++;
      return found.value;
    }
    this.misses++;
    const value = compute();
    this.entries.set(key, { basis, value });
    return value;
  }

  get size(): number {
    return this.entries.size;
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
