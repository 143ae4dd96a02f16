/**
 * The throughput and latency model of one replica: a roofline with calibrated efficiency
 * factors plus separate terms for tensor-parallel communication, fixed per-step overhead and
 * prefill/decode interference in continuous batching. Everything here works on a
 * {@link ReplicaModel} of precomputed numbers so that one evaluation is a few dozen
 * floating-point operations.
 */
import type { KvLayout } from './kv-cache.js';
import { kvCacheBytesPerSequence } from './kv-cache.js';
import type { KvCachePrecision } from './precision.js';
import type { ParameterSplit, WeightBytes } from './weights.js';
import { weightBytesReadPerStep } from './weights.js';

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
  perStepOverheadSeconds: number;
  /** TP latency per layer per step at this group size: base × log2(TP); 0 at TP 1. */
  tpLatencyPerLayerSeconds: number;
  /** One-direction scale-up bandwidth per GPU, bytes/s (half the bidirectional figure). */
  linkBytesPerSecond: number;
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
    4 *
    replica.hiddenSize *
    (layout.fullLayers * contextTokens + layout.windowedLayers * Math.min(contextTokens, layout.windowTokens))
  );
}

/**
 * FLOPs to prefill one request: 2 × active parameters × new tokens, plus causal attention over
 * the prompt for the new (non-cached) positions:
 *   4 × hiddenSize × [full × (I²/2 − c²/2) + windowed × (S_W(I) − S_W(c))]
 * where c is the cached prefix length and S_W the window-capped position sum.
 *
 * @example
 * // Llama 3.1 70B, 1,000 new tokens: 2 × 70e9 × 1000 + 4 × 8192 × 80 × 1000²/2 = 1.413e14
 */
export function prefillFlops(
  replica: Pick<ReplicaModel, 'layout' | 'hiddenSize' | 'activeParams'>,
  shape: RequestShape,
): number {
  const { layout } = replica;
  const input = shape.inputTokens;
  const cached = input * shape.cachedInputShare;
  const newTokens = input - cached;
  const full = (layout.fullLayers * (input * input - cached * cached)) / 2;
  const windowed =
    layout.windowedLayers * (cappedPositionSum(input, layout.windowTokens) - cappedPositionSum(cached, layout.windowTokens));
  return 2 * replica.activeParams * newTokens + 4 * replica.hiddenSize * (full + windowed);
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
  const transfer = ((2 * (tp - 1)) / tp) * bytes / replica.linkBytesPerSecond;
  return ALL_REDUCES_PER_LAYER * replica.numLayers * (replica.tpLatencyPerLayerSeconds + transfer);
}

export type StepBound = 'compute' | 'memory-bandwidth';

export interface DecodeStep {
  concurrency: number;
  /** Average context a sequence holds during decode: input + output / 2. */
  averageContextTokens: number;
  /** New prompt tokens prefilled per decode step on average: concurrency × new input / output. */
  prefillTokensPerStep: number;
  weightReadSeconds: number;
  kvReadSeconds: number;
  decodeComputeSeconds: number;
  prefillComputeSeconds: number;
  overheadSeconds: number;
  tensorParallelSeconds: number;
  /** max(memory, compute) + overhead + TP communication: the time per output token. */
  stepSeconds: number;
  bound: StepBound;
  /** Share of GPU time attributed to prefill (input tokens); see docs "Splitting cost". */
  prefillTimeShare: number;
}

/**
 * One continuous-batching decode step with `concurrency` sequences, each emitting one token.
 *
 * Memory time = (weights read + concurrency × (KV at average context + recurrent state)) / bandwidth.
 * Compute time = (concurrency × (2 × active + decode attention) + prefill FLOPs of the
 * concurrency/output new requests that start per step) / FLOP/s.
 * Step = max(memory, compute) + fixed overhead + TP communication.
 * In steady state concurrency / outputTokens requests finish — and as many start — per step,
 * so each step carries that share of prefill work; this is how input tokens load the replica.
 *
 * @example
 * decodeStep(replica, { inputTokens: 1000, outputTokens: 1000, cachedInputShare: 0 }, 64).stepSeconds;
 */
export function decodeStep(replica: ReplicaModel, shape: RequestShape, concurrency: number): DecodeStep {
  const averageContextTokens = shape.inputTokens + shape.outputTokens / 2;
  const newInputTokens = shape.inputTokens * (1 - shape.cachedInputShare);
  const requestsPerStep = concurrency / shape.outputTokens;
  const prefillTokensPerStep = requestsPerStep * newInputTokens;

  const weightBytesRead = weightBytesReadPerStep(replica.split, replica.weights, concurrency);
  const kvBytesRead =
    concurrency *
    (kvCacheBytesPerSequence(replica.layout, averageContextTokens, replica.kvCachePrecision) +
      replica.ssmStateBytesPerSequence);
  const weightReadSeconds = weightBytesRead / replica.bandwidthBytesPerSecond;
  const kvReadSeconds = kvBytesRead / replica.bandwidthBytesPerSecond;

  const decodeFlops =
    concurrency * (2 * replica.activeParams + decodeAttentionFlopsPerToken(replica, averageContextTokens));
  const decodeComputeSeconds = decodeFlops / replica.flopsPerSecond;
  const prefillComputeSeconds = (requestsPerStep * prefillFlops(replica, shape)) / replica.flopsPerSecond;

  const memorySeconds = weightReadSeconds + kvReadSeconds;
  const computeSeconds = decodeComputeSeconds + prefillComputeSeconds;
  const overheadSeconds = replica.perStepOverheadSeconds;
  const tpSeconds = tensorParallelSeconds(replica, concurrency + prefillTokensPerStep);
  const stepSeconds = Math.max(memorySeconds, computeSeconds) + overheadSeconds + tpSeconds;

  const decodeAloneSeconds =
    Math.max(memorySeconds, decodeComputeSeconds) + overheadSeconds + tensorParallelSeconds(replica, concurrency);
  const prefillTimeShare = prefillComputeSeconds / (prefillComputeSeconds + decodeAloneSeconds);

  return {
    concurrency,
    averageContextTokens,
    prefillTokensPerStep,
    weightReadSeconds,
    kvReadSeconds,
    decodeComputeSeconds,
    prefillComputeSeconds,
    overheadSeconds,
    tensorParallelSeconds: tpSeconds,
    stepSeconds,
    bound: computeSeconds >= memorySeconds ? 'compute' : 'memory-bandwidth',
    prefillTimeShare,
  };
}

/**
 * Time to prefill one request on an otherwise idle replica, seconds: the larger of its compute
 * time and the time to read the weights its tokens touch, plus one step's overhead and TP
 * communication for its tokens.
 *
 * @example
 * // Llama 3.1 70B on 4 × H100, 1,000 tokens: ≈ 1.413e14 FLOPs / effective FLOP/s + overheads
 */
export function prefillSeconds(replica: ReplicaModel, shape: RequestShape): number {
  const newTokens = Math.max(1, shape.inputTokens * (1 - shape.cachedInputShare));
  const compute = prefillFlops(replica, shape) / replica.flopsPerSecond;
  const memory = weightBytesReadPerStep(replica.split, replica.weights, newTokens) / replica.bandwidthBytesPerSecond;
  return Math.max(compute, memory) + replica.perStepOverheadSeconds + tensorParallelSeconds(replica, newTokens);
}
