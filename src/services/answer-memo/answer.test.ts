import { describe, expect, it } from 'vitest';
import { referenceCatalog } from '../../../test/helpers/reference-catalog.js';
import type { AgedProfileUse } from '../../history/freshness.js';
import { compareRequestSchema } from '../../schemas/compare.js';
import { type ComparisonResult, CostModelCache } from '../comparison.js';
import { presentedComparison } from './answer.js';
import { AnswerMemo } from './memo.js';

const request = compareRequestSchema.parse({
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } },
  ],
});

const at = (iso: string) => new Date(iso);

describe('presentedComparison with the answer memo', () => {
  it('answers exactly what the computation without the memo answers, in every mode, and repeats from the memo', async () => {
    const { catalog } = referenceCatalog();
    const snapshot = await catalog.snapshot();
    const memo = new AnswerMemo<ComparisonResult>(16);
    const modes = [
      { detail: 'full' as const },
      { detail: 'none' as const },
      { detail: 'full' as const, freshness: { at: at('2026-12-02T10:00:00Z'), staleDays: 90 } },
      { detail: 'none' as const, freshness: { at: at('2026-12-02T10:00:00Z'), staleDays: 90 } },
    ];
    for (const mode of modes) {
      const fresh = presentedComparison(request, snapshot, mode, { costModels: new CostModelCache() });
      // Asked once: computed, not stored; asked again: computed and stored; then served from the memo.
      const [first, second, repeat] = [1, 2, 3].map(() =>
        presentedComparison(request, snapshot, mode, { costModels: new CostModelCache(), memo }),
      );
      expect(JSON.stringify(first)).toBe(JSON.stringify(fresh));
      expect(JSON.stringify(second)).toBe(JSON.stringify(fresh));
      expect(repeat).toBe(second);
    }
    expect({ hits: memo.hits, misses: memo.misses }).toEqual({ hits: 4, misses: 8 });
  });

  it('hits within one UTC day and misses on the next day or another stale threshold', async () => {
    const snapshot = await referenceCatalog().catalog.snapshot();
    const memo = new AnswerMemo<ComparisonResult>(16);
    const deps = { costModels: new CostModelCache(), memo };
    const answer = (iso: string, staleDays = 90) =>
      presentedComparison(request, snapshot, { detail: 'full', freshness: { at: at(iso), staleDays } }, deps);
    answer('2026-12-02T00:00:00Z');
    const morning = answer('2026-12-02T00:00:00Z'); // the second request stores it
    expect(answer('2026-12-02T23:59:59.999Z')).toBe(morning);
    const nextDay = answer('2026-12-03T00:00:00Z');
    expect(nextDay).not.toBe(morning);
    // With freshness the answer carries price ages.
    const ages = (a: ComparisonResult) => (a.profiles as AgedProfileUse[]).map((p) => p.priceAgeDays);
    expect(ages(nextDay)).not.toEqual(ages(morning));
    expect(answer('2026-12-02T12:00:00Z', 30)).not.toBe(morning);
    expect({ hits: memo.hits, misses: memo.misses }).toEqual({ hits: 1, misses: 4 });
  });

  it('a reloaded catalogue is a miss that reflects the changed price; a snapshot without a version is never memoised', async () => {
    const { catalog, state } = referenceCatalog();
    const memo = new AnswerMemo<ComparisonResult>(16);
    const deps = { costModels: new CostModelCache(), memo };
    presentedComparison(request, await catalog.snapshot(), { detail: 'none' }, deps);
    const before = presentedComparison(request, await catalog.snapshot(), { detail: 'none' }, deps); // stored
    state.offerings = state.offerings.map((o) => (o.id === 'openai-gpt-5' ? { ...o, inputUsdPerMtok: o.inputUsdPerMtok * 2 } : o));
    catalog.invalidate('apiOfferings');
    const after = presentedComparison(request, await catalog.snapshot(), { detail: 'none' }, deps);
    expect(after.results[0]?.monthlyCostUsd).toBeGreaterThan(before.results[0]?.monthlyCostUsd as number);
    expect({ hits: memo.hits, misses: memo.misses, size: memo.size }).toEqual({ hits: 0, misses: 3, size: 1 });

    const handMade = { ...(await catalog.snapshot()) };
    for (let i = 0; i < 3; i++) presentedComparison(request, handMade, { detail: 'none' }, deps);
    expect({ hits: memo.hits, misses: memo.misses, size: memo.size }).toEqual({ hits: 0, misses: 3, size: 1 });
  });
});
