import type { HistoryChartInput } from '../../charts/history-chart.js';
import type { ChartInputs, ChartKind } from '../../charts/render-kinds.js';
import { UnprocessableError } from '../../errors.js';
import { present } from '../../http/present.js';
import { hybridProfile } from '../capacity/hybrid-profile.js';
import type { CatalogSnapshot } from '../catalog.js';
import type { ReplicaModels } from '../comparison/candidates.js';
import { breakEvenCurves, type CurveOptions } from '../curves.js';
import { checkedRequest } from '../scenarios/stored-request.js';
import { type SensitivityOptions, scenarioSensitivity } from '../sensitivity.js';

/**
 * What a chart shows, as plain data that crosses to a chart worker thread: the saved scenario
 * (name and stored request) and the query for the charts computed from the profiles, or the
 * finished input of the history chart (computed from stored runs by the route).
 */
export type ChartJob =
  | { kind: 'break-even'; scenario: ChartScenario; options: CurveOptions }
  | { kind: 'tornado'; scenario: ChartScenario; options: SensitivityOptions }
  | { kind: 'hybrid'; scenario: ChartScenario; labels: HybridLabels }
  | { kind: 'history'; input: HistoryChartInput };

/** The parts of a saved scenario a chart uses. */
export interface ChartScenario {
  name: string;
  request: Record<string, unknown>;
}

/** The self-host × API pair of a hybrid chart, by label (default: the cheapest hybrid plan). */
export interface HybridLabels {
  selfHost?: string | undefined;
  api?: string | undefined;
}

/** Whether the job is computed from the profile catalogue (every kind but `history`). */
export function needsCatalog(job: ChartJob): boolean {
  return job.kind !== 'history';
}

/**
 * The renderer input of `job`: the break-even curves, the tornado or the hybrid plan of the
 * scenario with the profiles of `snapshot` (rounded for display as the JSON routes are), or the
 * history input as given. Pure: no I/O.
 *
 * @throws {UnprocessableError} the stored request is no longer valid, names a missing profile,
 *   or has nothing to draw (hybrid); {BadRequestError} a query that does not fit the scenario
 *   (empty volume range, unknown label).
 */
export function chartInput(job: ChartJob, snapshot: CatalogSnapshot | undefined, models: ReplicaModels): ChartInputs[ChartKind] {
  if (job.kind === 'history') return job.input;
  if (!snapshot) throw new Error(`A ${job.kind} chart needs the profile catalogue.`);
  const { scenario } = job;
  const request = checkedRequest(scenario.request);
  switch (job.kind) {
    case 'break-even': {
      const data = present(breakEvenCurves(request, snapshot, job.options, models));
      return {
        title: `Monthly cost vs volume — scenario "${scenario.name}"`,
        series: data.series.map((x) => ({
          label: x.label,
          type: x.type,
          points: x.points.flatMap((p) =>
            p.monthlyCostUsd === null ? [] : [{ monthlyTokens: p.monthlyTokens, monthlyCostUsd: p.monthlyCostUsd }],
          ),
        })),
        breakEvenPoints: data.breakEvenPoints,
      } satisfies ChartInputs['break-even'];
    }
    case 'tornado': {
      const data = present(scenarioSensitivity(request, snapshot, job.options, models));
      const byCost = data.sortBy === 'monthlyCost';
      // A pair that never breaks even at the scenario's inputs charts no break-even volumes (they would be meaningless).
      const breaks = data.breakEven === 'breaks-even';
      const metricOf = (m: { selfHostMonthlyCostUsd: number | null; breakEvenMonthlyTokens: number | null }) =>
        (byCost ? m.selfHostMonthlyCostUsd : breaks ? m.breakEvenMonthlyTokens : null) ?? Number.NaN;
      const verdict = breaks ? '' : data.breakEven === 'never' ? ' — never breaks even' : ' — does not fit';
      return {
        title: `Sensitivity — ${data.selfHost} vs ${data.api} (scenario "${scenario.name}")${verdict}`,
        metric: byCost ? 'Monthly cost of the self-host option (USD)' : 'Break-even volume (tokens/month)',
        valueFormat: byCost ? ('usd' as const) : ('si' as const),
        baseline: metricOf(data.base),
        bars: data.bars.map((b) => ({
          parameter: b.parameter,
          lowLabel: String(b.lowValue),
          highLabel: String(b.highValue),
          lowValue: metricOf(b.low),
          highValue: metricOf(b.high),
        })),
      } satisfies ChartInputs['tornado'];
    }
    case 'hybrid': {
      const profile = hybridProfile(request, snapshot, job.labels, models);
      if (profile === null) {
        throw new UnprocessableError('Nothing to draw: the scenario needs a fitting self-host candidate and an API candidate.', [
          { field: 'candidates', message: 'no self-host × API pair with a fitting self-host model' },
        ]);
      }
      const share = Math.round(profile.selfHostedTokenShare * 100);
      const replicas = `${profile.replicas} replica${profile.replicas === 1 ? '' : 's'}`;
      return {
        title: `Hybrid plan over the day — "${profile.selfHost}" (${replicas}, ${share} % of tokens) + "${profile.api}" — scenario "${scenario.name}"`,
        hours: profile.hours,
      } satisfies ChartInputs['hybrid'];
    }
  }
}
