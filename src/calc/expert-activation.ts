/**
 * How many routed experts a forward step reads, given the tokens in the step, when prompt
 * tokens arrive in chunks rather than spread evenly over decode steps.
 */
import { expectedExpertsTouched } from './weights.js';

/**
 * Expected distinct experts per MoE layer read by an average step of continuous batching.
 *
 * `decodeTokens` tokens decode in every step (sequences × tokens verified per sequence).
 * Prompt tokens arrive at P = `prefillTokensPerStep` per step on average, but an engine prefills
 * them in chunks of up to S = `chunkTokens` tokens (one prompt, or a slice of a long one), so
 * only a share p = min(1, P / S) of steps carries a chunk; the others read the experts of the
 * decode tokens alone. With T(n) = E × (1 − (1 − k/E)^n) (uniform routing):
 *   touched = (1 − p) × T(D) + p × T(D + max(S, P))
 * Because T is concave this is never more than T(D + P), the figure when prompt tokens are
 * spread evenly over steps; at P = 0 it is T(D); at P ≥ S every step carries P prompt tokens.
 *
 * Units: experts per layer. Inputs: numExperts E ≥ numActive k ≥ 1; token counts ≥ 0; S > 0.
 *
 * @example
 * // DeepSeek-R1 (256 experts, 8 active), 4 sequences decoding, 1,024-token prompts finishing
 * // every 1,024 steps each: P = 4 prompt tokens/step, S = 1,024 → p = 1/256.
 * // T(4) = 30.53; T(1028) = 256.0 → (255/256) × 30.53 + (1/256) × 256 = 31.41
 * // (spreading the prompt tokens evenly would give T(8) = 57.42 experts every step)
 * expertsTouchedPerStep(256, 8, 4, 4, 1024); // ≈ 31.41
 */
export function expertsTouchedPerStep(
  numExperts: number,
  numActive: number,
  decodeTokens: number,
  prefillTokensPerStep: number,
  chunkTokens: number,
): number {
  const decodeOnly = expectedExpertsTouched(numExperts, numActive, decodeTokens);
  if (prefillTokensPerStep <= 0) return decodeOnly;
  const share = Math.min(1, prefillTokensPerStep / chunkTokens);
  const withChunk = expectedExpertsTouched(numExperts, numActive, decodeTokens + Math.max(chunkTokens, prefillTokensPerStep));
  return (1 - share) * decodeOnly + share * withChunk;
}
