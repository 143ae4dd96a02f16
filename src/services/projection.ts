import type { z } from 'zod';
import { CalcInputError } from '../calc/errors.js';
import { architectureMultiplier, projectCostPerMtok } from '../calc/index.js';
import type { projectionRequestSchema } from '../schemas/batch.js';
import { withCalcErrors } from './calc-errors.js';
import type { CatalogSnapshot } from './catalog.js';
import { ReferenceResolver } from './references.js';

type ProjectionRequest = z.output<typeof projectionRequestSchema>;

/** Defaults of a model-derived architecture multiplier (docs/cost-model.md §7). */
export const ARCHITECTURE_REFERENCE_DEFAULTS = { hardware: 'nvidia-h100-sxm', inputTokens: 1000, outputTokens: 1000 } as const;

/**
 * POST /projections: the compounding projection. When a model is named, the architecture
 * multiplier is the engine's: tokens/s per GPU of the model ÷ that of the reference (its dense
 * equivalent unless another model is named), both modelled on the reference hardware — the same
 * physics as /compare, so the two never disagree. total ÷ active is reported as the nominal bound.
 */
export function runProjection(request: ProjectionRequest, snapshot: CatalogSnapshot) {
  let architecture: { low: number; high: number; realisation?: number };
  let architectureBasis:
    | {
        model: string;
        reference: string;
        referenceHardware: string;
        inputTokens: number;
        outputTokens: number;
        nominalTotalOverActive: number;
        modelTokensPerSecondPerGpu: number;
        referenceTokensPerSecondPerGpu: number;
      }
    | undefined;
  if ('model' in request.architecture) {
    const a = request.architecture;
    const resolver = new ReferenceResolver(snapshot);
    const model = resolver.model(a.model, 'architecture.model');
    const reference = a.reference === undefined ? undefined : resolver.model(a.reference, 'architecture.reference');
    const hardwareId = a.referenceHardware ?? ARCHITECTURE_REFERENCE_DEFAULTS.hardware;
    const hardware = resolver.hardware(hardwareId, 'architecture.referenceHardware');
    resolver.check();
    if (!model || !hardware || (a.reference !== undefined && !reference)) throw new Error('unreachable: resolver.check() passed');
    const inputTokens = a.inputTokens ?? ARCHITECTURE_REFERENCE_DEFAULTS.inputTokens;
    const outputTokens = a.outputTokens ?? ARCHITECTURE_REFERENCE_DEFAULTS.outputTokens;
    const m = withCalcErrors(() => architectureMultiplier(model, hardware, inputTokens, outputTokens, reference ?? undefined));
    if (m === null) {
      throw new CalcInputError('architecture.referenceHardware', `${a.model} or its reference does not fit on 8 × ${hardwareId}`);
    }
    architecture = { low: m.engine, high: m.engine, realisation: a.realisation };
    architectureBasis = {
      model: a.model,
      reference: a.reference ?? 'dense-equivalent',
      referenceHardware: hardwareId,
      inputTokens,
      outputTokens,
      nominalTotalOverActive: m.nominal,
      modelTokensPerSecondPerGpu: m.modelTokensPerSecondPerGpu,
      referenceTokensPerSecondPerGpu: m.referenceTokensPerSecondPerGpu,
    };
  } else {
    architecture = request.architecture;
  }
  const p = withCalcErrors(() =>
    projectCostPerMtok({ baselineUsdPerMtok: request.baselineUsdPerMtok, hardware: request.hardware, architecture }),
  );
  return {
    ...p,
    architectureMultiplier: { low: architecture.low, high: architecture.high },
    ...(architectureBasis ? { architectureBasis } : {}),
    combinedFactor: p.realisedMultiplier.central,
  };
}
