/** The hybrid plan of one self-host × API pair as /compare returns it (schema: HybridPlan). */
export interface HybridEntry {
  selfHost: string;
  /** Request index of the self-host candidate. */
  selfHostIndex: number;
  api: string;
  /** Request index of the API candidate. */
  apiIndex: number;
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
