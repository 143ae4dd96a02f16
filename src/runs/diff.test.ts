import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffRuns, percentChange, profileChanges, summarize } from './diff.js';
import type { RunBreakEven, RunCandidate, RunEvaluation } from './types.js';

const evaluation = (over: Partial<RunEvaluation> = {}): RunEvaluation => ({
  request: {},
  profiles: [
    { kind: 'apiOffering', id: 'openai-gpt-5', version: 1, values: { inputUsdPerMtok: 1.25, outputUsdPerMtok: 10 } },
    { kind: 'hardware', id: null, version: null, values: { memoryGb: 80 } },
  ],
  results: [
    { label: 'api', type: 'api', excluded: null, fits: null, monthlyCostUsd: 26150, usdPerMtok: { input: 1, output: 10, blended: 3 } },
    {
      label: 'gpu',
      type: 'self-host',
      excluded: null,
      fits: true,
      monthlyCostUsd: 16817.7,
      usdPerMtok: { input: 0.2, output: 7, blended: 2 },
    },
  ],
  cheapest: 'gpu',
  breakEven: [
    {
      selfHost: 'gpu',
      api: 'api',
      outcome: 'breaks-even',
      monthlyTokens: 5e9,
      monthlyApiSpendUsd: 16817.7,
      savingsAtCurrentVolumeUsd: 9332.3,
    },
  ],
  warnings: [],
  ...over,
});

describe('percentChange', () => {
  it('is (to − from) ÷ |from| × 100, null without a base', () => {
    expect(percentChange(26150, 20920)).toBe(-20);
    expect(percentChange(-100, -50)).toBe(50);
    expect(percentChange(0, 5)).toBeNull();
    expect(percentChange(null, 5)).toBeNull();
    expect(percentChange(5, null)).toBeNull();
  });
});

describe('diffRuns', () => {
  it('finds nothing between a run and itself (any costs)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.double({ min: 0, max: 1e9, noNaN: true }), (x, y) => {
        const e = evaluation();
        (e.results[0] as { monthlyCostUsd: number }).monthlyCostUsd = x;
        (e.results[1] as { monthlyCostUsd: number }).monthlyCostUsd = y;
        const d = diffRuns({ id: 'r1', scenarioVersion: 1, evaluation: e }, { scenarioVersion: 1, evaluation: structuredClone(e) });
        expect(d.changed).toBe(false);
      }),
    );
  });

  it('reports the price change, the cost change and the break-even move it caused', () => {
    const before = evaluation();
    const after = evaluation({
      profiles: [
        { kind: 'apiOffering', id: 'openai-gpt-5', version: 2, values: { inputUsdPerMtok: 1.25, outputUsdPerMtok: 8 } },
        before.profiles[1] as never,
      ],
      results: [{ ...(before.results[0] as RunCandidate), monthlyCostUsd: 20920 }, before.results[1] as never],
      breakEven: [{ ...(before.breakEven[0] as RunBreakEven), monthlyTokens: 6.25e9 }],
    });
    const d = diffRuns({ id: 'r1', scenarioVersion: 3, evaluation: before }, { scenarioVersion: 3, evaluation: after });
    expect(d).toEqual({
      previousRunId: 'r1',
      changed: true,
      cheapest: null,
      monthlyCost: [{ label: 'api', fromUsd: 26150, toUsd: 20920, changeUsd: -5230, changePercent: -20 }],
      breakEven: [
        {
          selfHost: 'gpu',
          api: 'api',
          fromOutcome: 'breaks-even',
          toOutcome: 'breaks-even',
          fromMonthlyTokens: 5e9,
          toMonthlyTokens: 6.25e9,
          changePercent: 25,
        },
      ],
      newlyExcluded: [],
      stoppedFitting: [],
      addedCandidates: [],
      removedCandidates: [],
      profileChanges: [
        {
          kind: 'apiOffering',
          id: 'openai-gpt-5',
          field: 'outputUsdPerMtok',
          from: 10,
          to: 8,
          text: 'openai-gpt-5.outputUsdPerMtok 10 -> 8',
        },
      ],
      scenarioVersion: null,
    });
  });

  it('reports a new cheapest option, exclusions, candidates that stopped fitting, and added or removed ones', () => {
    const before = evaluation();
    const after = evaluation({
      results: [
        { ...(before.results[0] as RunCandidate), excluded: 'licence', monthlyCostUsd: null },
        { ...(before.results[1] as RunCandidate), fits: false, monthlyCostUsd: null },
        { label: 'new', type: 'api', excluded: null, fits: null, monthlyCostUsd: 1, usdPerMtok: { input: 1, output: 1, blended: 1 } },
      ],
      cheapest: 'new',
      breakEven: [],
    });
    const d = diffRuns({ id: 'r1', scenarioVersion: 1, evaluation: before }, { scenarioVersion: 2, evaluation: after });
    expect(d.cheapest).toEqual({ from: 'gpu', to: 'new' });
    expect(d.newlyExcluded).toEqual([{ label: 'api', reason: 'licence' }]);
    expect(d.stoppedFitting).toEqual(['gpu']);
    expect(d.addedCandidates).toEqual(['new']);
    expect(d.removedCandidates).toEqual([]);
    expect(d.scenarioVersion).toEqual({ from: 1, to: 2 });
    expect(d.monthlyCost.map((c) => [c.label, c.changeUsd])).toEqual([
      ['api', null],
      ['gpu', null],
    ]);
  });
});

describe('profileChanges', () => {
  it('compares stored profiles by kind and id, field by field, and ignores inline ones', () => {
    const changes = profileChanges(
      [
        { kind: 'hardware', id: 'h100', version: 1, values: { usdPerGpuHour: 2.49, tdpWatts: 700 } },
        { kind: 'model', id: null, version: null, values: { numLayers: 32 } },
      ],
      [
        { kind: 'hardware', id: 'h100', version: 2, values: { usdPerGpuHour: 1.99, interconnect: 'NVLink 4' } },
        { kind: 'model', id: null, version: null, values: { numLayers: 40 } },
      ],
    );
    expect(changes.map((c) => c.text)).toEqual([
      'h100.interconnect null -> NVLink 4',
      'h100.tdpWatts 700 -> null',
      'h100.usdPerGpuHour 2.49 -> 1.99',
    ]);
  });
});

describe('summarize', () => {
  it('keeps cheapest, cost per candidate and break-even per pair', () => {
    expect(summarize(evaluation())).toEqual({
      cheapest: 'gpu',
      monthlyCostUsd: [
        { label: 'api', monthlyCostUsd: 26150 },
        { label: 'gpu', monthlyCostUsd: 16817.7 },
      ],
      breakEven: [{ selfHost: 'gpu', api: 'api', outcome: 'breaks-even', monthlyTokens: 5e9 }],
    });
  });
});
