import { breakEven, type ResolvedWorkload } from '../../calc/index.js';
import { asRequestField, type PreparedCandidate } from './candidates.js';
import type { BreakEvenEntry } from './presentation.js';
import type { CandidateCosts } from './ranking.js';

/**
 * Break-even pairing: the break-even volume of every included self-host × API pair, in request
 * order (self-host outer, API inner), reusing the costs computed by ranking.
 */
export function breakEvenPairs(included: PreparedCandidate[], workload: ResolvedWorkload, costs: CandidateCosts): BreakEvenEntry[] {
  const entries: BreakEvenEntry[] = [];
  for (const s of included) {
    if (s.type !== 'self-host') continue;
    for (const a of included) {
      if (a.type !== 'api') continue;
      const r = asRequestField(`candidates.${s.index}.`, () =>
        breakEven(s.candidate, a.offering, workload, { selfHost: costs.selfHost.get(s), api: costs.api.get(a) }),
      );
      entries.push({
        selfHost: s.label,
        selfHostIndex: s.index,
        api: a.label,
        apiIndex: a.index,
        outcome: r.outcome,
        monthlyTokens: r.breakEvenTokensPerMonth,
        monthlyInputTokens: r.breakEvenInputTokensPerMonth,
        monthlyOutputTokens: r.breakEvenOutputTokensPerMonth,
        monthlyApiSpendUsd: r.breakEvenApiUsdPerMonth,
        replicasAtBreakEven: r.replicasAtBreakEven,
        savingsAtCurrentVolumeUsd: r.savingsUsdPerMonth,
        paybackMonths: r.paybackMonths,
        selfHostMarginalUsdPerMtok: r.selfHostMarginalUsdPerMtok,
        apiBlendedUsdPerMtok: r.apiBlendedUsdPerMtok,
      });
    }
  }
  return entries;
}
