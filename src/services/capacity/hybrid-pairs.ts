import {
  type HybridInput,
  type HybridPlan,
  hybridBreakEvenTokensPerMonth,
  optimalHybridCosts,
  optimalHybridPlan,
} from '../../calc/capacity/index.js';
import { type ApiWorkloadCost, gpuCost, type ResolvedWorkload, totalTokensPerMonth } from '../../calc/index.js';
import { asRequestField, type PreparedApi, type PreparedCandidate, type PreparedSelfHost } from '../comparison/candidates.js';
import type { CandidateCosts } from '../comparison/ranking.js';
import type { HybridEntry } from './hybrid-entry.js';

export type { HybridEntry } from './hybrid-entry.js';

/** What a pair's hybrid input takes from the self-host side: the same for every API it is paired with. */
interface SelfHostSide {
  volume: number;
  outputShare: number;
  replicaOutputTokensPerSecond: number;
  usdPerReplicaMonth: number;
  fixedUsdPerMonth: number;
  maxReplicas: number;
}

function selfHostSide(s: PreparedSelfHost, workload: ResolvedWorkload, costs: CandidateCosts): SelfHostSide | null {
  const self = costs.selfHost.get(s);
  if (!self?.fits) return null;
  const volume = totalTokensPerMonth(workload);
  const ops = self.assumptions.opsUsdPerMonth;
  return {
    volume,
    outputShare: workload.outputTokensPerMonth / volume,
    replicaOutputTokensPerSecond: self.replicaOutputTokensPerSecond * self.assumptions.targetUtilization,
    usdPerReplicaMonth: gpuCost(s.candidate.hardware, self.gpusPerReplica, s.candidate.pricing, self.assumptions).totalUsdPerMonth - ops,
    fixedUsdPerMonth: ops,
    maxReplicas: self.replicas - self.spareReplicas,
  };
}

function pairInput(side: SelfHostSide, api: ApiWorkloadCost, loadShape: number[]): HybridInput {
  return {
    hourlyWeights: loadShape,
    tokensPerMonth: side.volume,
    outputShare: side.outputShare,
    replicaOutputTokensPerSecond: side.replicaOutputTokensPerSecond,
    usdPerReplicaMonth: side.usdPerReplicaMonth,
    fixedUsdPerMonth: side.fixedUsdPerMonth,
    apiUsdPerToken: api.totalUsdPerMonth / side.volume,
    maxReplicas: side.maxReplicas,
  };
}

/**
 * The engine inputs of the hybrid plan for a pair, or null when the self-host model does not fit.
 * Replica capacity K = the replica's output tokens/s × its (SLO-planned) target utilisation, the
 * same capacity the self-host cost is sized with; replica cost and operations as in break-even.
 */
export function hybridInput(
  s: PreparedSelfHost,
  a: PreparedApi,
  workload: ResolvedWorkload,
  costs: CandidateCosts,
  loadShape: number[],
): HybridInput | null {
  const api = costs.api.get(a);
  const side = selfHostSide(s, workload, costs);
  if (!api || side === null) return null;
  return pairInput(side, api, loadShape);
}

/** The cost-minimising hybrid plan of a pair with its hourly profile, or null when the model does not fit. */
export function hybridPlanFor(
  s: PreparedSelfHost,
  a: PreparedApi,
  workload: ResolvedWorkload,
  costs: CandidateCosts,
  loadShape: number[],
): HybridPlan | null {
  const input = hybridInput(s, a, workload, costs, loadShape);
  return input === null ? null : asRequestField(`candidates.${s.index}.`, () => optimalHybridPlan(input));
}

/**
 * One hybrid plan per included self-host × API pair, in the order of the break-even pairs
 * (self-host outer, API inner). docs/capacity.md §5.
 */
export function hybridPairs(
  included: PreparedCandidate[],
  workload: ResolvedWorkload,
  costs: CandidateCosts,
  loadShape: number[],
): HybridEntry[] {
  const entries: HybridEntry[] = [];
  for (const s of included) {
    if (s.type !== 'self-host') continue;
    // The self-host side of the inputs (its GPU cost among them) is the same for every API:
    // worked out at the first one.
    let side: SelfHostSide | null | undefined;
    const selfCost = costs.selfHost.get(s);
    const selfUsd = selfCost?.fits ? selfCost.totalUsdPerMonth : null;
    for (const a of included) {
      if (a.type !== 'api') continue;
      const api = costs.api.get(a);
      const apiUsd = api?.totalUsdPerMonth ?? 0;
      if (api !== undefined && side === undefined) side = selfHostSide(s, workload, costs);
      if (api === undefined || side === null || side === undefined) {
        entries.push({
          selfHost: s.label,
          selfHostIndex: s.index,
          api: a.label,
          apiIndex: a.index,
          fits: false,
          replicas: 0,
          monthlyCostUsd: apiUsd,
          selfHostMonthlyCostUsd: 0,
          apiMonthlyCostUsd: apiUsd,
          selfHostedTokenShare: 0,
          savingsVsApiUsd: 0,
          savingsVsSelfHostUsd: null,
          breakEvenMonthlyTokens: null,
        });
        continue;
      }
      const input = pairInput(side, api, loadShape);
      // The figures only: the hour-by-hour profile is the chart's (hybridPlanFor), not the comparison's.
      const plan = asRequestField(`candidates.${s.index}.`, () => optimalHybridCosts(input));
      entries.push({
        selfHost: s.label,
        selfHostIndex: s.index,
        api: a.label,
        apiIndex: a.index,
        fits: true,
        replicas: plan.replicas,
        monthlyCostUsd: plan.totalUsdPerMonth,
        selfHostMonthlyCostUsd: plan.selfHostUsdPerMonth,
        apiMonthlyCostUsd: plan.apiUsdPerMonth,
        selfHostedTokenShare: plan.selfHostedTokenShare,
        savingsVsApiUsd: apiUsd - plan.totalUsdPerMonth,
        savingsVsSelfHostUsd: selfUsd === null ? null : selfUsd - plan.totalUsdPerMonth,
        breakEvenMonthlyTokens: hybridBreakEvenTokensPerMonth(input),
      });
    }
  }
  return entries;
}
