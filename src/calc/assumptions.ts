/**
 * Every tunable factor of the engine in one flat object. Callers pass a partial override;
 * results carry the fully resolved object so every default used is explicit.
 *
 * Sources and reasoning for each default are in docs/cost-model.md ("Defaults").
 */
import type { WeightPrecision } from '../domain/profiles.js';
import { CALIBRATED_EFFICIENCY, lowBitFactor, vendorClass } from './calibrated-defaults.js';
import { CalcInputError } from './errors.js';
import {
  optional,
  requireAtLeast,
  requireFraction,
  requireInteger,
  requireNonNegative,
  requireOpenFraction,
  requirePositive,
} from './input-checks.js';
import { interconnectClass, interconnectGBpsFor } from './interconnect.js';
import type { HardwareShape } from './model-checks.js';
import type { KvCachePrecision, SsmStatePrecision } from './precision.js';
import { defaultKvCachePrecision, KV_CACHE_PRECISIONS, SSM_STATE_PRECISIONS } from './precision.js';

/** Hours in the billing month used throughout: 365 × 24 / 12 = 730. */
export const HOURS_PER_MONTH = 730;

export interface Assumptions {
  // --- memory ---
  /** Fraction of GPU memory the engine may fill with weights and KV cache (vLLM default 0.90). */
  gpuMemoryUtilization: number;
  /** Largest tensor-parallel group considered (one 8-GPU node by default). */
  maxTensorParallel: number;
  /**
   * Upper bound on concurrent sequences per replica: vLLM's `max_num_seqs` default, 1,024 on GPUs
   * with at least 70 GiB that are not A100s, 256 otherwise.
   */
  maxConcurrentSequences: number;
  /** KV-cache element format; default FP8 for fp8/fp4/mxfp4 weights, else BF16. */
  kvCachePrecision: KvCachePrecision;
  /** Recurrent-state format of SSM layers; default BF16. */
  ssmStatePrecision: SsmStatePrecision;
  // --- throughput ---
  /** Multiplier on peak compute and bandwidth: 0.5 for vendor-claim hardware, else 1. */
  realisationFactor: number;
  /** Achieved fraction of peak memory bandwidth (calibrated per vendor). */
  bandwidthEfficiency: number;
  /** Achieved fraction of dense peak TFLOPS (calibrated per vendor). */
  computeEfficiency: number;
  /** Expert MLP width at which routed-expert kernels reach half the dense efficiency (calibrated). */
  moeHalfEfficiencyWidth: number;
  /** Fixed time per forward step, milliseconds (calibrated). */
  perStepOverheadMs: number;
  /** Share of compute efficiency lost per doubling of the tensor-parallel group (calibrated). */
  tpComputeLossPerDoubling: number;
  /** Tensor-parallel latency per layer per step at TP 2, microseconds (calibrated per link class). */
  tpLatencyPerLayerUs: number;
  /** Scale-up bandwidth per GPU, GB/s bidirectional (profile or link-class default). */
  interconnectGBps: number;
  /**
   * Attention data parallelism: each GPU of the group runs attention for its own sequences (KV
   * cache stored once, attention weights replicated and read on every GPU) while experts/MLPs
   * stay split. Default false (plain tensor parallelism).
   */
  attentionDataParallel: boolean;
  /** Largest prompt chunk prefilled in one step, tokens (vLLM / TensorRT-LLM default 8,192). */
  prefillChunkTokens: number;
  /** Draft tokens proposed per step by speculative decoding / MTP; 0 = off (default). */
  speculativeTokens: number;
  /** Probability each draft token is accepted given the previous ones were, [0, 1] (default 0.85). */
  draftAcceptanceRate: number;
  /** Time of one draft forward as a share of a target decode step at the same batch (default 0.05). */
  draftCostShare: number;
  /** A measured output tokens/s per GPU that replaces the modelled throughput; null to model it. */
  measuredOutputTokensPerSecondPerGpu: number | null;
  // --- capacity and cost ---
  /** Fraction of a replica's modelled throughput planned for at peak load. */
  targetUtilization: number;
  /** Cloud rental price, USD per GPU-hour (default: the hardware profile's). */
  usdPerGpuHour: number | null;
  /** Purchase price per GPU, USD, before the scarcity premium (default: the hardware profile's). */
  purchaseUsdPerGpu: number | null;
  /**
   * Owned: server, network and storage share per GPU, USD (all-in capital cost minus the GPU price).
   * Default: the sourced figure of the hardware class (platform-capex.ts, set by the service), else
   * null — then the GPU price alone is counted, with the warning `capex-gpu-only`.
   */
  platformCapexUsdPerGpu: number | null;
  /** Derivation and sources of `platformCapexUsdPerGpu` when it is the class default; null otherwise. */
  platformCapexBasis: string | null;
  /**
   * Owned: the whole capital cost per GPU (GPU + server, network, storage share), USD. When set it
   * replaces purchaseUsdPerGpu × scarcityPremium + platformCapexUsdPerGpu. Default null.
   */
  allInCapexUsdPerGpu: number | null;
  /** Multiplier on hardware purchase prices (1 = list/street price). */
  scarcityPremium: number;
  /** Amortisation period of owned hardware, years. */
  depreciationYears: number;
  /** Annual cost of capital for owned hardware (0.08 = 8 %/year), compounded monthly. */
  costOfCapitalAnnual: number;
  /** Power usage effectiveness of the facility. */
  pue: number;
  /** Electricity price, USD per kWh. */
  electricityUsdPerKwh: number;
  /** Average GPU power draw as a fraction of TDP. */
  averagePowerLoadFraction: number;
  /** Host power (CPUs, memory, NICs, fans) as a fraction of GPU power. */
  hostOverheadFraction: number;
  /** Colocation price per kW of provisioned IT power per month, USD. */
  colocationUsdPerKwMonth: number;
  /** Hosting price per GPU per month, USD; when set it replaces the colocation kW pricing. */
  hostingUsdPerGpuMonth: number | null;
  /** Operations staff and other fixed monthly cost of running the deployment, USD. */
  opsUsdPerMonth: number;
  /** Spare replicas kept beyond those the peak needs, for availability (1 = N+1). */
  replicasForAvailability: number;
}

/** Partial assumptions a caller may override. */
export type AssumptionOverrides = Partial<Assumptions>;

/**
 * Defaults that do not depend on the hardware or precision. See docs/cost-model.md for sources:
 * PUE 1.3 (Uptime Institute: new large facilities ≤ 1.3), $0.08/kWh (EIA April 2025 industrial
 * divisional range 7.4–17.3 ¢; aiinframap uses 0.08), colocation $184.06/kW-month (CBRE H2 2024
 * North America primary markets), 5-year life (hyperscalers 5–6 years), host overhead 0.35
 * (derived from DGX system power), average load 0.7 (DGX H100 typical 6.5–8.5 kW of 10.2 kW max).
 */
export const FIXED_DEFAULTS = {
  gpuMemoryUtilization: 0.9,
  maxTensorParallel: 8,
  maxConcurrentSequences: 256,
  maxConcurrentSequencesLargeGpu: 1024,
  ssmStatePrecision: 'bf16',
  attentionDataParallel: false,
  prefillChunkTokens: 8192,
  speculativeTokens: 0,
  draftAcceptanceRate: 0.85,
  draftCostShare: 0.05,
  vendorClaimRealisation: 0.5,
  measuredOutputTokensPerSecondPerGpu: null,
  targetUtilization: 0.8,
  scarcityPremium: 1,
  platformCapexUsdPerGpu: null,
  platformCapexBasis: null,
  allInCapexUsdPerGpu: null,
  depreciationYears: 5,
  costOfCapitalAnnual: 0.08,
  pue: 1.3,
  electricityUsdPerKwh: 0.08,
  averagePowerLoadFraction: 0.7,
  hostOverheadFraction: 0.35,
  colocationUsdPerKwMonth: 184.06,
  hostingUsdPerGpuMonth: null,
  opsUsdPerMonth: 0,
  replicasForAvailability: 0,
} as const;

/** GiB in GB: vLLM's 70 GiB threshold is 75.16 GB. */
const GB_PER_GIB = 1.073741824;

/**
 * vLLM's default `max_num_seqs` for a GPU (vllm/engine/arg_utils.py `get_batch_defaults`: 1,024
 * when the device has at least 70 GiB and its name does not contain "a100", else 256).
 *
 * @example
 * defaultMaxConcurrentSequences(h100);   // 1024 (80 GB = 74.5 GiB)
 * defaultMaxConcurrentSequences(l40s);   // 256 (48 GB)
 */
export function defaultMaxConcurrentSequences(hardware: Pick<HardwareShape, 'memoryGb' | 'name'>): number {
  return hardware.memoryGb / GB_PER_GIB >= 70 && !/a100/i.test(hardware.name)
    ? FIXED_DEFAULTS.maxConcurrentSequencesLargeGpu
    : FIXED_DEFAULTS.maxConcurrentSequences;
}

/**
 * The defaults for a hardware profile and weight precision, with nothing overridden.
 *
 * @example
 * const a = defaultAssumptions(h100, 'bf16');
 * a.kvCachePrecision;   // 'bf16'
 * a.realisationFactor;  // 1 (0.5 for a vendorClaim profile)
 * a.usdPerGpuHour;      // h100.usdPerGpuHour
 */
export function defaultAssumptions(hardware: HardwareShape, weightPrecision: WeightPrecision): Assumptions {
  const vendor = vendorClass(hardware.vendor);
  const link = interconnectClass(hardware.interconnect);
  const lowBit = lowBitFactor(CALIBRATED_EFFICIENCY, vendor, weightPrecision);
  return {
    gpuMemoryUtilization: FIXED_DEFAULTS.gpuMemoryUtilization,
    maxTensorParallel: FIXED_DEFAULTS.maxTensorParallel,
    maxConcurrentSequences: defaultMaxConcurrentSequences(hardware),
    kvCachePrecision: defaultKvCachePrecision(weightPrecision),
    ssmStatePrecision: FIXED_DEFAULTS.ssmStatePrecision,
    realisationFactor: hardware.vendorClaim ? FIXED_DEFAULTS.vendorClaimRealisation : 1,
    bandwidthEfficiency: CALIBRATED_EFFICIENCY.bandwidthEfficiency[vendor] * lowBit,
    computeEfficiency: CALIBRATED_EFFICIENCY.computeEfficiency[vendor] * lowBit,
    moeHalfEfficiencyWidth: CALIBRATED_EFFICIENCY.moeHalfEfficiencyWidth,
    perStepOverheadMs: CALIBRATED_EFFICIENCY.perStepOverheadMs,
    tpComputeLossPerDoubling: CALIBRATED_EFFICIENCY.tpComputeLossPerDoubling,
    tpLatencyPerLayerUs: CALIBRATED_EFFICIENCY.tpLatencyPerLayerUs[link],
    interconnectGBps: interconnectGBpsFor(hardware),
    attentionDataParallel: FIXED_DEFAULTS.attentionDataParallel,
    prefillChunkTokens: FIXED_DEFAULTS.prefillChunkTokens,
    speculativeTokens: FIXED_DEFAULTS.speculativeTokens,
    draftAcceptanceRate: FIXED_DEFAULTS.draftAcceptanceRate,
    draftCostShare: FIXED_DEFAULTS.draftCostShare,
    measuredOutputTokensPerSecondPerGpu: FIXED_DEFAULTS.measuredOutputTokensPerSecondPerGpu,
    targetUtilization: FIXED_DEFAULTS.targetUtilization,
    usdPerGpuHour: hardware.usdPerGpuHour,
    purchaseUsdPerGpu: hardware.purchaseUsdPerGpu,
    scarcityPremium: FIXED_DEFAULTS.scarcityPremium,
    platformCapexUsdPerGpu: FIXED_DEFAULTS.platformCapexUsdPerGpu,
    platformCapexBasis: FIXED_DEFAULTS.platformCapexBasis,
    allInCapexUsdPerGpu: FIXED_DEFAULTS.allInCapexUsdPerGpu,
    depreciationYears: FIXED_DEFAULTS.depreciationYears,
    costOfCapitalAnnual: FIXED_DEFAULTS.costOfCapitalAnnual,
    pue: FIXED_DEFAULTS.pue,
    electricityUsdPerKwh: FIXED_DEFAULTS.electricityUsdPerKwh,
    averagePowerLoadFraction: FIXED_DEFAULTS.averagePowerLoadFraction,
    hostOverheadFraction: FIXED_DEFAULTS.hostOverheadFraction,
    colocationUsdPerKwMonth: FIXED_DEFAULTS.colocationUsdPerKwMonth,
    hostingUsdPerGpuMonth: FIXED_DEFAULTS.hostingUsdPerGpuMonth,
    opsUsdPerMonth: FIXED_DEFAULTS.opsUsdPerMonth,
    replicasForAvailability: FIXED_DEFAULTS.replicasForAvailability,
  };
}

/**
 * Defaults for the hardware and precision with the caller's overrides applied and checked.
 * Keys whose override is `undefined` keep their default.
 *
 * @throws {CalcInputError} field `assumptions.<name>` for an out-of-range override, e.g.
 *   `assumptions.pue` below 1 or `assumptions.targetUtilization` outside (0, 1].
 * @example
 * resolveAssumptions(h100, 'bf16', { pue: 1.2 }).pue; // 1.2
 * resolveAssumptions(h100, 'bf16', { pue: 0.9 });     // throws CalcInputError (assumptions.pue)
 */
export function resolveAssumptions(
  hardware: HardwareShape,
  weightPrecision: WeightPrecision,
  overrides: AssumptionOverrides = {},
): Assumptions {
  const resolved = defaultAssumptions(hardware, weightPrecision);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(key in resolved)) throw new CalcInputError(`assumptions.${key}`, 'unknown assumption');
    Object.assign(resolved, { [key]: value });
  }
  validateAssumptions(resolved);
  return resolved;
}

function validateAssumptions(a: Assumptions): void {
  const f = (name: keyof Assumptions): string => `assumptions.${name}`;
  requireOpenFraction(f('gpuMemoryUtilization'), a.gpuMemoryUtilization);
  requireInteger(f('maxTensorParallel'), a.maxTensorParallel, 1);
  requireInteger(f('maxConcurrentSequences'), a.maxConcurrentSequences, 1);
  if (!(KV_CACHE_PRECISIONS as readonly string[]).includes(a.kvCachePrecision)) {
    throw new CalcInputError(f('kvCachePrecision'), `must be one of ${KV_CACHE_PRECISIONS.join(', ')}`);
  }
  if (!(SSM_STATE_PRECISIONS as readonly string[]).includes(a.ssmStatePrecision)) {
    throw new CalcInputError(f('ssmStatePrecision'), `must be one of ${SSM_STATE_PRECISIONS.join(', ')}`);
  }
  requireOpenFraction(f('realisationFactor'), a.realisationFactor);
  requireOpenFraction(f('bandwidthEfficiency'), a.bandwidthEfficiency);
  requireOpenFraction(f('computeEfficiency'), a.computeEfficiency);
  requireNonNegative(f('moeHalfEfficiencyWidth'), a.moeHalfEfficiencyWidth);
  requireNonNegative(f('perStepOverheadMs'), a.perStepOverheadMs);
  requireFraction(f('tpComputeLossPerDoubling'), a.tpComputeLossPerDoubling);
  if (a.tpComputeLossPerDoubling >= 1) throw new CalcInputError(f('tpComputeLossPerDoubling'), 'must be below 1');
  requireNonNegative(f('tpLatencyPerLayerUs'), a.tpLatencyPerLayerUs);
  requirePositive(f('interconnectGBps'), a.interconnectGBps);
  if (typeof a.attentionDataParallel !== 'boolean') throw new CalcInputError(f('attentionDataParallel'), 'must be true or false');
  requireInteger(f('prefillChunkTokens'), a.prefillChunkTokens, 1);
  requireInteger(f('speculativeTokens'), a.speculativeTokens, 0);
  requireFraction(f('draftAcceptanceRate'), a.draftAcceptanceRate);
  requireFraction(f('draftCostShare'), a.draftCostShare);
  optional(requirePositive, f('measuredOutputTokensPerSecondPerGpu'), a.measuredOutputTokensPerSecondPerGpu);
  requireOpenFraction(f('targetUtilization'), a.targetUtilization);
  optional(requireNonNegative, f('usdPerGpuHour'), a.usdPerGpuHour);
  optional(requireNonNegative, f('purchaseUsdPerGpu'), a.purchaseUsdPerGpu);
  requirePositive(f('scarcityPremium'), a.scarcityPremium);
  optional(requireNonNegative, f('platformCapexUsdPerGpu'), a.platformCapexUsdPerGpu);
  optional(requirePositive, f('allInCapexUsdPerGpu'), a.allInCapexUsdPerGpu);
  requirePositive(f('depreciationYears'), a.depreciationYears);
  requireNonNegative(f('costOfCapitalAnnual'), a.costOfCapitalAnnual);
  requireAtLeast(f('pue'), a.pue, 1);
  requireNonNegative(f('electricityUsdPerKwh'), a.electricityUsdPerKwh);
  requireFraction(f('averagePowerLoadFraction'), a.averagePowerLoadFraction);
  requireNonNegative(f('hostOverheadFraction'), a.hostOverheadFraction);
  requireNonNegative(f('colocationUsdPerKwMonth'), a.colocationUsdPerKwMonth);
  optional(requireNonNegative, f('hostingUsdPerGpuMonth'), a.hostingUsdPerGpuMonth);
  requireNonNegative(f('opsUsdPerMonth'), a.opsUsdPerMonth);
  requireInteger(f('replicasForAvailability'), a.replicasForAvailability, 0);
}
