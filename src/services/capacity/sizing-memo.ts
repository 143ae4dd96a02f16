import type { SloSizedCandidate } from '../../calc/capacity/index.js';
import type { ProfileMeta } from '../../domain/profiles.js';

/**
 * Memo of SLO sizings across requests (least recently used dropped beyond `maxEntries`). A sizing
 * evaluates a few dozen replica configurations (milliseconds); repeated comparisons — scenario
 * re-runs, dashboards, batch items with the same workload — then cost microseconds. The key holds
 * everything a sizing depends on: the stored profiles' id, version and updatedAt (inline profiles
 * by content), pricing mode, deployment choices, assumption overrides, request shape, monthly
 * output, peak ratio, SLO, utilisation and spares.
 */
export class SizingMemo {
  private readonly entries = new Map<string, SloSizedCandidate | null>();

  constructor(private readonly maxEntries = 2000) {}

  get(key: string, compute: () => SloSizedCandidate | null): SloSizedCandidate | null {
    if (this.entries.has(key)) {
      const found = this.entries.get(key) as SloSizedCandidate | null;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const value = compute();
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}

/** A profile's identity for a memo key: id@version@updatedAt when stored, else its content. */
export function profileKey(p: Partial<ProfileMeta> & object): string {
  return p.version !== undefined && p.updatedAt !== undefined
    ? `${(p as { id?: string }).id}@${p.version}@${p.updatedAt}`
    : JSON.stringify(p);
}
