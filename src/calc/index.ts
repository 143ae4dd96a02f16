/**
 * Breakeven's pure calculation core: memory fit, throughput and latency of self-hosted LLM
 * inference, its cost, API cost, break-even, sensitivity and projections.
 *
 * Imports nothing from the HTTP, database or validation layers; no clock, no randomness.
 * Every result carries the assumptions it used and a list of warnings; invalid input throws
 * {@link CalcInputError}. Formulas, defaults and sources: docs/cost-model.md.
 */

export type { ApiPricesApplied, ApiPricing, ApiWorkloadCost } from './api-workload-cost.js';
export { apiPricesFor, apiWorkloadCost, reasoningOutputMultiplier } from './api-workload-cost.js';
export type { ArchitectureMultiplier } from './architecture-multiplier.js';
export { architectureMultiplier, denseEquivalent } from './architecture-multiplier.js';
export type { AssumptionOverrides, Assumptions } from './assumptions.js';
export { defaultAssumptions, FIXED_DEFAULTS, HOURS_PER_MONTH, resolveAssumptions } from './assumptions.js';
export type { BreakEvenOutcome, BreakEvenResult, KnownCosts } from './break-even.js';
export { breakEven, breakEvenVolume } from './break-even.js';
export type { CalibratedEfficiency, VendorClass } from './calibrated-defaults.js';
export { CALIBRATED_EFFICIENCY, LOW_BIT_PRECISIONS, lowBitFactor, VENDOR_CLASSES, vendorClass } from './calibrated-defaults.js';
export { capitalRecoveryFactor, monthlyCapitalCostUsd } from './capital-recovery.js';
export type { OperatingPoint } from './concurrency.js';
export { largestMeeting, operatingPoint } from './concurrency.js';
export type { CostCurve, CostCurvePoint } from './cost-curve.js';
export { costCurve } from './cost-curve.js';
export { CalcInputError } from './errors.js';
export type {
  Bottleneck,
  ConcurrencyReason,
  ConcurrencySelection,
  DeploymentEstimate,
  DeploymentOptions,
  FittingDeployment,
  MemoryReport,
  NonFittingDeployment,
} from './estimate-deployment.js';
export { bindingLimit, estimateDeployment, recommendedDeployment } from './estimate-deployment.js';
export { expertsTouchedPerStep } from './expert-activation.js';
export type { GpuCost, PricingMode } from './hourly-cost.js';
export { gpuCost, PRICING_MODES } from './hourly-cost.js';
export type { InterconnectClass } from './interconnect.js';
export { DEFAULT_INTERCONNECT_GBPS, INTERCONNECT_CLASSES, interconnectClass, interconnectGBpsFor } from './interconnect.js';
export type { KvLayout } from './kv-cache.js';
export { kvCacheBytesPerSequence, kvCacheBytesPerToken, kvLayout, ssmStateBytesPerSequence } from './kv-cache.js';
export { groupKvLayout, kvCopies } from './kv-replication.js';
export { isPermissiveLicense, PERMISSIVE_LICENSES } from './license.js';
export type { MemoryPlan } from './memory-fit.js';
export {
  maxSequencesInMemory,
  planMemory,
  smallestTensorParallel,
  tensorParallelCandidates,
  usableMemoryBytesPerGpu,
} from './memory-fit.js';
export type { HardwareShape, ModelShape } from './model-checks.js';
export { validateHardware, validateModel } from './model-checks.js';
export type { PlatformCapexDefault } from './platform-capex.js';
export { PLATFORM_CAPEX_DEFAULTS, platformCapexDefault } from './platform-capex.js';
export type { ComputePeak, KvCachePrecision, MathPrecision, SsmStatePrecision } from './precision.js';
export {
  BITS_PER_WEIGHT,
  bytesPerWeight,
  computePeak,
  defaultKvCachePrecision,
  KV_CACHE_PRECISIONS,
  kvBytesPerElement,
  SSM_STATE_PRECISIONS,
  ssmBytesPerElement,
} from './precision.js';
export type { MultiplierRange, Projection, ProjectionInput, Range } from './projection.js';
export {
  DEFAULT_ARCHITECTURE_REALISATION,
  DEFAULT_HARDWARE_REALISATION,
  moeArchitectureMultiplier,
  projectCostPerMtok,
} from './projection.js';
export type { ReasoningDefault, ReasoningProfile, ReasoningSetting, ResolvedReasoning } from './reasoning-defaults.js';
export {
  DEFAULT_REASONING_PROFILE,
  REASONING_DEFAULTS,
  REASONING_PROFILES,
  reasoningDefaultFor,
  resolveReasoning,
} from './reasoning-defaults.js';
export type { DecodeStep, ForwardPassTimes, ReplicaModel, RequestShape, StepBound } from './roofline.js';
export {
  decodeAttentionFlopsPerToken,
  decodeStep,
  expertKernelEfficiency,
  prefillAttentionFlops,
  prefillFlops,
  prefillSeconds,
  tensorParallelSeconds,
} from './roofline.js';
export type {
  FittingSelfHostCost,
  NonFittingSelfHostCost,
  SelfHostCandidate,
  SelfHostCostModel,
  SelfHostDeploymentChoices,
  SelfHostWorkloadCost,
} from './self-host-workload-cost.js';
export { replicasForPeak, selfHostCostAt, selfHostCostModel, selfHostWorkloadCost } from './self-host-workload-cost.js';
export type {
  Comparison,
  ComparisonMetric,
  ComparisonMetrics,
  SensitivityParameter,
  SensitivityResult,
  Tornado,
  TornadoBar,
  TornadoRange,
} from './sensitivity.js';
export { comparisonMetrics, SENSITIVITY_PARAMETERS, sensitivity, tornado, withParameter } from './sensitivity.js';
export { expectedTokensPerStep } from './speculative.js';
export type { CalcWarning, CalcWarningCode } from './warnings.js';
export { mergeWarnings, WARNING_CODES, warning } from './warnings.js';
export type { ParameterSplit, WeightBytes } from './weights.js';
export { expectedExpertsTouched, parameterSplit, weightBytes, weightBytesReadPerStep } from './weights.js';
export type { ResolvedWorkload, Workload } from './workload.js';
export { resolveWorkload, totalTokensPerMonth, WORKLOAD_DEFAULTS, withVolume } from './workload.js';
