import { describe, expect, it } from 'vitest';
import { referenceCatalogSnapshot } from '../../test/helpers/reference-catalog.js';
import { AnswerMemo } from './answer-memo/memo.js';
import { evaluateBatchItem, outcomeJson } from './batch-items.js';
import { type ComparisonResult, CostModelCache } from './comparison.js';

const referenceSnapshot = () => referenceCatalogSnapshot();

const item = {
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-h100-sxm' },
  ],
};

describe('outcomeJson', () => {
  it('writes exactly JSON.stringify(outcome): memoised, computed afresh, invalid and failing items', async () => {
    const snapshot = await referenceSnapshot();
    const memo = new AnswerMemo<ComparisonResult>(8);
    const withMemo = { costModels: new CostModelCache(), memo };
    const freshness = { at: new Date('2026-12-02T12:00:00Z'), staleDays: 90 };
    const outcomes = [
      evaluateBatchItem(item, 0, snapshot, withMemo, 'full', freshness),
      evaluateBatchItem(item, 7, snapshot, withMemo, 'full', freshness),
      evaluateBatchItem(item, 9, snapshot, withMemo, 'full', freshness),
      evaluateBatchItem(item, 2, snapshot, { costModels: new CostModelCache() }, 'none'),
      evaluateBatchItem({ workload: {} }, 3, snapshot, withMemo, 'full', freshness),
      evaluateBatchItem({ ...item, candidates: [{ type: 'api', offering: 'no-such-offering' }] }, 4, snapshot, withMemo, 'full'),
    ];
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true, false, false]);
    expect(memo.hits).toBe(1);
    for (const o of outcomes) expect(outcomeJson(o)).toBe(JSON.stringify(o));
  });
});
