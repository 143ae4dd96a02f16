/** The hybrid plan of one self-host × API pair as /compare returns it (schema: HybridPlan). */
export interface HybridEntry {
  selfHost: string;
  api: string;
  fits: boolean;
  replicas: number;
  monthlyCostUsd: number;
  selfHostMonthlyCostUsd: number;
  apiMonthlyCostUsd: number;
  selfHostedTokenShare: number;
  savingsVsApiUsd: number;
  savingsVsSelfHostUsd: number | null;
  breakEvenMonthlyTokens: number | null;
}
