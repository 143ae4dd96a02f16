import { type DeploymentOptions, estimateDeployment, recommendedDeployment } from '../calc/index.js';
import type { EstimateRequest } from '../schemas/compare.js';
import { engineOverrides } from './assumption-overrides.js';
import { withCalcErrors } from './calc-errors.js';
import type { CatalogSnapshot } from './catalog.js';
import { ReferenceResolver } from './references.js';

/** Sizes one deployment (POST /estimates): resolves the profiles and calls the core's estimateDeployment. */
export function runEstimate(request: EstimateRequest, snapshot: CatalogSnapshot) {
  const resolver = new ReferenceResolver(snapshot);
  const model = resolver.model(request.model, 'model');
  const hardware = resolver.hardware(request.hardware, 'hardware');
  resolver.check();
  if (!model || !hardware) throw new Error('unreachable: resolver.check() passed without profiles');
  const options: DeploymentOptions = {
    inputTokens: request.inputTokens,
    outputTokens: request.outputTokens,
    cachedInputShare: request.cachedInputShare,
    gpus: request.gpus,
    precision: request.precision,
    concurrency: request.concurrency,
    minOutputTokensPerSecondPerUser: request.minOutputTokensPerSecondPerUser,
    maxTimeToFirstTokenSeconds: request.maxTimeToFirstTokenSeconds,
    maxTimePerOutputTokenSeconds: request.maxTimePerOutputTokenSeconds,
    assumptions: engineOverrides(hardware, request.assumptions, {
      measuredOutputTokensPerSecondPerGpu: request.measuredOutputTokensPerSecondPerGpu,
    }),
  };
  const d = withCalcErrors(() => estimateDeployment(model, hardware, options));
  // The size POST /compare would cost (the caller's `gpus` when given, as /compare keeps a fixed size).
  const recommended =
    d.fits && request.gpus === undefined
      ? withCalcErrors(() => recommendedDeployment(d, (gpus) => estimateDeployment(model, hardware, { ...options, gpus })))
      : d;
  const common = {
    gpus: d.gpusPerReplica,
    precision: d.precision,
    kvCachePrecision: d.kvCachePrecision,
    memory: { ...d.memory },
    assumptions: { ...d.assumptions },
    warnings: d.warnings,
    profiles: resolver.uses,
  };
  if (!d.fits) {
    return {
      ...common,
      fits: false,
      concurrency: null,
      concurrencySelection: null,
      concurrencyReason: null,
      recommendedTensorParallel: null,
      recommended: null,
      targetsMet: null,
      outputTokensPerSecond: null,
      outputTokensPerSecondPerGpu: null,
      outputTokensPerSecondPerUser: null,
      timeToFirstTokenSeconds: null,
      timePerOutputTokenSeconds: null,
      requestsPerSecond: null,
      bottleneck: d.bottleneck,
      throughputSource: null,
    };
  }
  return {
    ...common,
    fits: true,
    concurrency: d.concurrency,
    concurrencySelection: d.concurrencySelection,
    concurrencyReason: d.concurrencyReason,
    recommendedTensorParallel: recommended.gpusPerReplica,
    recommended: recommended.fits
      ? {
          gpus: recommended.gpusPerReplica,
          concurrency: recommended.concurrency,
          concurrencyReason: recommended.concurrencyReason,
          targetsMet: recommended.targetsMet,
          outputTokensPerSecond: recommended.outputTokensPerSecond.total,
          outputTokensPerSecondPerGpu: recommended.outputTokensPerSecond.perGpu,
          outputTokensPerSecondPerUser: recommended.outputTokensPerSecond.perUser,
          timeToFirstTokenSeconds: recommended.timeToFirstTokenSeconds,
          bottleneck: recommended.bottleneck,
        }
      : null,
    targetsMet: d.targetsMet,
    outputTokensPerSecond: d.outputTokensPerSecond.total,
    outputTokensPerSecondPerGpu: d.outputTokensPerSecond.perGpu,
    outputTokensPerSecondPerUser: d.outputTokensPerSecond.perUser,
    timeToFirstTokenSeconds: d.timeToFirstTokenSeconds,
    timePerOutputTokenSeconds: d.timePerOutputTokenSeconds,
    requestsPerSecond: d.requestsPerSecond,
    bottleneck: d.bottleneck,
    throughputSource: d.throughputSource,
  };
}
