/**
 * Running cost of a set of GPUs: rented in the cloud, or owned (amortised purchase, power,
 * hosting) — plus fixed operations cost.
 */
import type { Assumptions } from './assumptions.js';
import { HOURS_PER_MONTH } from './assumptions.js';
import { monthlyCapitalCostUsd } from './capital-recovery.js';
import { CalcInputError } from './errors.js';
import { requireInteger } from './input-checks.js';
import type { HardwareShape } from './model-checks.js';

export const PRICING_MODES = ['cloud', 'owned'] as const;
/** `cloud`: rented per GPU-hour. `owned`: bought, amortised, powered and hosted. */
export type PricingMode = (typeof PRICING_MODES)[number];

export interface GpuCost {
  mode: PricingMode;
  gpus: number;
  /** Cloud rental, USD/month: gpus × usdPerGpuHour × 730 (0 when owned). */
  rentalUsdPerMonth: number;
  /** Amortised purchase incl. cost of capital, USD/month (0 in the cloud). */
  capitalUsdPerMonth: number;
  /** Electricity at the meter, USD/month (0 in the cloud). */
  powerUsdPerMonth: number;
  /** Colocation or per-GPU hosting, USD/month (0 in the cloud). */
  hostingUsdPerMonth: number;
  /** Fixed operations cost, USD/month. */
  opsUsdPerMonth: number;
  /** Sum of the above, USD/month. */
  totalUsdPerMonth: number;
  /** totalUsdPerMonth / 730. */
  totalUsdPerHour: number;
  /** Purchase outlay, USD: gpus × capexUsdPerGpu (0 in the cloud). */
  upfrontUsd: number;
  /** Owned: all-in capital cost per GPU, USD — allInCapexUsdPerGpu, else gpuCapexUsdPerGpu + platformCapexUsdPerGpu (0 in the cloud). */
  capexUsdPerGpu: number;
  /** Owned: the GPU's part, purchase price × scarcity premium (the whole all-in figure's share is unknown when allInCapexUsdPerGpu is given: null). */
  gpuCapexUsdPerGpu: number | null;
  /** Owned: server, network and storage share per GPU (0 when unknown; null when allInCapexUsdPerGpu is given). */
  platformCapexUsdPerGpu: number | null;
  /** Average power drawn from the grid, kW: gpus × TDP × load × (1 + host overhead) × PUE (0 in the cloud). */
  averagePowerKw: number;
}

/**
 * Cost of `gpus` GPUs per month, USD.
 *
 * Cloud: gpus × usdPerGpuHour × 730 + opsUsdPerMonth — exactly, in that order (the contract the
 * HTTP layer relies on).
 *
 * Owned:
 * - capex per GPU = allInCapexUsdPerGpu when given, else purchase × scarcityPremium +
 *   platformCapexUsdPerGpu (server, network, storage share; 0 when unknown)
 * - capital = gpus × capex per GPU × CRF(costOfCapital / 12, years × 12)
 * - power = gpus × TDP kW × averagePowerLoad × (1 + hostOverhead) × PUE × 730 h × USD/kWh
 * - hosting = gpus × hostingUsdPerGpuMonth, or else provisioned IT kW
 *   (gpus × TDP kW × (1 + hostOverhead)) × colocationUsdPerKwMonth
 * - plus opsUsdPerMonth.
 * The scarcity premium applies to purchase prices only: rental prices are market prices that
 * already carry it.
 *
 * @throws {CalcInputError} `assumptions.usdPerGpuHour` when renting hardware without a price;
 *   `assumptions.purchaseUsdPerGpu` or `hardware.tdpWatts` when owning hardware without them;
 *   `gpus` when not a positive integer.
 * @example
 * // 2 × H100 rented at $2.49: 2 × 2.49 × 730 = $3,635.40 per month
 * gpuCost(h100, 2, 'cloud', assumptions).totalUsdPerMonth; // 3635.4
 * // 1 × H100 owned ($30,000, no platform share, 5 y, 8 %, 700 W × 0.7 × 1.35 × 1.3 PUE at $0.08, colo $184.06/kW):
 * // capital 608.29 + power 50.22 + hosting 173.94 = $832.45 per month
 * // with the H100 class platform share ($20,000, all-in $50,000): capital 1,013.82 → $1,237.98 per month
 */
export function gpuCost(hardware: HardwareShape, gpus: number, mode: PricingMode, a: Assumptions): GpuCost {
  requireInteger('gpus', gpus, 1);
  if (mode === 'cloud') {
    if (a.usdPerGpuHour === null) {
      throw new CalcInputError('assumptions.usdPerGpuHour', `${hardware.name} has no cloud price; supply one`);
    }
    const totalUsdPerMonth = gpus * a.usdPerGpuHour * HOURS_PER_MONTH + a.opsUsdPerMonth;
    return {
      mode,
      gpus,
      rentalUsdPerMonth: gpus * a.usdPerGpuHour * HOURS_PER_MONTH,
      capitalUsdPerMonth: 0,
      powerUsdPerMonth: 0,
      hostingUsdPerMonth: 0,
      opsUsdPerMonth: a.opsUsdPerMonth,
      totalUsdPerMonth,
      totalUsdPerHour: totalUsdPerMonth / HOURS_PER_MONTH,
      upfrontUsd: 0,
      capexUsdPerGpu: 0,
      gpuCapexUsdPerGpu: 0,
      platformCapexUsdPerGpu: 0,
      averagePowerKw: 0,
    };
  }
  if (mode !== 'owned') throw new CalcInputError('pricing', `must be one of ${PRICING_MODES.join(', ')}`);
  if (a.purchaseUsdPerGpu === null && a.allInCapexUsdPerGpu === null) {
    throw new CalcInputError(
      'assumptions.purchaseUsdPerGpu',
      `${hardware.name} has no purchase price; supply one (or allInCapexUsdPerGpu)`,
    );
  }
  if (hardware.tdpWatts === null) {
    throw new CalcInputError('hardware.tdpWatts', `${hardware.name} has no TDP; owned power cost cannot be computed`);
  }
  const gpuCapexUsdPerGpu = a.allInCapexUsdPerGpu === null ? (a.purchaseUsdPerGpu as number) * a.scarcityPremium : null;
  const platformCapexUsdPerGpu = a.allInCapexUsdPerGpu === null ? (a.platformCapexUsdPerGpu ?? 0) : null;
  const capexUsdPerGpu = a.allInCapexUsdPerGpu ?? (gpuCapexUsdPerGpu as number) + (platformCapexUsdPerGpu as number);
  const upfrontUsd = gpus * capexUsdPerGpu;
  const capitalUsdPerMonth = monthlyCapitalCostUsd(upfrontUsd, a.depreciationYears, a.costOfCapitalAnnual);
  const itKwProvisioned = (gpus * hardware.tdpWatts * (1 + a.hostOverheadFraction)) / 1000;
  const averagePowerKw = itKwProvisioned * a.averagePowerLoadFraction * a.pue;
  const powerUsdPerMonth = averagePowerKw * HOURS_PER_MONTH * a.electricityUsdPerKwh;
  const hostingUsdPerMonth =
    a.hostingUsdPerGpuMonth !== null ? gpus * a.hostingUsdPerGpuMonth : itKwProvisioned * a.colocationUsdPerKwMonth;
  const totalUsdPerMonth = capitalUsdPerMonth + powerUsdPerMonth + hostingUsdPerMonth + a.opsUsdPerMonth;
  return {
    mode,
    gpus,
    rentalUsdPerMonth: 0,
    capitalUsdPerMonth,
    powerUsdPerMonth,
    hostingUsdPerMonth,
    opsUsdPerMonth: a.opsUsdPerMonth,
    totalUsdPerMonth,
    totalUsdPerHour: totalUsdPerMonth / HOURS_PER_MONTH,
    upfrontUsd,
    capexUsdPerGpu,
    gpuCapexUsdPerGpu,
    platformCapexUsdPerGpu,
    averagePowerKw,
  };
}
