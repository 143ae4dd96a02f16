import { type ResolvedWorkload, type SelfHostCostModel, selfHostCostModel } from '../../calc/index.js';
import type { ProfileMeta } from '../../domain/profiles.js';
import type { PreparedSelfHost, ReplicaModels } from './candidates.js';

/**
 * Memo of the core's `selfHostCostModel` (the replica: fit, tensor-parallel size, throughput)
 * across requests. The replica does not depend on volume, so comparisons that repeat a candidate
 * — batch items sweeping volumes, scheduled scenario re-runs — model it once.
 *
 * The key holds everything the replica depends on: the stored profiles' id, version and
 * updatedAt (a changed profile is a new key, so nothing stale is ever served; inline profiles
 * are keyed by their content), the pricing mode, deployment choices, assumption overrides and
 * the request shape. Least recently used entries are dropped beyond `maxEntries`.
 */
export class CostModelCache implements ReplicaModels {
  private readonly entries = new Map<string, SelfHostCostModel>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 2000) {}

  get(c: PreparedSelfHost, workload: ResolvedWorkload): SelfHostCostModel {
    const key = cacheKey(c, workload);
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const model = selfHostCostModel(c.candidate, workload);
    this.entries.set(key, model);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return model;
  }

  get size(): number {
    return this.entries.size;
  }
}

function profileKey(p: Partial<ProfileMeta> & object): string {
  return p.version !== undefined && p.updatedAt !== undefined ? `${p.id}@${p.version}@${p.updatedAt}` : JSON.stringify(p);
}

function cacheKey(c: PreparedSelfHost, w: ResolvedWorkload): string {
  const k = c.candidate;
  return [
    profileKey(c.model),
    profileKey(c.hardware),
    k.pricing,
    JSON.stringify(k.deployment ?? null),
    JSON.stringify(k.assumptions ?? null),
    k.reasoningTokensPerRequest ?? 0,
    w.inputTokensPerRequest,
    w.outputTokensPerRequest,
    w.cachedInputShare,
  ].join('|');
}
