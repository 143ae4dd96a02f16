/**
 * Projection of a $/Mtok price under compounding cost reductions (new hardware, more efficient
 * architectures), each discounted by how much of it is realised in practice.
 */
import { CalcInputError } from './errors.js';
import { requireOpenFraction, requirePositive } from './input-checks.js';

export interface MultiplierRange {
  /** Cost-reduction multiplier, low end (10 = ten times cheaper). */
  low: number;
  /** High end; equal to low for a point figure. */
  high: number;
  /** Share of the multiplier realised in practice, (0, 1]. */
  realisation?: number;
}

export interface ProjectionInput {
  /** Today's price range, USD per Mtok. */
  baselineUsdPerMtok: { low: number; high: number };
  /** Hardware cost-per-token multiplier (a vendor claim: realisation default 0.5). */
  hardware: MultiplierRange;
  /** Architecture multiplier, e.g. total ÷ active parameters of an MoE (realisation default 1). */
  architecture: MultiplierRange;
}

export interface Range {
  low: number;
  high: number;
}

export interface Projection {
  baselineUsdPerMtok: Range;
  hardwareRealisation: number;
  architectureRealisation: number;
  /** hardware × architecture, before realisation. */
  nominalMultiplier: Range;
  /** (hardware × realisation) × (architecture × realisation). */
  realisedMultiplier: Range & { central: number };
  /** Baseline range ÷ the central realised multiplier. */
  projectedAtCentralUsdPerMtok: Range;
  /** Widest range: baseline low ÷ realised high … baseline high ÷ realised low. */
  projectedRangeUsdPerMtok: Range;
  /** The arithmetic in words, one step per line. */
  steps: string[];
}

/** Default realisation of a vendor's hardware claim (same as for vendor-claim profiles). */
export const DEFAULT_HARDWARE_REALISATION = 0.5;
/** Default realisation of an architecture multiplier. */
export const DEFAULT_ARCHITECTURE_REALISATION = 1;

const fmt = (x: number): string => `${Number(x.toPrecision(4))}`;
const usd = (x: number): string => `$${Number(x.toPrecision(3))}`;

function checkRange(field: string, r: { low: number; high: number }): void {
  requirePositive(`${field}.low`, r.low);
  requirePositive(`${field}.high`, r.high);
  if (r.high < r.low) throw new CalcInputError(`${field}.high`, 'must not be below low');
}

/**
 * The architecture multiplier of an MoE: compute per token falls with total ÷ active parameters.
 *
 * @throws {CalcInputError} when either count is not positive or active exceeds total.
 * @example
 * moeArchitectureMultiplier(26, 4); // 6.5 (Gemma 4 26B with 4B active)
 */
export function moeArchitectureMultiplier(totalParamsB: number, activeParamsB: number): number {
  requirePositive('totalParamsB', totalParamsB);
  requirePositive('activeParamsB', activeParamsB);
  if (activeParamsB > totalParamsB) throw new CalcInputError('activeParamsB', 'exceeds totalParamsB');
  return totalParamsB / activeParamsB;
}

/**
 * Projects a $/Mtok range under a hardware and an architecture multiplier.
 *   nominal = hardware × architecture
 *   realised = (hardware × hardware realisation) × (architecture × architecture realisation),
 *   central = midpoint of the realised range
 *   projected = baseline ÷ central (and the widest range baseline low ÷ realised high … high ÷ low)
 *
 * @throws {CalcInputError} for non-positive multipliers or prices, high below low, or a
 *   realisation outside (0, 1].
 * @example
 * const p = projectCostPerMtok({
 *   baselineUsdPerMtok: { low: 5, high: 15 },
 *   hardware: { low: 10, high: 10 },          // realisation 0.5 → 5x
 *   architecture: { low: 5, high: 7 },        // realisation 1
 * });
 * p.nominalMultiplier;            // { low: 50, high: 70 }
 * p.realisedMultiplier.central;   // 30
 * p.projectedAtCentralUsdPerMtok; // { low: 0.1667, high: 0.5 }
 */
export function projectCostPerMtok(input: ProjectionInput): Projection {
  checkRange('baselineUsdPerMtok', input.baselineUsdPerMtok);
  checkRange('hardware', input.hardware);
  checkRange('architecture', input.architecture);
  const hwReal = input.hardware.realisation ?? DEFAULT_HARDWARE_REALISATION;
  const archReal = input.architecture.realisation ?? DEFAULT_ARCHITECTURE_REALISATION;
  requireOpenFraction('hardware.realisation', hwReal);
  requireOpenFraction('architecture.realisation', archReal);
  const { hardware: hw, architecture: arch, baselineUsdPerMtok: base } = input;

  const nominal = { low: hw.low * arch.low, high: hw.high * arch.high };
  const hwRealised = { low: hw.low * hwReal, high: hw.high * hwReal };
  const archRealised = { low: arch.low * archReal, high: arch.high * archReal };
  const realisedLow = hwRealised.low * archRealised.low;
  const realisedHigh = hwRealised.high * archRealised.high;
  const central = (realisedLow + realisedHigh) / 2;
  const atCentral = { low: base.low / central, high: base.high / central };
  const widest = { low: base.low / realisedHigh, high: base.high / realisedLow };

  const span = (r: Range, unit = 'x'): string => (r.low === r.high ? `${fmt(r.low)}${unit}` : `${fmt(r.low)}${unit}–${fmt(r.high)}${unit}`);
  const steps = [
    `Nominal: hardware ${span(hw)} × architecture ${span(arch)} = ${span(nominal)}`,
    `Realised hardware: ${span(hw)} × ${fmt(hwReal)} = ${span(hwRealised)}`,
    `Realised architecture: ${span(arch)} × ${fmt(archReal)} = ${span(archRealised)}`,
    `Realised combined: ${span(hwRealised)} × ${span(archRealised)} = ${span({ low: realisedLow, high: realisedHigh })}; central ${fmt(central)}x`,
    `At ${fmt(central)}x realised, ${usd(base.low)}–${usd(base.high)}/Mtok falls to ${usd(atCentral.low)}–${usd(atCentral.high)}/Mtok`,
    `Widest range: ${usd(base.low)} ÷ ${fmt(realisedHigh)} = ${usd(widest.low)} to ${usd(base.high)} ÷ ${fmt(realisedLow)} = ${usd(widest.high)} per Mtok`,
  ];
  return {
    baselineUsdPerMtok: { low: base.low, high: base.high },
    hardwareRealisation: hwReal,
    architectureRealisation: archReal,
    nominalMultiplier: nominal,
    realisedMultiplier: { low: realisedLow, high: realisedHigh, central },
    projectedAtCentralUsdPerMtok: atCentral,
    projectedRangeUsdPerMtok: widest,
    steps,
  };
}
