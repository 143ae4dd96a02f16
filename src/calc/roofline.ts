/**
 * The throughput and latency model of one replica: a roofline with calibrated efficiency
 * factors plus separate terms for tensor-parallel communication, fixed per-step overhead and
 * prefill/decode interference in continuous batching. Everything here works on a
 * {@link ReplicaModel} of precomputed numbers so that one evaluation is a few dozen
 * floating-point operations.
 */
import { expertsTouchedPerStep } from './expert-activation.js';
import type { KvLayout } from './kv-cache.js';
import { kvCacheBytesPerSequence } from './kv-cache.js';
import type { KvCachePrecision } from './precision.js';
import type { ParameterSplit, WeightBytes } from './weights.js';

/** Bytes per activation element exchanged in tensor-parallel all-reduces (BF16). */
const ACTIVATION_BYTES = 2;
/** All-reduces per transformer layer per forward step (after attention and after the MLP). */
const ALL_REDUCES_PER_LAYER = 2;

export interface ReplicaModel {
  tensorParallel: number;
  numLayers: number;
  hiddenSize: number;
  /** Parameters multiplied per token (2 FLOPs each). */
  activeParams: number;
  split: ParameterSplit;
  weights: WeightBytes;
  layout: KvLayout;
  kvCachePrecision: KvCachePrecision;
  /** Recurrent-state bytes per sequence, read once per decode step. */
  ssmStateBytesPerSequence: number;
  /** Achievable memory bandwidth of the whole group, bytes/s: TP × peak × realisation × efficiency. */
  bandwidthBytesPerSecond: number;
  /** Achievable compute of the whole group, FLOP/s: TP × peak × realisation × efficiency. */
  flopsPerSecond: number;
  /** Efficiency of routed-expert kernels relative to dense GEMMs, (0, 1]: see {@link expertKernelEfficiency}. */
  moeEfficiency: number;
  perStepOverheadSeconds: number;
  /** TP latency per layer per step at this group size: base × log2(TP); 0 at TP 1. */
  tpLatencyPerLayerSeconds: number;
  /** One-direction scale-up bandwidth per GPU, bytes/s (half the bidirectional figure). */
  linkBytesPerSecond: number;
  /**
   * Copies of the non-expert weights read per step across the group: 1 under tensor
   * parallelism, TP under attention data parallelism (every GPU reads all attention weights).
   */
  nonExpertReadCopies: number;
  /** Largest prompt chunk prefilled in one step, tokens. */
  prefillChunkTokens: number;
  /** Draft tokens proposed per step (speculative decoding / MTP); 0 = off. */
  speculativeTokens: number;
  /** Expected tokens emitted per sequence per step, ≥ 1 (see expectedTokensPerStep). */
  tokensPerStep: number;
  /** One draft forward as a share of a one-token target decode step. */
  draftCostShare: number;
}

export interface RequestShape {
  inputTokens: number;
  outputTokens: number;
  /** Share of input tokens served from the prefix cache (not recomputed). */
  cachedInputShare: number;
}

/** Σ_{p=1..x} min(p, window) in continuous form: x²/2 below the window, then linear. */
function cappedPositionSum(x: number, window: number): number {
  if (x <= window) return (x * x) / 2;
  return (window * window) / 2 + window * (x - window);
}

/**
 * Efficiency of routed-expert kernels relative to dense GEMMs: w ÷ (w + w½), where w is the
 * expert MLP width estimated from the parameters of one expert, assuming a gated MLP (three
 * hidden × w matrices) in every layer: w = paramsPerExpert ÷ numLayers ÷ (3 × hiddenSize); w½ is
 * the calibrated `moeHalfEfficiencyWidth`. 1 for dense models.
 *
 * @example
 * // gpt-oss-120b: 0.9024e9 / 36 / (3 × 2880) = 2,901; with w½ = 10,000 → 2,901 / 12,901 = 0.225
 */
export function expertKernelEfficiency(
  model: Pick<ReplicaModel, 'numLayers' | 'hiddenSize'>,
  split: ParameterSplit,
  halfEfficiencyWidth: number,
): number {
  if (!split.isMoe || split.paramsPerExpert === 0) return 1;
  const width = split.paramsPerExpert / model.numLayers / (3 * model.hiddenSize);
  return width / (width + halfEfficiencyWidth);
}

/**
 * Attention FLOPs of one decode token at context `contextTokens`:
 *   4 × hiddenSize × (full layers × context + windowed layers × min(context, window))
 * (QKᵀ and AV, 2 FLOPs per multiply-add; the query width is approximated by hiddenSize).
 *
 * @example
 * // Llama 3.1 70B (80 full layers, hidden 8192) at 2,048 tokens: 4 × 8192 × 80 × 2048 = 5.37e9
 */
export function decodeAttentionFlopsPerToken(replica: Pick<ReplicaModel, 'layout' | 'hiddenSize'>, contextTokens: number): number {
  const { layout } = replica;
  return (
    4 * replica.hiddenSize * (layout.fullLayers * contextTokens + layout.windowedLayers * Math.min(contextTokens, layout.windowTokens))
  );
}

/**
 * Causal attention FLOPs to prefill one request's new (non-cached) prompt positions:
 *   4 × hiddenSize × [full layers × (I² − c²)/2 + windowed layers × (S_W(I) − S_W(c))]
 * where c is the cached prefix length and S_W the window-capped position sum.
 *
 * @example
 * // Llama 3.1 70B, 1,000 new tokens: 4 × 8192 × 80 × 1000²/2 = 1.311e12
 */
export function prefillAttentionFlops(replica: Pick<ReplicaModel, 'layout' | 'hiddenSize'>, shape: RequestShape): number {
  const { layout } = replica;
  const input = shape.inputTokens;
  const cached = input * shape.cachedInputShare;
  const full = (layout.fullLayers * (input * input - cached * cached)) / 2;
  const windowed = layout.windowedLayers * (cappedPositionSum(input, layout.windowTokens) - cappedPositionSum(cached, layout.windowTokens));
  return 4 * replica.hiddenSize * (full + windowed);
}

/**
 * FLOPs to prefill one request: 2 × active parameters × new tokens plus
 * {@link prefillAttentionFlops}.
 *
 * @example
 * // Llama 3.1 70B, 1,000 new tokens: 2 × 70e9 × 1000 + 1.311e12 = 1.413e14
 */
export function prefillFlops(replica: Pick<ReplicaModel, 'layout' | 'hiddenSize' | 'activeParams'>, shape: RequestShape): number {
  const newTokens = shape.inputTokens * (1 - shape.cachedInputShare);
  return 2 * replica.activeParams * newTokens + prefillAttentionFlops(replica, shape);
}

/**
 * Tensor-parallel communication time of one forward step processing `tokens` tokens:
 *   2 all-reduces × layers × (latency per layer + 2(TP−1)/TP × tokens × hidden × 2 B / link bandwidth)
 * Zero at TP 1.
 *
 * @example
 * // TP 4 on NVLink 4 (450e9 B/s one way), 80 layers, hidden 8192, 10 µs × log2(4) = 20 µs, 64 tokens:
 * // 2 × 80 × (20e-6 + 1.5 × 64 × 8192 × 2 / 450e9) = 2 × 80 × (20e-6 + 3.5e-6) = 3.76e-3 s
 */
export function tensorParallelSeconds(replica: ReplicaModel, tokens: number): number {
  const tp = replica.tensorParallel;
  if (tp <= 1) return 0;
  const bytes = tokens * replica.hiddenSize * ACTIVATION_BYTES;
  const transfer = (((2 * (tp - 1)) / tp) * bytes) / replica.linkBytesPerSecond;
  return ALL_REDUCES_PER_LAYER * replica.numLayers * (replica.tpLatencyPerLayerSeconds + transfer);
}

export type StepBound = 'compute' | 'memory-bandwidth';

/** Time of one forward pass, split by kernel class; each class is its own roofline. */
export interface ForwardPassTimes {
  /** Non-expert layers (attention projections, dense MLPs, shared experts): max(weights read, GEMM FLOPs). */
  denseSeconds: number;
  /** Routed experts: max(touched experts read, expert FLOPs ÷ moeEfficiency); 0 for dense models. */
  expertSeconds: number;
  /** Decode attention: max(KV cache + recurrent state read, attention FLOPs). */
  decodeAttentionSeconds: number;
  /** Causal attention over new prompt tokens (compute-bound). */
  prefillAttentionSeconds: number;
  overheadSeconds: number;
  tensorParallelSeconds: number;
  /** Sum of all the above. */
  totalSeconds: number;
  /** Parts limited by memory bandwidth, summed (for the bottleneck). */
  memoryBoundSeconds: number;
  /** Parts limited by compute, summed. */
  computeBoundSeconds: number;
  weightBytesRead: number;
  kvBytesRead: number;
  flops: number;
}

interface ForwardPassWork {
  /** Sequences decoding (or verifying) `tokensPerSequence` tokens each. */
  decodeSequences: number;
  /** Tokens each decoding sequence runs through the model: 1, or 1 + draft tokens when verifying. */
  tokensPerSequence: number;
  /** Average context of those sequences. */
  decodeContextTokens: number;
  /** New prompt tokens processed in the same pass. */
  prefillTokens: number;
  /** Attention FLOPs of those prompt tokens. */
  prefillAttentionFlops: number;
  /** Prompt tokens per chunk: a share prefillTokens ÷ chunk of steps carries one (see expertsTouchedPerStep). */
  prefillChunkTokens: number;
}

/**
 * One forward pass. GEMM tokens (decode + prompt) share each weight read; each kernel class is
 * bounded by the slower of its memory traffic and its FLOPs, and the classes run one after the
 * other, so their times add.
 */
function forwardPass(replica: ReplicaModel, work: ForwardPassWork): ForwardPassTimes {
  const { split, weights } = replica;
  const bw = replica.bandwidthBytesPerSecond;
  const flops = replica.flopsPerSecond;
  const decodeTokens = work.decodeSequences * work.tokensPerSequence;
  const gemmTokens = decodeTokens + work.prefillTokens;

  // For dense models paramsPerExpert is 0, so the dense part is the whole model.
  const expertActiveParams = split.numExpertsActive * split.paramsPerExpert;
  const denseParams = split.activeParams - expertActiveParams;
  const denseBytes = weights.nonExpertBytes * replica.nonExpertReadCopies;
  const denseMemory = denseBytes / bw;
  const denseCompute = (2 * gemmTokens * denseParams) / flops;

  let expertMemory = 0;
  let expertCompute = 0;
  let expertBytes = 0;
  if (split.isMoe) {
    const touched = expertsTouchedPerStep(
      split.numExperts,
      split.numExpertsActive,
      decodeTokens,
      work.prefillTokens,
      work.prefillChunkTokens,
    );
    expertBytes = touched * weights.bytesPerExpert;
    expertMemory = expertBytes / bw;
    expertCompute = (2 * gemmTokens * expertActiveParams) / flops / replica.moeEfficiency;
  }

  const kvBytesRead =
    work.decodeSequences *
    (kvCacheBytesPerSequence(replica.layout, work.decodeContextTokens, replica.kvCachePrecision) + replica.ssmStateBytesPerSequence);
  const attentionMemory = kvBytesRead / bw;
  const decodeAttentionFlops = decodeTokens * decodeAttentionFlopsPerToken(replica, work.decodeContextTokens);
  const attentionCompute = decodeAttentionFlops / flops;
  const prefillAttentionSeconds = work.prefillAttentionFlops / flops;

  const overheadSeconds = replica.perStepOverheadSeconds;
  const tpSeconds = tensorParallelSeconds(replica, gemmTokens);
  const denseSeconds = Math.max(denseMemory, denseCompute);
  const expertSeconds = Math.max(expertMemory, expertCompute);
  const decodeAttentionSeconds = Math.max(attentionMemory, attentionCompute);

  const memoryBoundSeconds =
    (denseMemory >= denseCompute ? denseMemory : 0) +
    (expertMemory >= expertCompute ? expertMemory : 0) +
    (attentionMemory >= attentionCompute ? attentionMemory : 0);
  const computeBoundSeconds =
    prefillAttentionSeconds +
    (denseMemory >= denseCompute ? 0 : denseCompute) +
    (expertMemory >= expertCompute ? 0 : expertCompute) +
    (attentionMemory >= attentionCompute ? 0 : attentionCompute);
  return {
    denseSeconds,
    expertSeconds,
    decodeAttentionSeconds,
    prefillAttentionSeconds,
    overheadSeconds,
    tensorParallelSeconds: tpSeconds,
    totalSeconds: denseSeconds + expertSeconds + decodeAttentionSeconds + prefillAttentionSeconds + overheadSeconds + tpSeconds,
    memoryBoundSeconds,
    computeBoundSeconds,
    weightBytesRead: denseBytes + expertBytes,
    kvBytesRead,
    flops: 2 * gemmTokens * split.activeParams + decodeAttentionFlops + work.prefillAttentionFlops,
  };
}

export interface DecodeStep extends ForwardPassTimes {
  concurrency: number;
  /** Average context a sequence holds during decode: input + output / 2. */
  averageContextTokens: number;
  /** New prompt tokens prefilled per decode step on average: concurrency × τ × new input / output. */
  prefillTokensPerStep: number;
  /** Expected tokens each sequence emits per step, τ (1 without speculative decoding). */
  tokensPerStep: number;
  /** Drafting time of the step (speculative decoding), seconds; 0 when off. */
  draftSeconds: number;
  /** Wall time of one step: totalSeconds + draftSeconds. The time per output token is stepSeconds ÷ τ. */
  stepSeconds: number;
  bound: StepBound;
  /** Share of the step caused by prefill work: (step − step without prefill) ÷ step. */
  prefillTimeShare: number;
}

/**
 * One continuous-batching decode step with `concurrency` sequences.
 *
 * In steady state concurrency × τ ÷ outputTokens requests finish — and as many start — per step,
 * so steps also carry the prefill of that many prompts (chunked prefill): their tokens join the
 * GEMMs and their causal attention is added. This is how input tokens load the replica. Prompt
 * tokens arrive in chunks of min(new input, prefillChunkTokens), which decides how many routed
 * experts an average step reads (see expertsTouchedPerStep).
 * Step time = dense part + expert part + decode attention + prefill attention + fixed overhead +
 * TP communication, each part max(bytes ÷ bandwidth, FLOPs ÷ FLOP/s) (see docs/cost-model.md §3).
 *
 * Speculative decoding (speculativeTokens k > 0): each sequence verifies k + 1 tokens per step
 * (k + 1 times the GEMM and attention FLOPs, the same weight and KV reads) and emits τ of them on
 * average; drafting adds k × draftCostShare × (one-token decode step without prefill).
 *
 * @example
 * // 1 B-parameter bf16 model (10 layers, 128 KV elements per token per layer, hidden 1024) on
 * // 1e12 B/s and 1e14 FLOP/s, 100 in / 100 out, one sequence: weights 2e-3 s + KV 3.84e-7 s +
 * // prompt attention 2.048e-8 s
 * decodeStep(tiny, { inputTokens: 100, outputTokens: 100, cachedInputShare: 0 }, 1).stepSeconds; // 0.0020004045
 */
export function decodeStep(replica: ReplicaModel, shape: RequestShape, concurrency: number): DecodeStep {
  const averageContextTokens = shape.inputTokens + shape.outputTokens / 2;
  const tau = replica.tokensPerStep;
  const tokensPerSequence = 1 + replica.speculativeTokens;
  const requestsPerStep = (concurrency * tau) / shape.outputTokens;
  const newInputTokens = shape.inputTokens * (1 - shape.cachedInputShare);
  const prefillTokensPerStep = requestsPerStep * newInputTokens;
  const chunk = Math.max(1, Math.min(newInputTokens, replica.prefillChunkTokens));
  const withPrefill = forwardPass(replica, {
    decodeSequences: concurrency,
    tokensPerSequence,
    decodeContextTokens: averageContextTokens,
    prefillTokens: prefillTokensPerStep,
    prefillAttentionFlops: requestsPerStep * prefillAttentionFlops(replica, shape),
    prefillChunkTokens: chunk,
  });
  const decodeOnly = forwardPass(replica, {
    decodeSequences: concurrency,
    tokensPerSequence,
    decodeContextTokens: averageContextTokens,
    prefillTokens: 0,
    prefillAttentionFlops: 0,
    prefillChunkTokens: chunk,
  });
  const draftSeconds =
    replica.speculativeTokens > 0
      ? replica.speculativeTokens *
        replica.draftCostShare *
        (tokensPerSequence === 1
          ? decodeOnly.totalSeconds
          : forwardPass(replica, {
              decodeSequences: concurrency,
              tokensPerSequence: 1,
              decodeContextTokens: averageContextTokens,
              prefillTokens: 0,
              prefillAttentionFlops: 0,
              prefillChunkTokens: chunk,
            }).totalSeconds)
      : 0;
  const stepSeconds = withPrefill.totalSeconds + draftSeconds;
  // Fields listed one by one: an object spread here makes V8 fall back to slow objects in this hot path.
  return {
    denseSeconds: withPrefill.denseSeconds,
    expertSeconds: withPrefill.expertSeconds,
    decodeAttentionSeconds: withPrefill.decodeAttentionSeconds,
    prefillAttentionSeconds: withPrefill.prefillAttentionSeconds,
    overheadSeconds: withPrefill.overheadSeconds,
    tensorParallelSeconds: withPrefill.tensorParallelSeconds,
    totalSeconds: withPrefill.totalSeconds,
    memoryBoundSeconds: withPrefill.memoryBoundSeconds,
    computeBoundSeconds: withPrefill.computeBoundSeconds,
    weightBytesRead: withPrefill.weightBytesRead,
    kvBytesRead: withPrefill.kvBytesRead,
    flops: withPrefill.flops,
    concurrency,
    averageContextTokens,
    prefillTokensPerStep,
    tokensPerStep: tau,
    draftSeconds,
    stepSeconds,
    bound: withPrefill.computeBoundSeconds >= withPrefill.memoryBoundSeconds ? 'compute' : 'memory-bandwidth',
    prefillTimeShare: Math.max(0, (withPrefill.totalSeconds - decodeOnly.totalSeconds) / stepSeconds),
  };
}

/**
 * Time to prefill one request on an otherwise idle replica, seconds: one forward pass over its
 * new prompt tokens (weights read once, GEMM and attention FLOPs, overhead, TP communication).
 *
 * @example
 * // the 1 B-parameter model above, 100-token prompt: max(2e9 B / 1e12, 2e11 FLOPs / 1e14) + 2.048e-6 s attention
 * prefillSeconds(tiny, { inputTokens: 100, outputTokens: 100, cachedInputShare: 0 }); // 0.002002048
 */
export function prefillSeconds(replica: ReplicaModel, shape: RequestShape): number {
  const newTokens = Math.max(1, shape.inputTokens * (1 - shape.cachedInputShare));
  return forwardPass(replica, {
    decodeSequences: 0,
    tokensPerSequence: 1,
    decodeContextTokens: 0,
    prefillTokens: newTokens,
    prefillAttentionFlops: prefillAttentionFlops(replica, shape),
    prefillChunkTokens: newTokens,
  }).totalSeconds;
}
