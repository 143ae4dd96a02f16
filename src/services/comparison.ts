import {
  type ApiWorkloadCost,
  apiWorkloadCost,
  type BreakEvenOutcome,
  breakEven,
  type CalcWarning,
  FIXED_DEFAULTS,
  HOURS_PER_MONTH,
  type ResolvedWorkload,
  resolveWorkload,
  type SelfHostCandidate,
  type SelfHostWorkloadCost,
  selfHostCostAt,
  selfHostCostModel,
  type Workload,
} from '../calc/index.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { CandidateInput, CompareRequest } from '../schemas/compare.js';
import { engineOverrides } from './assumption-overrides.js';
import { withCalcErrors } from './calc-errors.js';
import type { CatalogSnapshot } from './catalog.js';
import type { CostModelCache } from './cost-model-cache.js';
import { type ProfileUse, ReferenceResolver } from './references.js';

/**
 * Evaluates a /compare request: resolves profile references, applies constraints, costs every
 * candidate for the workload, and finds the break-even volume of every self-host × API pair.
 * Everything numeric comes from the calculation core (src/calc); this module only arranges it.
 */

export interface PreparedApi {
  index: number;
  type: 'api';
  label: string;
  offering: ApiOffering;
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

export interface CandidateResult {
  index: number;
  label: string;
  type: 'api' | 'self-host';
  excluded: { reason: string } | null;
  fits: boolean | null;
  monthlyCostUsd: number | null;
  usdPerMtok: { input: number | null; output: number | null; blended: number | null };
  detail: Record<string, unknown> | null;
  warnings: CalcWarning[];
}

export interface BreakEvenEntry {
  selfHost: string;
  api: string;
  outcome: BreakEvenOutcome;
  monthlyTokens: number | null;
  monthlyInputTokens: number | null;
  monthlyOutputTokens: number | null;
  monthlyApiSpendUsd: number | null;
  replicasAtBreakEven: number | null;
  savingsAtCurrentVolumeUsd: number | null;
  paybackMonths: number | null;
  selfHostMarginalUsdPerMtok: number | null;
  apiBlendedUsdPerMtok: number;
}

export interface ComparisonResult {
  results: CandidateResult[];
  cheapest: string | null;
  breakEven: BreakEvenEntry[];
  assumptions: Record<string, unknown>;
  warnings: (CalcWarning & { candidate: string })[];
  notes: string[];
  profiles: ProfileUse[];
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

/** Runs an engine call for the candidate at `prefix` (`candidates.3.`); workload fields keep their own path. */
function asRequestField<T>(prefix: string, f: () => T): T {
  return withCalcErrors(f, (field) => (field.startsWith('workload.') ? field : `${prefix}${field}`));
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

function exclusionReason(c: PreparedCandidate, constraints: CompareRequest['constraints']): string | null {
  if (!constraints) return null;
  const model = c.type === 'self-host' ? c.model : c.servedModel;
  const closed = c.type === 'api' && c.offering.kind === 'closed';
  if (constraints.licenses) {
    const allowed = constraints.licenses.map((l) => l.toLowerCase());
    if (!closed) {
      if (!model) return 'the licence of the model this offering serves is not recorded (no modelId in the catalogue)';
      if (!allowed.includes(model.license.toLowerCase())) {
        const name = model.licenseName ? ` (${model.licenseName})` : '';
        return `licence ${model.license}${name} is not among the allowed licences ${constraints.licenses.join(', ')}`;
      }
    }
  }
  if (constraints.requireIso42001) {
    if (closed) return 'no ISO/IEC 42001 certification is recorded for this API offering';
    if (!model) return 'no ISO/IEC 42001 certification is recorded for the model this offering serves';
    if (!model.iso42001Certified) return `${model.name} has no recorded ISO/IEC 42001 certification`;
  }
  return null;
}

function selfHostResult(c: PreparedSelfHost, cost: SelfHostWorkloadCost): CandidateResult {
  const base = { index: c.index, label: c.label, type: 'self-host' as const, excluded: null, warnings: cost.warnings };
  const d = cost.deployment;
  const common = {
    model: { id: c.model.id, name: c.model.name, architecture: c.model.architecture, license: c.model.license },
    hardware: { id: c.hardware.id, name: c.hardware.name, vendorClaim: c.hardware.vendorClaim },
    pricing: cost.pricing,
    precision: d.precision,
    kvCachePrecision: d.kvCachePrecision,
    gpusPerReplica: d.gpusPerReplica,
    memory: d.memory,
    assumptions: cost.assumptions,
  };
  if (!cost.fits) {
    return {
      ...base,
      fits: false,
      monthlyCostUsd: null,
      usdPerMtok: { input: null, output: null, blended: null },
      detail: { ...common, gpus: null, replicas: null },
    };
  }
  const fd = cost.deployment;
  return {
    ...base,
    fits: true,
    monthlyCostUsd: cost.totalUsdPerMonth,
    usdPerMtok: { input: cost.inputUsdPerMtok, output: cost.outputUsdPerMtok, blended: cost.blendedUsdPerMtok },
    detail: {
      ...common,
      gpus: cost.gpus,
      replicas: cost.replicas,
      concurrency: fd.concurrency,
      throughput: {
        source: fd.throughputSource,
        outputTokensPerSecondPerReplica: cost.replicaOutputTokensPerSecond,
        outputTokensPerSecondPerGpu: fd.outputTokensPerSecond.perGpu,
        outputTokensPerSecondPerUser: fd.outputTokensPerSecond.perUser,
        timeToFirstTokenSeconds: fd.timeToFirstTokenSeconds,
        bottleneck: fd.bottleneck,
      },
      peakOutputTokensPerSecond: cost.peakOutputTokensPerSecond,
      averageUtilization: cost.averageUtilization,
      cost: cost.cost,
    },
  };
}

function apiResult(c: PreparedApi, cost: ApiWorkloadCost): CandidateResult {
  return {
    index: c.index,
    label: c.label,
    type: 'api',
    excluded: null,
    fits: null,
    monthlyCostUsd: cost.totalUsdPerMonth,
    usdPerMtok: { input: cost.inputUsdPerMtok, output: cost.outputUsdPerMtok, blended: cost.blendedUsdPerMtok },
    detail: {
      offering: { id: c.offering.id, provider: c.offering.provider, modelName: c.offering.modelName, kind: c.offering.kind },
      pricesApplied: cost.prices,
      cost: {
        uncachedInputUsdPerMonth: cost.uncachedInputUsdPerMonth,
        cachedInputUsdPerMonth: cost.cachedInputUsdPerMonth,
        outputUsdPerMonth: cost.outputUsdPerMonth,
      },
    },
    warnings: cost.warnings,
  };
}

function excludedResult(c: PreparedCandidate, reason: string): CandidateResult {
  return {
    index: c.index,
    label: c.label,
    type: c.type,
    excluded: { reason },
    fits: null,
    monthlyCostUsd: null,
    usdPerMtok: { input: null, output: null, blended: null },
    detail: null,
    warnings: [],
  };
}

/** Architecture guidance that applies to the candidates and workload compared. */
function architectureNotes(prepared: PreparedComparison, included: PreparedCandidate[]): string[] {
  const models = included.flatMap((c) => (c.type === 'self-host' ? [c.model] : []));
  const notes: string[] = [];
  const moe = models.find((m) => m.architecture === 'moe');
  if (moe) {
    notes.push(
      `MoE (${moe.name}: ${moe.activeParamsB}B of ${moe.totalParamsB}B parameters active): compute per token follows the active parameters, but every expert stays in memory and large batches touch most of them. MoE pays off for high-volume, batched traffic on GPUs with memory to spare.`,
    );
  }
  const hybrid = models.find((m) => m.architecture === 'hybrid');
  const longContext = prepared.workload.inputTokensPerRequest + prepared.workload.outputTokensPerRequest >= 32_768;
  if (hybrid || longContext) {
    notes.push(
      `SSM/attention hybrids (${hybrid ? hybrid.name : 'e.g. IBM Granite 4.0-H'}) keep a KV cache in only a few layers, so long contexts and many concurrent sessions fit on a single GPU; consider one when requests are long.`,
    );
  }
  if (models.some((m) => m.architecture === 'dense')) {
    notes.push(
      'Dense models use every parameter for every token: higher cost per token than an MoE of the same size, but often the safer choice where multi-step reasoning quality matters. Check quality on your own tasks before choosing by price.',
    );
  }
  return notes;
}

/**
 * `models`: where replica models come from — a {@link CostModelCache} shared across requests, or
 * (default) computed afresh.
 */
export function runComparison(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  models: Pick<CostModelCache, 'get'> = { get: (c, w) => selfHostCostModel(c.candidate, w) },
): ComparisonResult {
  return evaluateComparison(request, snapshot, models).result;
}

/** The same result without each candidate's `detail` (the compact form of `?detail=none`). */
export function withoutDetail(result: ComparisonResult): ComparisonResult {
  return { ...result, results: result.results.map((r) => ({ ...r, detail: null })) };
}

/** {@link runComparison}, also returning the prepared candidates (for curves and sensitivity). */
export function evaluateComparison(
  request: CompareRequest,
  snapshot: CatalogSnapshot,
  models: Pick<CostModelCache, 'get'> = { get: (c, w) => selfHostCostModel(c.candidate, w) },
): { prepared: PreparedComparison; result: ComparisonResult } {
  const prepared = prepareComparison(request, snapshot);
  const workload = prepared.workload;
  const results: CandidateResult[] = [];
  const included: PreparedCandidate[] = [];
  // Each candidate is costed once; the costs are reused for every break-even pair.
  const selfHostCosts = new Map<PreparedSelfHost, SelfHostWorkloadCost>();
  const apiCosts = new Map<PreparedApi, ApiWorkloadCost>();
  for (const c of prepared.candidates) {
    const reason = exclusionReason(c, request.constraints);
    if (reason) {
      results.push(excludedResult(c, reason));
      continue;
    }
    included.push(c);
    const prefix = `candidates.${c.index}.`;
    results.push(
      c.type === 'api'
        ? asRequestField(prefix, () => {
            const cost = apiWorkloadCost(c.offering, workload);
            apiCosts.set(c, cost);
            return apiResult(c, cost);
          })
        : asRequestField(prefix, () => {
            const cost = selfHostCostAt(models.get(c, workload), workload);
            selfHostCosts.set(c, cost);
            return selfHostResult(c, cost);
          }),
    );
  }
  const breakEvens: BreakEvenEntry[] = [];
  for (const s of included) {
    if (s.type !== 'self-host') continue;
    for (const a of included) {
      if (a.type !== 'api') continue;
      const r = asRequestField(`candidates.${s.index}.`, () =>
        breakEven(s.candidate, a.offering, workload, { selfHost: selfHostCosts.get(s), api: apiCosts.get(a) }),
      );
      breakEvens.push({
        selfHost: s.label,
        api: a.label,
        outcome: r.outcome,
        monthlyTokens: r.breakEvenTokensPerMonth,
        monthlyInputTokens: r.breakEvenInputTokensPerMonth,
        monthlyOutputTokens: r.breakEvenOutputTokensPerMonth,
        monthlyApiSpendUsd: r.breakEvenApiUsdPerMonth,
        replicasAtBreakEven: r.replicasAtBreakEven,
        savingsAtCurrentVolumeUsd: r.savingsUsdPerMonth,
        paybackMonths: r.paybackMonths,
        selfHostMarginalUsdPerMtok: r.selfHostMarginalUsdPerMtok,
        apiBlendedUsdPerMtok: r.apiBlendedUsdPerMtok,
      });
    }
  }
  const priced = results.filter((r) => r.monthlyCostUsd !== null) as (CandidateResult & { monthlyCostUsd: number })[];
  const cheapest = priced.reduce<(typeof priced)[number] | null>(
    (best, r) => (best && best.monthlyCostUsd <= r.monthlyCostUsd ? best : r),
    null,
  );
  const result: ComparisonResult = {
    results,
    cheapest: cheapest?.label ?? null,
    breakEven: breakEvens,
    assumptions: {
      hoursPerMonth: HOURS_PER_MONTH,
      workload,
      overrides: request.assumptions ?? {},
      defaults: { ...FIXED_DEFAULTS, utilization: FIXED_DEFAULTS.targetUtilization },
      perCandidate: 'each self-host result carries detail.assumptions: every value used, defaults included',
    },
    warnings: results.flatMap((r) => r.warnings.map((w) => ({ candidate: r.label, ...w }))),
    notes: architectureNotes(prepared, included),
    profiles: prepared.profiles,
  };
  return { prepared, result };
}
