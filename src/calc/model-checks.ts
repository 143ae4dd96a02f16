/**
 * Validation of the model and hardware profiles the core computes with. Profiles normally come
 * from the database already checked, but the core is also called with hand-made inputs, so it
 * checks every field it relies on and throws {@link CalcInputError} naming the field.
 */
import type { HardwareSpec, ModelSpec } from '../domain/profiles.js';
import { WEIGHT_PRECISIONS } from '../domain/profiles.js';
import { CalcInputError } from './errors.js';
import { optional, requireInteger, requireNonNegative, requirePositive } from './input-checks.js';

/** The fields of a model profile the core reads. */
export type ModelShape = Pick<
  ModelSpec,
  | 'name'
  | 'license'
  | 'licenseName'
  | 'architecture'
  | 'totalParamsB'
  | 'activeParamsB'
  | 'numLayers'
  | 'numAttentionLayers'
  | 'numSlidingWindowLayers'
  | 'slidingWindowTokens'
  | 'numKvHeads'
  | 'headDim'
  | 'globalNumKvHeads'
  | 'globalHeadDim'
  | 'kvLatentDim'
  | 'ssmStateElementsPerLayer'
  | 'hiddenSize'
  | 'numExperts'
  | 'numExpertsActive'
  | 'numSharedExperts'
  | 'nativeContextTokens'
  | 'nativeWeightPrecision'
  | 'nonExpertWeightPrecision'
  | 'estimate'
>;

/** The fields of a hardware profile the core reads. */
export type HardwareShape = Pick<
  HardwareSpec,
  | 'name'
  | 'vendor'
  | 'memoryGb'
  | 'memoryBandwidthTBps'
  | 'tflopsBf16'
  | 'tflopsFp8'
  | 'tflopsFp4'
  | 'tdpWatts'
  | 'interconnect'
  | 'interconnectGBps'
  | 'usdPerGpuHour'
  | 'purchaseUsdPerGpu'
  | 'vendorClaim'
>;

const isPrecision = (p: unknown): boolean => (WEIGHT_PRECISIONS as readonly unknown[]).includes(p);

/**
 * Checks a model profile for values the formulas cannot use.
 *
 * @throws {CalcInputError} e.g. field `model.activeParamsB` when active > total parameters,
 *   `model.numAttentionLayers` when it exceeds `numLayers`, `model.numExpertsActive` when it
 *   exceeds `numExperts`.
 * @example
 * validateModel({ ...llama70b, activeParamsB: 80 }); // throws CalcInputError (field 'model.activeParamsB')
 */
export function validateModel(model: ModelShape): void {
  requirePositive('model.totalParamsB', model.totalParamsB);
  requirePositive('model.activeParamsB', model.activeParamsB);
  if (model.activeParamsB > model.totalParamsB * (1 + 1e-12)) {
    throw new CalcInputError(
      'model.activeParamsB',
      `active parameters (${model.activeParamsB} B) exceed total parameters (${model.totalParamsB} B)`,
    );
  }
  requireInteger('model.numLayers', model.numLayers, 1);
  requireInteger('model.numAttentionLayers', model.numAttentionLayers, 0);
  if (model.numAttentionLayers > model.numLayers) {
    throw new CalcInputError('model.numAttentionLayers', 'exceeds numLayers');
  }
  requireInteger('model.numSlidingWindowLayers', model.numSlidingWindowLayers, 0);
  if (model.numSlidingWindowLayers > model.numAttentionLayers) {
    throw new CalcInputError('model.numSlidingWindowLayers', 'exceeds numAttentionLayers');
  }
  optional(requirePositive, 'model.slidingWindowTokens', model.slidingWindowTokens);
  if (model.numSlidingWindowLayers > 0 && model.slidingWindowTokens === null) {
    throw new CalcInputError('model.slidingWindowTokens', 'required when numSlidingWindowLayers > 0');
  }
  // With MLA (kvLatentDim set) the per-head shape is not used for the cache and may be 0.
  const minHeadShape = model.kvLatentDim === null ? 1 : 0;
  requireInteger('model.numKvHeads', model.numKvHeads, minHeadShape);
  requireInteger('model.headDim', model.headDim, minHeadShape);
  optional(requirePositive, 'model.globalNumKvHeads', model.globalNumKvHeads);
  optional(requirePositive, 'model.globalHeadDim', model.globalHeadDim);
  optional(requirePositive, 'model.kvLatentDim', model.kvLatentDim);
  optional(requireNonNegative, 'model.ssmStateElementsPerLayer', model.ssmStateElementsPerLayer);
  requirePositive('model.hiddenSize', model.hiddenSize);
  requirePositive('model.nativeContextTokens', model.nativeContextTokens);
  if (!isPrecision(model.nativeWeightPrecision)) {
    throw new CalcInputError('model.nativeWeightPrecision', `unknown precision ${String(model.nativeWeightPrecision)}`);
  }
  if (model.nonExpertWeightPrecision !== null && !isPrecision(model.nonExpertWeightPrecision)) {
    throw new CalcInputError('model.nonExpertWeightPrecision', `unknown precision ${String(model.nonExpertWeightPrecision)}`);
  }
  if (model.numExperts !== null) {
    requireInteger('model.numExperts', model.numExperts, 1);
    if (model.numExpertsActive === null) {
      throw new CalcInputError('model.numExpertsActive', 'required when numExperts is set');
    }
    requireInteger('model.numExpertsActive', model.numExpertsActive, 1);
    if (model.numExpertsActive > model.numExperts) {
      throw new CalcInputError('model.numExpertsActive', 'exceeds numExperts');
    }
  } else if (model.numExpertsActive !== null) {
    requireInteger('model.numExpertsActive', model.numExpertsActive, 1);
  }
  if (model.numSharedExperts !== null) requireInteger('model.numSharedExperts', model.numSharedExperts, 0);
}

/**
 * Checks a hardware profile for values the formulas cannot use. Missing TFLOPS figures are
 * allowed here (they are resolved per precision by `computePeak`).
 *
 * @throws {CalcInputError} e.g. field `hardware.memoryGb` when zero or negative.
 * @example
 * validateHardware({ ...h100, memoryBandwidthTBps: 0 }); // throws CalcInputError (field 'hardware.memoryBandwidthTBps')
 */
export function validateHardware(hardware: HardwareShape): void {
  requirePositive('hardware.memoryGb', hardware.memoryGb);
  requirePositive('hardware.memoryBandwidthTBps', hardware.memoryBandwidthTBps);
  optional(requirePositive, 'hardware.tflopsBf16', hardware.tflopsBf16);
  optional(requirePositive, 'hardware.tflopsFp8', hardware.tflopsFp8);
  optional(requirePositive, 'hardware.tflopsFp4', hardware.tflopsFp4);
  optional(requirePositive, 'hardware.tdpWatts', hardware.tdpWatts);
  optional(requirePositive, 'hardware.interconnectGBps', hardware.interconnectGBps);
  optional(requirePositive, 'hardware.usdPerGpuHour', hardware.usdPerGpuHour);
  optional(requirePositive, 'hardware.purchaseUsdPerGpu', hardware.purchaseUsdPerGpu);
}
