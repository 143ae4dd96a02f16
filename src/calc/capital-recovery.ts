/**
 * Capital recovery factor: the level payment per period that repays a principal of 1 over
 * `periods` periods at `ratePerPeriod`.
 */
import { requireInteger, requireNonNegative, requirePositive } from './input-checks.js';

/**
 * Capital recovery factor per period: r(1 + r)^n / ((1 + r)^n − 1); 1/n when r = 0.
 *
 * @throws {CalcInputError} field `ratePerPeriod` when negative or not finite; `periods` when not
 *   a positive integer.
 * @example
 * capitalRecoveryFactor(0, 60);        // 0.016667 (1/60)
 * capitalRecoveryFactor(0.08 / 12, 60); // 0.020276 — $30,000 costs $608.29 a month over 5 years at 8 %
 */
export function capitalRecoveryFactor(ratePerPeriod: number, periods: number): number {
  requireNonNegative('ratePerPeriod', ratePerPeriod);
  requireInteger('periods', periods, 1);
  // (1 + r)^n − 1 computed as expm1(n · log1p(r)) so tiny rates do not cancel to 0.
  const growthMinusOne = Math.expm1(periods * Math.log1p(ratePerPeriod));
  if (growthMinusOne === 0) return 1 / periods;
  return (ratePerPeriod * (1 + growthMinusOne)) / growthMinusOne;
}

/**
 * Monthly payment that amortises `principalUsd` over `years` at an annual cost of capital
 * compounded monthly: principal × CRF(annualRate / 12, round(years × 12)).
 *
 * @throws {CalcInputError} field `principalUsd` when negative; `years` when ≤ 0.
 * @example
 * monthlyCapitalCostUsd(30000, 5, 0.08); // 608.29
 */
export function monthlyCapitalCostUsd(principalUsd: number, years: number, annualRate: number): number {
  requireNonNegative('principalUsd', principalUsd);
  requirePositive('years', years);
  const months = Math.max(1, Math.round(years * 12));
  return principalUsd * capitalRecoveryFactor(annualRate / 12, months);
}
