import type { z } from 'zod';
import { moeArchitectureMultiplier, projectCostPerMtok } from '../calc/index.js';
import type { projectionRequestSchema } from '../schemas/batch.js';
import { withCalcErrors } from './calc-errors.js';
import type { CatalogSnapshot } from './catalog.js';
import { ReferenceResolver } from './references.js';

type ProjectionRequest = z.output<typeof projectionRequestSchema>;

/** POST /projections: the compounding projection, with the architecture multiplier from a model profile if named. */
export function runProjection(request: ProjectionRequest, snapshot: CatalogSnapshot) {
  let architecture: { low: number; high: number; realisation?: number };
  if ('model' in request.architecture) {
    const resolver = new ReferenceResolver(snapshot);
    const model = resolver.model(request.architecture.model, 'architecture.model');
    resolver.check();
    if (!model) throw new Error('unreachable: resolver.check() passed without a model');
    const m = moeArchitectureMultiplier(model.totalParamsB, model.activeParamsB);
    architecture = { low: m, high: m, realisation: request.architecture.realisation };
  } else {
    architecture = request.architecture;
  }
  const p = withCalcErrors(() =>
    projectCostPerMtok({ baselineUsdPerMtok: request.baselineUsdPerMtok, hardware: request.hardware, architecture }),
  );
  return {
    ...p,
    architectureMultiplier: { low: architecture.low, high: architecture.high },
    combinedFactor: p.realisedMultiplier.central,
  };
}
