import { type ResolvedWorkload, type SelfHostCostModel, selfHostCostModel } from '../../calc/index.js';
import { assumptionsKey, BasisMemo, profileKey } from '../basis-memo.js';
import type { PreparedSelfHost, ReplicaModels } from './candidates.js';

/**
 * Memo of the core's `selfHostCostModel` (the replica: fit, tensor-parallel size, throughput)
 * across requests. The replica does not depend on volume, so comparisons that repeat a candidate
 * — batch items sweeping volumes, scheduled scenario re-runs — model it once.
 *
 * The key holds everything the replica depends on: the stored profiles' id, version and
 * updatedAt (a changed profile is a new key, so nothing stale is ever served; inline profiles
 * are keyed by their content), the pricing mode, deployment choices, assumption overrides (their
 * long platformCapexBasis text is compared on a hit rather than keyed) and the request shape.
 * Least recently used entries are dropped beyond `maxEntries` (see Lru).
 */
export class CostModelCache implements ReplicaModels {
  private readonly memo: BasisMemo<SelfHostCostModel>;

  constructor(maxEntries = 2000) {
    this.memo = new BasisMemo(maxEntries);
  }

  get(c: PreparedSelfHost, workload: ResolvedWorkload): SelfHostCostModel {
    return this.memo.get(cacheKey(c, workload), c.candidate.assumptions?.platformCapexBasis, () =>
      selfHostCostModel(c.candidate, workload),
    );
  }

  get hits(): number {
    return this.memo.hits;
  }

  get misses(): number {
    return this.memo.misses;
  }

  get size(): number {
    return this.memo.size;
  }
}

/** Everything the replica depends on but the overrides' platformCapexBasis, which is compared on a hit (see assumptionsKey). */
function cacheKey(c: PreparedSelfHost, w: ResolvedWorkload): string {
  const k = c.candidate;
  return [
    profileKey(c.model),
    profileKey(c.hardware),
    k.pricing,
    JSON.stringify(k.deployment ?? null),
    assumptionsKey(k.assumptions),
    k.reasoningTokensPerRequest ?? 0,
    w.inputTokensPerRequest,
    w.outputTokensPerRequest,
    w.cachedInputShare,
  ].join('|');
}
