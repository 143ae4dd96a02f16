/**
 * Memory fit: usable memory per GPU, the smallest tensor-parallel group that holds the
 * weights with room for a sequence, and how many sequences a replica can hold.
 */

const GB = 1e9;

/**
 * Memory the engine may fill with weights and KV cache on one GPU, bytes:
 * memoryGb × 1e9 × gpuMemoryUtilization. The remainder (10 % at the 0.90 default) is left for
 * activations, CUDA graphs, communication buffers and fragmentation, as vLLM's
 * `gpu_memory_utilization` does.
 *
 * @example
 * usableMemoryBytesPerGpu(80, 0.9); // 72e9
 */
export function usableMemoryBytesPerGpu(memoryGb: number, gpuMemoryUtilization: number): number {
  return memoryGb * GB * gpuMemoryUtilization;
}

/**
 * Sequences that fit in a KV budget: floor(budget / bytes per sequence), 0 when the budget is
 * negative. A sequence is sized at its final length (input + output tokens), the state every
 * sequence of a batch reaches together in a max-throughput run.
 *
 * @example
 * maxSequencesInMemory(4e9, 671_088_640); // 5  (Llama 70B bf16, 2,048 tokens, TP 2 at 0.90)
 */
export function maxSequencesInMemory(kvBudgetBytes: number, bytesPerSequence: number): number {
  if (kvBudgetBytes <= 0) return 0;
  if (bytesPerSequence <= 0) return Number.MAX_SAFE_INTEGER;
  return Math.floor(kvBudgetBytes / bytesPerSequence + 1e-9);
}

/**
 * Tensor-parallel sizes considered: powers of two up to `maxTensorParallel`, plus
 * `maxTensorParallel` itself when it is not a power of two (e.g. 72 for an NVL72 domain).
 *
 * @example
 * tensorParallelCandidates(8);  // [1, 2, 4, 8]
 * tensorParallelCandidates(12); // [1, 2, 4, 8, 12]
 */
export function tensorParallelCandidates(maxTensorParallel: number): number[] {
  const out: number[] = [];
  for (let tp = 1; tp <= maxTensorParallel; tp *= 2) out.push(tp);
  if (out[out.length - 1] !== maxTensorParallel) out.push(maxTensorParallel);
  return out;
}

export interface MemoryPlan {
  tensorParallel: number;
  /** Usable bytes per GPU (memory × utilisation). */
  usableBytesPerGpu: number;
  /** Resident weight bytes per GPU (weights split evenly across the group). */
  weightBytesPerGpu: number;
  /** Bytes left for KV cache and recurrent state across the group (never negative). */
  kvBudgetBytes: number;
  /** Cache bytes one sequence needs at its final length, KV plus recurrent state. */
  bytesPerSequence: number;
  /** floor(kvBudgetBytes / bytesPerSequence). */
  maxSequencesByMemory: number;
  /** True when the weights fit with room for at least one sequence. */
  fits: boolean;
}

/**
 * Memory plan of one replica of `tensorParallel` GPUs:
 *   budget = tensorParallel × usable per GPU − weight bytes
 *   max sequences = floor(budget / (KV bytes at final length + recurrent state bytes))
 *
 * @example
 * // Llama 3.1 70B bf16 (140e9 B) on H100 80 GB at 0.90, 1,024 + 1,024 tokens (671,088,640 B/seq):
 * planMemory(72e9, 140e9, 671_088_640, 2); // kvBudgetBytes 4e9, maxSequencesByMemory 5, fits true
 * planMemory(72e9, 140e9, 671_088_640, 1); // kvBudgetBytes 0,   maxSequencesByMemory 0, fits false
 */
export function planMemory(usableBytesPerGpu: number, weightBytes: number, bytesPerSequence: number, tensorParallel: number): MemoryPlan {
  const kvBudgetBytes = Math.max(0, tensorParallel * usableBytesPerGpu - weightBytes);
  const maxSequencesByMemory = maxSequencesInMemory(kvBudgetBytes, bytesPerSequence);
  return {
    tensorParallel,
    usableBytesPerGpu,
    weightBytesPerGpu: weightBytes / tensorParallel,
    kvBudgetBytes,
    bytesPerSequence,
    maxSequencesByMemory,
    fits: maxSequencesByMemory >= 1,
  };
}

/**
 * The smallest tensor-parallel group (from {@link tensorParallelCandidates}) whose plan fits, or
 * null when none up to `maxTensorParallel` does.
 *
 * @example
 * // Llama 3.1 70B bf16 on H100 80 GB, 2,048-token sequences:
 * smallestTensorParallel(72e9, 140e9, 671_088_640, 8)?.tensorParallel;  // 2 (at 0.90)
 * smallestTensorParallel(68e9, 140e9, 671_088_640, 8)?.tensorParallel;  // 4 (at 0.85)
 */
export function smallestTensorParallel(
  usableBytesPerGpu: number,
  weightBytes: number,
  bytesPerSequence: number,
  maxTensorParallel: number,
): MemoryPlan | null {
  for (const tp of tensorParallelCandidates(maxTensorParallel)) {
    const plan = planMemory(usableBytesPerGpu, weightBytes, bytesPerSequence, tp);
    if (plan.fits) return plan;
  }
  return null;
}
