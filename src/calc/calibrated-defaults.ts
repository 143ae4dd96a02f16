/**
 * Efficiency factors of the throughput model, fitted against published measurements.
 *
 * These constants are the output of `npx tsx scripts/validate.ts` (npm run validate), which
 * fits them on the calibration rows of data/calibration/measurements.json and writes the same
 * values to data/calibration/fit.json. A test (calibrated-defaults.test.ts) fails when the two
 * disagree: after re-running the fit, copy the printed values here.
 */
import type { InterconnectClass } from './interconnect.js';

export const VENDOR_CLASSES = ['nvidia', 'amd', 'google', 'other'] as const;
/** Hardware vendor / software-stack family that efficiency is fitted per. */
export type VendorClass = (typeof VENDOR_CLASSES)[number];

export interface CalibratedEfficiency {
  /** Achieved fraction of peak HBM bandwidth in decode, per vendor stack. */
  bandwidthEfficiency: Readonly<Record<VendorClass, number>>;
  /** Achieved fraction of dense peak TFLOPS, per vendor stack. */
  computeEfficiency: Readonly<Record<VendorClass, number>>;
  /**
   * Expert MLP width (intermediate size) at which routed-expert kernels run at half the dense
   * efficiency: expert efficiency = width ÷ (width + this). Fine-grained experts (small GEMMs,
   * more routing and permutation work per FLOP) lose more.
   */
  moeHalfEfficiencyWidth: number;
  /** Fixed time per forward step (scheduling, sampling, launches), milliseconds. */
  perStepOverheadMs: number;
  /** Tensor-parallel all-reduce latency per layer per step at TP 2, microseconds, per link class. */
  tpLatencyPerLayerUs: Readonly<Record<InterconnectClass, number>>;
}

export const CALIBRATED_EFFICIENCY: CalibratedEfficiency = {
  bandwidthEfficiency: { nvidia: 0.79, amd: 0.87, google: 0.6, other: 0.5 },
  computeEfficiency: { nvidia: 0.53, amd: 0.41, google: 0.45, other: 0.35 },
  moeHalfEfficiencyWidth: 9750,
  perStepOverheadMs: 2.7,
  tpLatencyPerLayerUs: { nvlink: 16, 'infinity-fabric': 24, ici: 24, pcie: 48 },
};

/**
 * Maps a hardware vendor name to its efficiency class.
 *
 * @example
 * vendorClass('NVIDIA'); // 'nvidia'
 * vendorClass('AMD');    // 'amd'
 * vendorClass('Intel');  // 'other'
 */
export function vendorClass(vendor: string): VendorClass {
  const v = vendor.toLowerCase();
  if (v.includes('nvidia')) return 'nvidia';
  if (v.includes('amd')) return 'amd';
  if (v.includes('google')) return 'google';
  return 'other';
}
