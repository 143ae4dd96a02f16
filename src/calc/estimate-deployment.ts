/**
 * estimateDeployment: memory fit, throughput and latency of one replica of a model on a GPU
 * type, at a given or chosen concurrency.
 */
import type { WeightPrecision } from '../domain/profiles.js';
import { WEIGHT_PRECISIONS } from '../domain/profiles.js';
import type { AssumptionOverrides, Assumptions } from './assumptions.js';
import { resolveAssumptions } from './assumptions.js';
import type { OperatingPoint } from './concurrency.js';
import { largestMeeting, operatingPoint } from './concurrency.js';
import { CalcInputError } from './errors.js';
import { optional, requireFraction, requireInteger, requirePositive } from './input-checks.js';
import { interconnectClass } from './interconnect.js';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken, kvLayout, ssmStateBytesPerSequence } from './kv-cache.js';
import { groupKvLayout } from './kv-replication.js';
import { isPermissiveLicense } from './license.js';
import type { MemoryPlan } from './memory-fit.js';
import { planMemory, tensorParallelCandidates, usableMemoryBytesPerGpu } from './memory-fit.js';
import type { HardwareShape, ModelShape } from './model-checks.js';
import { validateHardware, validateModel } from './model-checks.js';
import type { KvCachePrecision } from './precision.js';
import { BITS_PER_WEIGHT, computePeak } from './precision.js';
import type { DecodeStep, ReplicaModel, RequestShape } from './roofline.js';
import { expertKernelEfficiency, prefillSeconds } from './roofline.js';
import { expectedTokensPerStep } from './speculative.js';
import type { CalcWarning } from './warnings.js';
import { warning } from './warnings.js';
import { parameterSplit, weightBytes } from './weights.js';

const GB = 1e9;

export interface DeploymentOptions {
  /** Prompt tokens per request. */
  inputTokens: number;
  /** Generated tokens per request. */
  outputTokens: number;
  /** Share of prompt tokens served from the prefix cache, [0, 1). Default 0. */
  cachedInputShare?: number;
  /** GPUs per replica (the tensor-parallel group). Default: the smallest group that fits. */
  gpus?: number;
  /** Weight precision. Default: the model's native precision. */
  precision?: WeightPrecision;
  /** Concurrent sequences per replica. Default: chosen (see below). */
  concurrency?: number;
  /**
   * Why a planner fixed `concurrency`: `latency-target` when a service-level target capped it (SLO
   * sizing, docs/capacity.md), so that the result reports that reason and bottleneck rather than
   * `given`. Ignored without `concurrency`, and when memory lowers the concurrency.
   */
  concurrencyReason?: 'latency-target';
  /** Per-user speed target: the concurrency chosen is the largest that reaches it. */
  minOutputTokensPerSecondPerUser?: number;
  /** Latency target for time to first token, seconds. */
  maxTimeToFirstTokenSeconds?: number;
  /** Latency target for time per output token, seconds. */
  maxTimePerOutputTokenSeconds?: number;
  assumptions?: AssumptionOverrides;
}

/** How the concurrency was set: given by the caller, the memory/engine maximum, or a latency/speed target. */
export type ConcurrencySelection = 'given' | 'max-throughput' | 'target';
/**
 * What binds a replica's throughput (docs/cost-model.md §2, "Bottleneck"):
 * - `memory-capacity`: the KV cache (memory left after the weights) holds no more sequences, and
 *   more sequences would have raised throughput (the step is memory-bandwidth-bound);
 * - `latency-target`: a speed or latency target capped the concurrency below what memory allows;
 * - `interconnect`: tensor-parallel communication is the largest part of the decode step;
 * - `memory-bandwidth` / `compute`: the step's memory-bound or compute-bound parts dominate.
 */
export type Bottleneck = 'compute' | 'memory-bandwidth' | 'memory-capacity' | 'latency-target' | 'interconnect';
/**
 * Why the concurrency is what it is:
 * - `given`: the caller's value (it fits memory);
 * - `memory-capacity`: the most sequences the KV cache holds (also a given value lowered to it);
 * - `engine-limit`: the serving engine's limit (assumption `maxConcurrentSequences`);
 * - `latency-target`: the largest meeting the speed/latency targets (one more would miss them);
 * - `target-unreachable`: no concurrency meets the targets; 1 is reported, with `slo-unreachable`.
 */
export type ConcurrencyReason = 'given' | 'memory-capacity' | 'engine-limit' | 'latency-target' | 'target-unreachable';

export interface MemoryReport {
  /** All resident weights, GB. */
  weightsGb: number;
  weightsGbPerGpu: number;
  expertWeightsGb: number;
  nonExpertWeightsGb: number;
  /** memoryGb × gpuMemoryUtilization, GB. */
  usableGbPerGpu: number;
  /** Memory left for KV cache and recurrent state across the replica, GB. */
  kvBudgetGb: number;
  /** KV bytes per token of context in full-attention layers. */
  kvCacheBytesPerToken: number;
  /** KV cache of one sequence at its final length (input + output), GB. */
  kvCacheGbPerSequence: number;
  /** Recurrent state of one sequence (hybrid models), GB. */
  ssmStateGbPerSequence: number;
  maxSequencesByMemory: number;
}

interface DeploymentCommon {
  modelName: string;
  hardwareName: string;
  precision: WeightPrecision;
  kvCachePrecision: KvCachePrecision;
  request: RequestShape;
  /** GPUs per replica (tensor-parallel size); for a model that does not fit, the largest size tried. */
  gpusPerReplica: number;
  memory: MemoryReport;
  assumptions: Assumptions;
  warnings: CalcWarning[];
}

export interface FittingDeployment extends DeploymentCommon {
  fits: true;
  concurrency: number;
  concurrencySelection: ConcurrencySelection;
  concurrencyReason: ConcurrencyReason;
  /** Whether the latency/speed targets are met; null when none was given. */
  targetsMet: boolean | null;
  outputTokensPerSecond: { total: number; perGpu: number; perUser: number };
  /** Completed requests per second per replica: total output tokens/s ÷ output tokens per request. */
  requestsPerSecond: number;
  timeToFirstTokenSeconds: number;
  timePerOutputTokenSeconds: number;
  bottleneck: Bottleneck;
  /** 'measured' when assumptions.measuredOutputTokensPerSecondPerGpu drove throughput. */
  throughputSource: 'model' | 'measured';
  /** Breakdown of the modelled decode step at the chosen concurrency. */
  step: DecodeStep;
  /** Prefill of one request on an idle replica, seconds. */
  prefillSeconds: number;
  /** Share of GPU time attributed to input (prefill) tokens, for splitting cost per Mtok. */
  prefillTimeShare: number;
}

export interface NonFittingDeployment extends DeploymentCommon {
  fits: false;
  bottleneck: 'memory-capacity';
}

export type DeploymentEstimate = FittingDeployment | NonFittingDeployment;

function validateOptions(model: ModelShape, options: DeploymentOptions): void {
  requirePositive('inputTokens', options.inputTokens);
  requirePositive('outputTokens', options.outputTokens);
  if (options.outputTokens < 1) throw new CalcInputError('outputTokens', 'must be at least 1');
  if (options.cachedInputShare !== undefined) {
    requireFraction('cachedInputShare', options.cachedInputShare);
    if (options.cachedInputShare >= 1) throw new CalcInputError('cachedInputShare', 'must be below 1');
  }
  optional(requireInteger, 'gpus', options.gpus);
  optional(requireInteger, 'concurrency', options.concurrency);
  optional(requirePositive, 'minOutputTokensPerSecondPerUser', options.minOutputTokensPerSecondPerUser);
  optional(requirePositive, 'maxTimeToFirstTokenSeconds', options.maxTimeToFirstTokenSeconds);
  optional(requirePositive, 'maxTimePerOutputTokenSeconds', options.maxTimePerOutputTokenSeconds);
  if (options.precision !== undefined && !(WEIGHT_PRECISIONS as readonly string[]).includes(options.precision)) {
    throw new CalcInputError('precision', `must be one of ${WEIGHT_PRECISIONS.join(', ')}`);
  }
  validateModel(model);
}

function profileWarnings(
  model: ModelShape,
  hardware: HardwareShape,
  precision: WeightPrecision,
  assumptions: Assumptions,
  contextTokens: number,
): CalcWarning[] {
  const out: CalcWarning[] = [];
  if (hardware.vendorClaim) {
    out.push(
      warning(
        'vendor-claim-hardware',
        `${hardware.name} figures are vendor claims; peak compute and bandwidth multiplied by realisation factor ${assumptions.realisationFactor}`,
      ),
    );
  }
  if (!isPermissiveLicense(model.license)) {
    const name = model.licenseName ?? model.license;
    out.push(warning('license-not-permissive', `${model.name} is under ${name}, not an OSI-approved permissive licence`));
  }
  if (contextTokens > model.nativeContextTokens) {
    out.push(
      warning(
        'context-exceeds-native',
        `${contextTokens} tokens per sequence exceed ${model.name}'s native context of ${model.nativeContextTokens}`,
      ),
    );
  }
  if (BITS_PER_WEIGHT[precision] < BITS_PER_WEIGHT[model.nativeWeightPrecision]) {
    out.push(
      warning('quantised-weights', `${precision} weights are coarser than the native ${model.nativeWeightPrecision}; quality may drop`),
    );
  }
  if (model.architecture === 'hybrid' && model.numLayers > model.numAttentionLayers && model.ssmStateElementsPerLayer === null) {
    out.push(warning('ssm-state-unknown', `${model.name} has no ssmStateElementsPerLayer; recurrent state counted as 0`));
  }
  if (model.estimate) out.push(warning('estimated-figures', `${model.name} profile figures are estimates`));
  return out;
}

function memoryReport(
  plan: MemoryPlan,
  weights: ReturnType<typeof weightBytes>,
  kvBytesPerToken: number,
  kvBytesPerSequence: number,
  ssmBytes: number,
): MemoryReport {
  return {
    weightsGb: weights.totalBytes / GB,
    weightsGbPerGpu: plan.weightBytesPerGpu / GB,
    expertWeightsGb: weights.expertBytes / GB,
    nonExpertWeightsGb: weights.nonExpertBytes / GB,
    usableGbPerGpu: plan.usableBytesPerGpu / GB,
    kvBudgetGb: plan.kvBudgetBytes / GB,
    kvCacheBytesPerToken: kvBytesPerToken,
    kvCacheGbPerSequence: kvBytesPerSequence / GB,
    ssmStateGbPerSequence: ssmBytes / GB,
    maxSequencesByMemory: plan.maxSequencesByMemory,
  };
}

/**
 * Estimates one replica of `model` on `hardware`: the tensor-parallel group, memory use, the
 * concurrency, output tokens/s (total, per GPU, per user), time to first token, time per output
 * token and the bottleneck. See docs/cost-model.md §2–3 for every formula.
 *
 * Concurrency: `options.concurrency` when given (lowered to what memory holds, with a warning);
 * otherwise, with a target (min tokens/s per user, max TTFT, max time per output token), the
 * largest concurrency meeting all targets (binary search; concurrency 1 with an
 * `slo-unreachable` warning when none does); otherwise the largest concurrency memory and the
 * engine limit allow, which maximises throughput because throughput never falls with concurrency.
 *
 * A model that does not fit returns `{ fits: false, bottleneck: 'memory-capacity' }` with a
 * `does-not-fit` warning rather than throwing.
 *
 * Units: tokens, seconds, tokens per second; memory in GB (decimal) unless named bytes.
 *
 * @throws {CalcInputError} for invalid options, profiles or assumptions (field named), e.g.
 *   `inputTokens` ≤ 0, `gpus` not a positive integer, `model.activeParamsB` > total.
 * @example
 * // Llama 3.1 70B bf16 on H100 SXM, 1,000 in / 200 out, default assumptions:
 * const r = estimateDeployment(llama70b, h100, { inputTokens: 1000, outputTokens: 200 });
 * r.fits;           // true
 * r.gpusPerReplica; // 2 (140 GB of weights; 2 × 72 GB usable leaves 4 GB of KV cache)
 * r.concurrency;    // 10 (4e9 B ÷ (1,200 tokens × 327,680 B))
 */
export function estimateDeployment(model: ModelShape, hardware: HardwareShape, options: DeploymentOptions): DeploymentEstimate {
  validateOptions(model, options);
  validateHardware(hardware);
  const precision = options.precision ?? model.nativeWeightPrecision;
  const assumptions = resolveAssumptions(hardware, precision, options.assumptions);
  const request: RequestShape = {
    inputTokens: options.inputTokens,
    outputTokens: options.outputTokens,
    cachedInputShare: options.cachedInputShare ?? 0,
  };
  const contextTokens = request.inputTokens + request.outputTokens;

  const split = parameterSplit(model);
  const weights = weightBytes(model, precision, split);
  const baseLayout = kvLayout(model);
  const ssmBytes = ssmStateBytesPerSequence(baseLayout, assumptions.ssmStatePrecision);
  const usable = usableMemoryBytesPerGpu(hardware.memoryGb, assumptions.gpuMemoryUtilization);
  const dataParallelAttention = assumptions.attentionDataParallel;
  // Cache layout and resident weights depend on the group size: KV heads (or an MLA latent) are
  // replicated when TP exceeds them, and attention data parallelism replicates non-expert weights.
  const layoutAt = (tp: number) => groupKvLayout(baseLayout, model, tp, dataParallelAttention);
  const planAt = (tp: number): MemoryPlan =>
    planMemory(
      usable,
      weights.totalBytes + (dataParallelAttention ? weights.nonExpertBytes * (tp - 1) : 0),
      kvCacheBytesPerSequence(layoutAt(tp), contextTokens, assumptions.kvCachePrecision) + ssmBytes,
      tp,
    );
  let plan: MemoryPlan | null = options.gpus !== undefined ? planAt(options.gpus) : null;
  if (plan === null) {
    for (const tp of tensorParallelCandidates(assumptions.maxTensorParallel)) {
      const candidate = planAt(tp);
      if (candidate.fits) {
        plan = candidate;
        break;
      }
    }
    plan ??= planAt(assumptions.maxTensorParallel);
  }
  const layout = layoutAt(plan.tensorParallel);
  const kvBytesPerSequence = plan.bytesPerSequence - ssmBytes;
  const bytesPerSequence = plan.bytesPerSequence;

  const warnings = profileWarnings(model, hardware, precision, assumptions, contextTokens);
  const common: DeploymentCommon = {
    modelName: model.name,
    hardwareName: hardware.name,
    precision,
    kvCachePrecision: assumptions.kvCachePrecision,
    request,
    gpusPerReplica: plan.tensorParallel,
    memory: memoryReport(plan, weights, kvCacheBytesPerToken(layout, assumptions.kvCachePrecision), kvBytesPerSequence, ssmBytes),
    assumptions,
    warnings,
  };

  if (!plan.fits) {
    const needGb = (weights.totalBytes + bytesPerSequence) / GB;
    warnings.push(
      warning(
        'does-not-fit',
        `${model.name} at ${precision} needs ${needGb.toFixed(1)} GB for weights plus one ${contextTokens}-token sequence; ` +
          `${plan.tensorParallel} x ${hardware.name} offer ${((plan.tensorParallel * usable) / GB).toFixed(1)} GB usable`,
      ),
    );
    // Fields listed one by one (no spread): spreading into a larger literal is slow in V8.
    return {
      modelName: common.modelName,
      hardwareName: common.hardwareName,
      precision: common.precision,
      kvCachePrecision: common.kvCachePrecision,
      request: common.request,
      gpusPerReplica: common.gpusPerReplica,
      memory: common.memory,
      assumptions: common.assumptions,
      warnings: common.warnings,
      fits: false,
      bottleneck: 'memory-capacity',
    };
  }

  const tp = plan.tensorParallel;
  const peak = computePeak(hardware, precision);
  if (peak.derivedFrom !== null) {
    warnings.push(
      warning('compute-peak-derived', `${hardware.name} has no BF16 TFLOPS figure; derived from its ${peak.derivedFrom} figure`),
    );
  }
  if (tp > 1 && interconnectClass(hardware.interconnect) === 'pcie') {
    warnings.push(
      warning(
        'pcie-tensor-parallel',
        `tensor parallelism over ${hardware.interconnect ?? 'an unknown link'} is slow; consider fewer GPUs per replica`,
      ),
    );
  }
  const replica: ReplicaModel = {
    tensorParallel: tp,
    numLayers: model.numLayers,
    hiddenSize: model.hiddenSize,
    activeParams: split.activeParams,
    split,
    weights,
    layout,
    kvCachePrecision: assumptions.kvCachePrecision,
    ssmStateBytesPerSequence: ssmBytes,
    nonExpertReadCopies: dataParallelAttention ? tp : 1,
    prefillChunkTokens: assumptions.prefillChunkTokens,
    speculativeTokens: assumptions.speculativeTokens,
    tokensPerStep: expectedTokensPerStep(assumptions.speculativeTokens, assumptions.draftAcceptanceRate),
    draftCostShare: assumptions.draftCostShare,
    bandwidthBytesPerSecond: tp * hardware.memoryBandwidthTBps * 1e12 * assumptions.realisationFactor * assumptions.bandwidthEfficiency,
    flopsPerSecond:
      tp *
      peak.tflops *
      1e12 *
      assumptions.realisationFactor *
      assumptions.computeEfficiency *
      (1 - assumptions.tpComputeLossPerDoubling) ** Math.log2(tp),
    moeEfficiency: expertKernelEfficiency(model, split, assumptions.moeHalfEfficiencyWidth),
    perStepOverheadSeconds: assumptions.perStepOverheadMs / 1e3,
    tpLatencyPerLayerSeconds: (assumptions.tpLatencyPerLayerUs / 1e6) * Math.log2(tp),
    linkBytesPerSecond: (assumptions.interconnectGBps * GB) / 2,
  };
  const prefillAlone = prefillSeconds(replica, request);
  const measured = assumptions.measuredOutputTokensPerSecondPerGpu;
  const measuredTotal = measured === null ? null : measured * tp;
  if (measured !== null) {
    warnings.push(warning('measured-throughput-used', `a measured ${measured} output tokens/s per GPU replaces the modelled throughput`));
  }
  const at = (n: number): OperatingPoint => operatingPoint(replica, request, n, prefillAlone, measuredTotal);

  const engineLimit = Math.min(plan.maxSequencesByMemory, assumptions.maxConcurrentSequences);
  const targets = {
    tpot: Math.min(
      options.minOutputTokensPerSecondPerUser === undefined ? Number.POSITIVE_INFINITY : 1 / options.minOutputTokensPerSecondPerUser,
      options.maxTimePerOutputTokenSeconds ?? Number.POSITIVE_INFINITY,
    ),
    ttft: options.maxTimeToFirstTokenSeconds ?? Number.POSITIVE_INFINITY,
  };
  const hasTargets = Number.isFinite(targets.tpot) || Number.isFinite(targets.ttft);
  const meets = (p: OperatingPoint): boolean => p.timePerOutputTokenSeconds <= targets.tpot && p.timeToFirstTokenSeconds <= targets.ttft;

  // At the engine limit, memory is what stops more sequences when it holds no more than the limit.
  const limitReason: ConcurrencyReason =
    plan.maxSequencesByMemory <= assumptions.maxConcurrentSequences ? 'memory-capacity' : 'engine-limit';
  let selection: ConcurrencySelection;
  let concurrency: number;
  let reason: ConcurrencyReason;
  if (options.concurrency !== undefined) {
    selection = 'given';
    concurrency = Math.min(options.concurrency, plan.maxSequencesByMemory);
    reason = options.concurrencyReason ?? 'given';
    if (concurrency < options.concurrency) {
      reason = 'memory-capacity';
      warnings.push(
        warning(
          'concurrency-capped',
          `concurrency ${options.concurrency} lowered to ${concurrency}: the KV cache holds ${plan.maxSequencesByMemory} sequences of ${contextTokens} tokens`,
        ),
      );
    }
  } else if (hasTargets) {
    selection = 'target';
    const found = largestMeeting(engineLimit, (n) => meets(at(n)));
    concurrency = found ?? 1;
    reason = found === null ? 'target-unreachable' : found === engineLimit ? limitReason : 'latency-target';
  } else {
    selection = 'max-throughput';
    concurrency = engineLimit;
    reason = limitReason;
  }

  const point = at(concurrency);
  const targetsMet = hasTargets ? meets(point) : null;
  if (targetsMet === false) {
    warnings.push(
      warning(
        'slo-unreachable',
        `at concurrency ${concurrency} the time per output token is ${point.timePerOutputTokenSeconds.toFixed(4)} s and time to first token ${point.timeToFirstTokenSeconds.toFixed(3)} s; the target is not met`,
      ),
    );
  }
  const bottleneck = bindingLimit(reason, point.step);
  const total = point.outputTokensPerSecond;

  return {
    modelName: common.modelName,
    hardwareName: common.hardwareName,
    precision: common.precision,
    kvCachePrecision: common.kvCachePrecision,
    request: common.request,
    gpusPerReplica: common.gpusPerReplica,
    memory: common.memory,
    assumptions: common.assumptions,
    warnings: common.warnings,
    fits: true,
    concurrency,
    concurrencySelection: selection,
    concurrencyReason: reason,
    targetsMet,
    outputTokensPerSecond: { total, perGpu: total / tp, perUser: 1 / point.timePerOutputTokenSeconds },
    requestsPerSecond: total / request.outputTokens,
    timeToFirstTokenSeconds: point.timeToFirstTokenSeconds,
    timePerOutputTokenSeconds: point.timePerOutputTokenSeconds,
    bottleneck,
    throughputSource: measured === null ? 'model' : 'measured',
    step: point.step,
    prefillSeconds: prefillAlone,
    prefillTimeShare: point.step.prefillTimeShare,
  };
}

/**
 * What binds throughput at the chosen operating point (see {@link Bottleneck}): a latency target
 * that capped the concurrency; otherwise the largest part of the decode step — tensor-parallel
 * communication (`interconnect`), else the memory-bound or compute-bound parts; a memory-bound step
 * at a concurrency the KV cache capped is `memory-capacity` (more room would have added sequences).
 *
 * @example
 * bindingLimit('latency-target', step);                                     // 'latency-target'
 * bindingLimit('memory-capacity', { memoryBoundSeconds: 0.02, computeBoundSeconds: 0.005, tensorParallelSeconds: 0.001 }); // 'memory-capacity'
 * bindingLimit('engine-limit', { memoryBoundSeconds: 0.002, computeBoundSeconds: 0.001, tensorParallelSeconds: 0.004 });   // 'interconnect'
 */
export function bindingLimit(
  reason: ConcurrencyReason,
  step: Pick<DecodeStep, 'memoryBoundSeconds' | 'computeBoundSeconds' | 'tensorParallelSeconds'>,
): Bottleneck {
  if (reason === 'latency-target' || reason === 'target-unreachable') return 'latency-target';
  if (step.tensorParallelSeconds > step.memoryBoundSeconds && step.tensorParallelSeconds > step.computeBoundSeconds) return 'interconnect';
  if (step.computeBoundSeconds >= step.memoryBoundSeconds) return 'compute';
  return reason === 'memory-capacity' ? 'memory-capacity' : 'memory-bandwidth';
}

/**
 * The replica size a comparison uses (POST /compare for a batch workload; an interactive one sizes
 * for its SLO over every size, docs/capacity.md): of the tensor-parallel sizes from the smallest that holds the model (`smallest`) up
 * to `maxTensorParallel`, the one that meets the targets (when any) with the most output tokens/s
 * per GPU — GPU cost is proportional to GPUs, so that is the lowest cost per token; ties keep the
 * smaller size. POST /estimates reports it beside the smallest size (`recommendedTensorParallel`).
 *
 * @example
 * // Llama 3.3 70B fp8 on H100: 1 GPU holds the weights but leaves ~2 GB of KV cache (4 sequences);
 * // 2 GPUs serve several times the tokens/s per GPU.
 * recommendedDeployment(estimateDeployment(llama, h100, opts), (g) => estimateDeployment(llama, h100, { ...opts, gpus: g })).gpusPerReplica; // 2
 */
export function recommendedDeployment(smallest: FittingDeployment, estimateAt: (gpus: number) => DeploymentEstimate): FittingDeployment {
  let best = smallest;
  for (const gpus of tensorParallelCandidates(smallest.assumptions.maxTensorParallel)) {
    if (gpus <= smallest.gpusPerReplica) continue;
    const d = estimateAt(gpus);
    if (d.fits && betterReplica(d, best)) best = d;
  }
  return best;
}

/** True when `a` meets targets `b` misses, or meets them equally and serves more tokens/s per GPU. */
function betterReplica(a: FittingDeployment, b: FittingDeployment): boolean {
  const meets = (d: FittingDeployment) => d.targetsMet !== false;
  if (meets(a) !== meets(b)) return meets(a);
  return a.outputTokensPerSecond.perGpu > b.outputTokensPerSecond.perGpu;
}
