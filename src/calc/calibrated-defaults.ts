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
   * Multiplier on both efficiencies when the weights are 4-bit (fp4, mxfp4, int4), per vendor
   * stack: 4-bit kernels (dequantisation on hardware without FP4 math, young FP4 kernels on
   * hardware with it) realise less of the peak than the 8/16-bit kernels the efficiencies above
   * are mostly fitted on.
   */
  lowBitEfficiency: Readonly<Record<VendorClass, number>>;
  /**
   * Expert MLP width (intermediate size) at which routed-expert kernels run at half the dense
   * efficiency: expert efficiency = width ÷ (width + this). Fine-grained experts (small GEMMs,
   * more routing and permutation work per FLOP) lose more.
   */
  moeHalfEfficiencyWidth: number;
  /** Fixed time per forward step (scheduling, sampling, launches), milliseconds. */
  perStepOverheadMs: number;
  /**
   * Share of compute efficiency lost per doubling of the tensor-parallel group: each GPU's GEMM
   * shard narrows (N ÷ TP columns) and realises less of the peak. Compute efficiency at TP t is
   * multiplied by (1 − this)^log2(t).
   */
  tpComputeLossPerDoubling: number;
  /** Tensor-parallel all-reduce latency per layer per step at TP 2, microseconds, per link class. */
  tpLatencyPerLayerUs: Readonly<Record<InterconnectClass, number>>;
}

export const CALIBRATED_EFFICIENCY: CalibratedEfficiency = {
  bandwidthEfficiency: { nvidia: 0.71, amd: 0.67, google: 0.6, other: 0.5 },
  computeEfficiency: { nvidia: 0.49, amd: 0.37, google: 0.45, other: 0.35 },
  lowBitEfficiency: { nvidia: 0.72, amd: 0.93, google: 1, other: 1 },
  moeHalfEfficiencyWidth: 5000,
  perStepOverheadMs: 3.8,
  tpComputeLossPerDoubling: 0.2,
  tpLatencyPerLayerUs: { nvlink: 9, 'infinity-fabric': 14, ici: 13.5, pcie: 27 },
};

/** Weight formats stored in 4 bits (and a block scale), which get `lowBitEfficiency`. */
export const LOW_BIT_PRECISIONS = ['fp4', 'mxfp4', 'int4'] as const;

/**
 * The efficiency multiplier of a weight format on a vendor stack: `lowBitEfficiency[vendor]` for
 * 4-bit formats, 1 otherwise.
 *
 * @example
 * lowBitFactor({ ...CALIBRATED_EFFICIENCY, lowBitEfficiency: { nvidia: 1, amd: 0.5, google: 1, other: 1 } }, 'amd', 'mxfp4'); // 0.5
 * lowBitFactor(CALIBRATED_EFFICIENCY, 'amd', 'fp8'); // 1
 */
export function lowBitFactor(p: CalibratedEfficiency, vendor: VendorClass, precision: string): number {
  return (LOW_BIT_PRECISIONS as readonly string[]).includes(precision) ? p.lowBitEfficiency[vendor] : 1;
}

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
