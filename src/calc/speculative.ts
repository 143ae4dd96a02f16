/**
 * Speculative decoding and multi-token prediction (MTP, EAGLE, draft models): a cheap drafter
 * proposes k tokens, the target model verifies all of them in one forward step and keeps the
 * longest accepted prefix plus one token of its own.
 */

/**
 * Expected tokens a sequence emits per target-model step when `draftTokens` (k) tokens are
 * proposed and each is accepted with probability `acceptanceRate` (α) given that the previous
 * ones were (the standard geometric model, Leviathan et al. 2023, "Fast Inference from
 * Transformers via Speculative Decoding", eq. 1):
 *   τ = (1 − α^(k+1)) / (1 − α)        (= k + 1 at α = 1; = 1 at α = 0 or k = 0)
 *
 * Units: tokens per step (≥ 1). Inputs: k a non-negative integer, α in [0, 1].
 *
 * @example
 * expectedTokensPerStep(0, 0.9);  // 1
 * expectedTokensPerStep(3, 0);    // 1
 * expectedTokensPerStep(1, 0.85); // 1.85
 * expectedTokensPerStep(3, 0.5);  // (1 − 0.0625) / 0.5 = 1.875
 * expectedTokensPerStep(2, 1);    // 3
 */
export function expectedTokensPerStep(draftTokens: number, acceptanceRate: number): number {
  if (draftTokens <= 0) return 1;
  if (acceptanceRate >= 1) return draftTokens + 1;
  return (1 - acceptanceRate ** (draftTokens + 1)) / (1 - acceptanceRate);
}
