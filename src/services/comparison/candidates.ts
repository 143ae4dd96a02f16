import {
  type ResolvedWorkload,
  resolveWorkload,
  type SelfHostCandidate,
  type SelfHostCostModel,
  selfHostCostModel,
  type Workload,
} from '../../calc/index.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../../domain/profiles.js';
import type { CandidateInput, CompareRequest } from '../../schemas/compare.js';
import { engineOverrides } from '../assumption-overrides.js';
import { withCalcErrors } from '../calc-errors.js';
import type { CatalogSnapshot } from '../catalog.js';
import { type ProfileUse, ReferenceResolver } from '../references.js';

/**
 * Candidate preparation: resolves the profile references of a /compare request, labels every
 * candidate and builds the engine's inputs (workload and self-host candidates). Nothing is
 * costed here.
 */

export interface PreparedApi {
  index: number;
  type: 'api';
  label: string;
  /** The offering, with the reasoning tokens per request of this candidate once capacity planning resolved them. */
  offering: ApiOffering & { reasoningTokensPerRequest?: number };
  /** The open-weight model a hosted offering serves, when it is in the catalogue. */
  servedModel: ModelProfile | null;
}

export interface PreparedSelfHost {
  index: number;
  type: 'self-host';
  label: string;
  model: ModelProfile;
  hardware: HardwareProfile;
  candidate: SelfHostCandidate;
}

export type PreparedCandidate = PreparedApi | PreparedSelfHost;

export interface PreparedComparison {
  workload: ResolvedWorkload;
  candidates: PreparedCandidate[];
  profiles: ProfileUse[];
}

/**
 * Where the replica model of a self-host candidate (fit, tensor-parallel size, throughput) comes
 * from: a {@link CostModelCache} shared across requests, or {@link freshReplicaModels}.
 */
export interface ReplicaModels {
  get(c: PreparedSelfHost, workload: ResolvedWorkload): SelfHostCostModel;
}

/** Computes every replica model afresh (no memo). */
export const freshReplicaModels: ReplicaModels = { get: (c, w) => selfHostCostModel(c.candidate, w) };

/** Runs an engine call for the candidate at `prefix` (`candidates.3.`); workload fields keep their own path. */
export function asRequestField<T>(prefix: string, f: () => T): T {
  return withCalcErrors(f, (field) => (field.startsWith('workload.') ? field : `${prefix}${field}`));
}

function toEngineWorkload(w: CompareRequest['workload']): Workload {
  return {
    inputTokensPerMonth: w.inputTokensPerMonth,
    outputTokensPerMonth: w.outputTokensPerMonth,
    inputTokensPerRequest: w.inputTokensPerRequest,
    outputTokensPerRequest: w.outputTokensPerRequest,
    cachedInputShare: w.cachedInputShare,
    batchShare: w.batchShare,
    peakToAverageRatio: w.peakToAverage,
  };
}

function defaultLabel(c: CandidateInput, p: { offering?: ApiOffering; model?: ModelProfile; hardware?: HardwareProfile }): string {
  if (c.type === 'api') return `${p.offering?.provider} ${p.offering?.modelName}`;
  const gpus = c.gpus ? `${c.gpus}× ` : '';
  const mode = c.pricing?.mode ?? 'cloud';
  return `${p.model?.name} on ${gpus}${p.hardware?.name} (${mode})`;
}

function uniqueLabels(labels: string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} #${n}`;
  });
}

/** Resolves references and builds the engine's candidates; 422 for unknown ids or impossible inputs. */
export function prepareComparison(request: CompareRequest, snapshot: CatalogSnapshot): PreparedComparison {
  const resolver = new ReferenceResolver(snapshot);
  const parts = request.candidates.map((c, i) => {
    const at = `candidates.${i}.`;
    if (c.type === 'api') {
      const offering = resolver.offering(c.offering, `${at}offering`);
      const servedModel = offering?.modelId ? (snapshot.models.get(offering.modelId) ?? null) : null;
      return { c, offering, servedModel };
    }
    return { c, model: resolver.model(c.model, `${at}model`), hardware: resolver.hardware(c.hardware, `${at}hardware`) };
  });
  resolver.check();
  const workload = asRequestField('', () => resolveWorkload(toEngineWorkload(request.workload)));
  const labels = uniqueLabels(parts.map((p) => p.c.label ?? defaultLabel(p.c, p as never)));
  const candidates = parts.map((p, index): PreparedCandidate => {
    const label = labels[index] as string;
    if (p.c.type === 'api') {
      const { offering, servedModel } = p as { offering: ApiOffering; servedModel: ModelProfile | null };
      return { index, type: 'api', label, offering, servedModel };
    }
    const { model, hardware } = p as { model: ModelProfile; hardware: HardwareProfile };
    const c = p.c;
    const candidate: SelfHostCandidate = {
      model,
      hardware,
      pricing: c.pricing?.mode ?? 'cloud',
      deployment: {
        gpus: c.gpus,
        precision: c.precision,
        concurrency: c.concurrency,
        minOutputTokensPerSecondPerUser: c.minOutputTokensPerSecondPerUser,
      },
      assumptions: engineOverrides(hardware, request.assumptions, c),
    };
    return { index, type: 'self-host', label, model, hardware, candidate };
  });
  return { workload, candidates, profiles: resolver.uses };
}
