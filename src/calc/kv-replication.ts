/**
 * KV-cache replication under tensor parallelism: attention is split across GPUs by KV head, so
 * when a group has more GPUs than KV heads each head's cache is stored (and read) on several
 * GPUs. Multi-head latent attention (MLA) caches one latent vector per token that every GPU of a
 * tensor-parallel group keeps whole. Attention data parallelism (each GPU runs attention for its
 * own sequences) stores every sequence's cache once.
 */
import type { KvLayout } from './kv-cache.js';
import type { ModelShape } from './model-checks.js';

/**
 * Copies of each cached element held across a tensor-parallel group of `tensorParallel` GPUs:
 *   attention data parallel → 1
 *   MLA (kvLatentDim set)   → TP
 *   otherwise               → TP ÷ min(TP, KV heads)   (vLLM QKVParallelLinear replicates heads
 *                             when TP > KV heads; engines follow the same layout)
 * `kvHeads` is the head count of the layer kind (windowed or global).
 *
 * @example
 * kvCopies(8, 8, false, false);  // 1  (Llama 3.1 70B at TP 8)
 * kvCopies(4, 8, false, false);  // 2  (Qwen3-235B, 4 KV heads, at TP 8)
 * kvCopies(1, 8, true, false);   // 8  (DeepSeek MLA at TP 8)
 * kvCopies(1, 8, true, true);    // 1  (same, attention data parallel)
 */
export function kvCopies(kvHeads: number, tensorParallel: number, latent: boolean, attentionDataParallel: boolean): number {
  if (attentionDataParallel || tensorParallel <= 1) return 1;
  if (latent) return tensorParallel;
  return tensorParallel / Math.min(tensorParallel, Math.max(1, kvHeads));
}

/**
 * The cache layout as stored across a tensor-parallel group: elements per token multiplied by
 * {@link kvCopies} for full and windowed layers separately. Recurrent (SSM) state is split by
 * head as well and is not replicated.
 *
 * @example
 * // Qwen3-235B (4 KV heads × 128, 94 layers) at TP 8: 2 × 4 × 128 × 2 copies = 2,048 elements/token/layer
 * groupKvLayout(kvLayout(qwen235b), qwen235b, 8, false).elementsPerTokenFull; // 2048
 */
export function groupKvLayout(
  layout: KvLayout,
  model: Pick<ModelShape, 'numKvHeads' | 'globalNumKvHeads' | 'kvLatentDim'>,
  tensorParallel: number,
  attentionDataParallel: boolean,
): KvLayout {
  const latent = model.kvLatentDim !== null;
  const full = kvCopies(model.globalNumKvHeads ?? model.numKvHeads, tensorParallel, latent, attentionDataParallel);
  const windowed = kvCopies(model.numKvHeads, tensorParallel, latent, attentionDataParallel);
  if (full === 1 && windowed === 1) return layout;
  return {
    ...layout,
    elementsPerTokenFull: layout.elementsPerTokenFull * full,
    elementsPerTokenWindowed: layout.elementsPerTokenWindowed * windowed,
  };
}
