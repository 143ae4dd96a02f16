import { describe, expect, it } from 'vitest';
import { readReferenceData } from '../../db/reference-data.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../../domain/profiles.js';
import { compareRequestSchema } from '../../schemas/compare.js';
import { assumptionsKey, BasisMemo } from '../basis-memo.js';
import { planCapacity } from '../capacity/plan.js';
import type { CatalogSnapshot } from '../catalog.js';
import { type PreparedSelfHost, prepareComparison } from './candidates.js';
import { CostModelCache } from './cost-model-cache.js';

function snapshot(): CatalogSnapshot {
  const data = readReferenceData();
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const byId = <T>(items: { id: string }[]) => new Map(items.map((i) => [i.id, { ...meta, ...i } as unknown as T]));
  return {
    hardware: byId<HardwareProfile>(data.hardware as { id: string }[]),
    models: byId<ModelProfile>(data.models as { id: string }[]),
    apiOfferings: byId<ApiOffering>(data.apiOfferings as { id: string }[]),
  };
}

/** The planned self-host candidate of a one-candidate comparison, and its workload. */
function planned() {
  const request = compareRequestSchema.parse({
    workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
    candidates: [{ type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'owned' } }],
  });
  const { prepared } = planCapacity(prepareComparison(request, snapshot()), request);
  return { c: prepared.candidates[0] as PreparedSelfHost, workload: prepared.workload };
}

function withBasis(c: PreparedSelfHost, basis: string): PreparedSelfHost {
  return { ...c, candidate: { ...c.candidate, assumptions: { ...c.candidate.assumptions, platformCapexBasis: basis } } };
}

describe('CostModelCache', () => {
  it('serves a remembered model only for the same platformCapexBasis (compared on a hit, not keyed)', () => {
    const { c, workload } = planned();
    expect(c.candidate.assumptions?.platformCapexBasis).toEqual(expect.any(String));
    const cache = new CostModelCache();
    const a = withBasis(c, 'basis A');
    const b = withBasis(c, 'basis B');
    expect(cache.get(a, workload).deployment.assumptions.platformCapexBasis).toBe('basis A');
    expect(cache.get(b, workload).deployment.assumptions.platformCapexBasis).toBe('basis B');
    expect(cache.get(b, workload).deployment.assumptions.platformCapexBasis).toBe('basis B');
    expect(cache.get(a, workload).deployment.assumptions.platformCapexBasis).toBe('basis A');
    expect({ hits: cache.hits, misses: cache.misses, size: cache.size }).toEqual({ hits: 1, misses: 3, size: 1 });
  });

  it('remembers a model across requests: the second identical request is a hit', () => {
    const cache = new CostModelCache();
    const first = planned();
    const again = planned();
    const model = cache.get(first.c, first.workload);
    expect(cache.get(again.c, again.workload)).toBe(model);
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 1 });
  });
});

describe('BasisMemo and assumptionsKey', () => {
  it('keys overrides by their JSON, a platformCapexBasis only by its presence', () => {
    expect(assumptionsKey(undefined)).toBe('null');
    expect(assumptionsKey({ opsUsdPerMonth: 0 })).toBe('{"opsUsdPerMonth":0}');
    const a = assumptionsKey({ opsUsdPerMonth: 0, platformCapexBasis: 'A', platformCapexUsdPerGpu: 1 });
    expect(a).toBe(assumptionsKey({ opsUsdPerMonth: 0, platformCapexBasis: 'B', platformCapexUsdPerGpu: 1 }));
    expect(a).not.toBe(assumptionsKey({ opsUsdPerMonth: 0, platformCapexUsdPerGpu: 1 }));
    expect(a).not.toBe(assumptionsKey({ opsUsdPerMonth: 0, platformCapexBasis: 'A', platformCapexUsdPerGpu: 2 }));
  });

  it('computes again when the remembered basis differs, and remembers the new one', () => {
    const memo = new BasisMemo<null>();
    const computed: string[] = [];
    const sizing = (tag: string) => () => {
      computed.push(tag);
      return null;
    };
    memo.get('k', 'A', sizing('A'));
    memo.get('k', 'A', sizing('A again'));
    memo.get('k', 'B', sizing('B'));
    memo.get('k', 'B', sizing('B again'));
    memo.get('k', undefined, sizing('none'));
    expect(computed).toEqual(['A', 'B', 'none']);
    expect({ hits: memo.hits, misses: memo.misses }).toEqual({ hits: 2, misses: 3 });
  });
});
