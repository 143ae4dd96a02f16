/**
 * The cost advantage of a mixture-of-experts model over a dense model of the same size, as the
 * engine models it — the figure /projections uses for a named model, so that projections and
 * comparisons rest on the same physics.
 */
import type { AssumptionOverrides } from './assumptions.js';
import { estimateDeployment } from './estimate-deployment.js';
import type { HardwareShape, ModelShape } from './model-checks.js';

export interface ArchitectureMultiplier {
  /** total ÷ active parameters: the FLOPs saved per token, an upper bound. */
  nominal: number;
  /**
   * Modelled output tokens/s per GPU of the model ÷ that of the reference (by default its dense
   * equivalent: same layers, attention and total parameters, every parameter active), each at
   * its own maximum-throughput operating point.
   */
  engine: number;
  /** engine ÷ nominal: the share of the FLOP saving the engine realises. */
  realisedShare: number;
  modelTokensPerSecondPerGpu: number;
  referenceTokensPerSecondPerGpu: number;
}

/** The dense model with the same shape and total parameters: every parameter active. */
export function denseEquivalent(model: ModelShape): ModelShape {
  return {
    ...model,
    name: `${model.name} (dense equivalent)`,
    architecture: model.architecture === 'hybrid' ? 'hybrid' : 'dense',
    activeParamsB: model.totalParamsB,
    numExperts: null,
    numExpertsActive: null,
    numSharedExperts: null,
  };
}

/**
 * Architecture multiplier of `model` on `hardware` for requests of `inputTokens` / `outputTokens`:
 *   nominal = total ÷ active parameters
 *   engine  = modelled tokens/s per GPU of the model ÷ of `reference` (default: its dense equivalent)
 * Both deployments use the engine's defaults (smallest tensor-parallel group that fits, maximum
 * concurrency) plus `assumptions`. Decode reads every touched expert and the whole KV cache, and
 * attention, per-step overhead and communication do not shrink with the active parameters, so
 * the engine multiplier is below the nominal one except when a deployment is compute-bound.
 * A dense model gives 1 for both. Null when either deployment does not fit the hardware.
 *
 * @example
 * // Gemma 4 26B-A4B (25.2 B total, 3.8 B active) on H100 SXM, 1,000 in / 1,000 out:
 * const m = architectureMultiplier(gemma26b, h100, 1000, 1000);
 * m.nominal; // 6.63
 * m.engine;  // ≈ 1.0: at the KV-limited concurrency (~86) every step reads nearly all 128
 *            // experts, so decode is as memory-bound as for the dense 25 B model
 * // against Gemma 4 31B dense instead (61 GB of bf16 weights leave room for ~10 sequences):
 * architectureMultiplier(gemma26b, h100, 1000, 1000, gemma31b).engine; // ≈ 8.6
 */
export function architectureMultiplier(
  model: ModelShape,
  hardware: HardwareShape,
  inputTokens: number,
  outputTokens: number,
  reference: ModelShape = denseEquivalent(model),
  assumptions: AssumptionOverrides = {},
): ArchitectureMultiplier | null {
  const nominal = model.totalParamsB / model.activeParamsB;
  const options = { inputTokens, outputTokens, assumptions };
  const moe = estimateDeployment(model, hardware, options);
  const dense = estimateDeployment(reference, hardware, options);
  if (!moe.fits || !dense.fits) return null;
  const engine = moe.outputTokensPerSecond.perGpu / dense.outputTokensPerSecond.perGpu;
  return {
    nominal,
    engine,
    realisedShare: engine / nominal,
    modelTokensPerSecondPerGpu: moe.outputTokensPerSecond.perGpu,
    referenceTokensPerSecondPerGpu: dense.outputTokensPerSecond.perGpu,
  };
}
