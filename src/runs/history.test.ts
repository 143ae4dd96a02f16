import { describe, expect, it } from 'vitest';
import { runHistory } from './history.js';
import type { Run, RunCandidate } from './types.js';

const candidate = (label: string, monthlyCostUsd: number | null, type: 'api' | 'self-host' = 'api'): RunCandidate => ({
  label,
  type,
  excluded: null,
  fits: type === 'api' ? null : monthlyCostUsd !== null,
  monthlyCostUsd,
  usdPerMtok: { input: null, output: null, blended: null },
});
const run = (id: string, at: string, results: RunCandidate[], cheapest: string | null): Run => ({
  id,
  scenarioId: 's',
  number: 1,
  createdAt: at,
  trigger: 'api',
  actor: 'anonymous',
  status: 'ok',
  scheduledFor: null,
  scenarioVersion: 1,
  evaluation: { request: {}, profiles: [], results, cheapest, breakEven: [], warnings: [] },
  summary: null,
  changes: null,
  error: null,
});

describe('runHistory', () => {
  it('gives one series per candidate in order of first appearance and the cheapest of each run', () => {
    const h = runHistory([
      run('r1', '2026-12-01T00:00:00.000Z', [candidate('api', 100), candidate('gpu', 80, 'self-host')], 'gpu'),
      run('r2', '2026-12-02T00:00:00.000Z', [candidate('api', 70), candidate('gpu', null, 'self-host'), candidate('new', 90)], 'api'),
    ]);
    expect(h.series).toEqual([
      {
        label: 'api',
        type: 'api',
        points: [
          { runId: 'r1', at: '2026-12-01T00:00:00.000Z', monthlyCostUsd: 100 },
          { runId: 'r2', at: '2026-12-02T00:00:00.000Z', monthlyCostUsd: 70 },
        ],
      },
      {
        label: 'gpu',
        type: 'self-host',
        points: [
          { runId: 'r1', at: '2026-12-01T00:00:00.000Z', monthlyCostUsd: 80 },
          { runId: 'r2', at: '2026-12-02T00:00:00.000Z', monthlyCostUsd: null },
        ],
      },
      { label: 'new', type: 'api', points: [{ runId: 'r2', at: '2026-12-02T00:00:00.000Z', monthlyCostUsd: 90 }] },
    ]);
    expect(h.cheapest).toEqual([
      { runId: 'r1', at: '2026-12-01T00:00:00.000Z', label: 'gpu', monthlyCostUsd: 80 },
      { runId: 'r2', at: '2026-12-02T00:00:00.000Z', label: 'api', monthlyCostUsd: 70 },
    ]);
  });

  it('is empty without runs', () => {
    expect(runHistory([])).toEqual({ series: [], cheapest: [] });
  });
});
