import {
  type ApiWorkloadCost,
  type Bottleneck,
  type BreakEvenOutcome,
  type CalcWarning,
  FIXED_DEFAULTS,
  HOURS_PER_MONTH,
  type ResolvedWorkload,
  type SelfHostWorkloadCost,
} from '../../calc/index.js';
import type { CompareRequest } from '../../schemas/compare.js';
import type { ApiDetail, CapacityEcho, ComparisonAssumptions, SelfHostDetail } from '../../schemas/engine-detail.js';
import type { HybridEntry } from '../capacity/hybrid-entry.js';
import type { ProfileUse } from '../references.js';
import type { PreparedApi, PreparedCandidate, PreparedSelfHost } from './candidates.js';

/**
 * Presentation: the shapes a comparison answers with (one result per candidate, one entry per
 * break-even pair, the assumptions echo and architecture notes), built from the engine's costs.
 * No arithmetic beyond picking fields.
 */

export interface CandidateResult {
  index: number;
  label: string;
  type: 'api' | 'self-host';
  excluded: { reason: string } | null;
  fits: boolean | null;
  monthlyCostUsd: number | null;
  usdPerMtok: { input: number | null; output: number | null; blended: number | null };
  /** Self-host: GPUs in the whole deployment (gpusPerReplica × replicas); null for API, excluded and non-fitting candidates. */
  gpus: number | null;
  /** Self-host: GPUs per replica (tensor-parallel group); null for API and excluded candidates. */
  gpusPerReplica: number | null;
  /** Self-host: replicas costed; null for API, excluded and non-fitting candidates. */
  replicas: number | null;
  /** Self-host: output tokens/s each concurrent user sees; null for API, excluded and non-fitting candidates. */
  outputTokensPerSecondPerUser: number | null;
  /** Self-host: what limits one replica's throughput; null for API and excluded candidates. */
  bottleneck: Bottleneck | null;
  /** Every value used and computed (the response schemas in src/schemas/engine-detail.ts); null when excluded. */
  detail: SelfHostDetail | ApiDetail | null;
  warnings: CalcWarning[];
}

/** The top-level sizing fields of a candidate that is not a costed self-host deployment. */
const NO_SIZING = { gpus: null, gpusPerReplica: null, replicas: null, outputTokensPerSecondPerUser: null, bottleneck: null } as const;

export interface BreakEvenEntry {
  selfHost: string;
  /** Request index of the self-host candidate. */
  selfHostIndex: number;
  api: string;
  /** Request index of the API candidate. */
  apiIndex: number;
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
  /** Request index of the cheapest candidate, or null. */
  cheapestIndex: number | null;
  breakEven: BreakEvenEntry[];
  /** The cost-minimising hybrid self-host + API plan of every self-host × API pair. */
  hybrid: HybridEntry[];
  assumptions: ComparisonAssumptions;
  warnings: (CalcWarning & { candidate: string })[];
  notes: string[];
  profiles: ProfileUse[];
}

export function selfHostResult(c: PreparedSelfHost, cost: SelfHostWorkloadCost): CandidateResult {
  // Written out field by field, no object spreads: on Node 20 a spread followed by new keys
  // (`{ ...base, fits }`) costs microseconds and gives every result its own hidden class, which
  // also slows the rounding walk and JSON.stringify. The key order is the response's.
  const d = cost.deployment;
  const model = { id: c.model.id, name: c.model.name, architecture: c.model.architecture, license: c.model.license };
  const hardware = { id: c.hardware.id, name: c.hardware.name, vendorClaim: c.hardware.vendorClaim };
  if (!cost.fits) {
    return {
      index: c.index,
      label: c.label,
      type: 'self-host',
      excluded: null,
      warnings: cost.warnings,
      fits: false,
      gpus: null,
      gpusPerReplica: d.gpusPerReplica,
      replicas: null,
      outputTokensPerSecondPerUser: null,
      bottleneck: d.bottleneck,
      monthlyCostUsd: null,
      usdPerMtok: { input: null, output: null, blended: null },
      detail: {
        model,
        hardware,
        pricing: cost.pricing,
        precision: d.precision,
        kvCachePrecision: d.kvCachePrecision,
        gpusPerReplica: d.gpusPerReplica,
        memory: d.memory,
        assumptions: cost.assumptions,
        gpus: null,
        replicas: null,
      },
    };
  }
  const fd = cost.deployment;
  return {
    index: c.index,
    label: c.label,
    type: 'self-host',
    excluded: null,
    warnings: cost.warnings,
    fits: true,
    gpus: cost.gpus,
    gpusPerReplica: d.gpusPerReplica,
    replicas: cost.replicas,
    outputTokensPerSecondPerUser: fd.outputTokensPerSecond.perUser,
    bottleneck: fd.bottleneck,
    monthlyCostUsd: cost.totalUsdPerMonth,
    usdPerMtok: { input: cost.inputUsdPerMtok, output: cost.outputUsdPerMtok, blended: cost.blendedUsdPerMtok },
    detail: {
      model,
      hardware,
      pricing: cost.pricing,
      precision: d.precision,
      kvCachePrecision: d.kvCachePrecision,
      gpusPerReplica: d.gpusPerReplica,
      memory: d.memory,
      assumptions: cost.assumptions,
      gpus: cost.gpus,
      replicas: cost.replicas,
      concurrency: fd.concurrency,
      throughput: {
        source: fd.throughputSource,
        outputTokensPerSecondPerReplica: cost.replicaOutputTokensPerSecond,
        generatedTokensPerSecondPerReplica: fd.outputTokensPerSecond.total,
        reasoningTokensPerRequest: c.candidate.reasoningTokensPerRequest ?? 0,
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

export function apiResult(c: PreparedApi, cost: ApiWorkloadCost): CandidateResult {
  return {
    index: c.index,
    label: c.label,
    type: 'api',
    excluded: null,
    fits: null,
    ...NO_SIZING,
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

/** A candidate ruled out before costing (a constraint, or a profile missing on an as-of date). */
export function excludedResult(c: Pick<PreparedCandidate, 'index' | 'label' | 'type'>, reason: string): CandidateResult {
  return {
    index: c.index,
    label: c.label,
    type: c.type,
    excluded: { reason },
    fits: null,
    ...NO_SIZING,
    monthlyCostUsd: null,
    usdPerMtok: { input: null, output: null, blended: null },
    detail: null,
    warnings: [],
  };
}

/**
 * The defaults echoed with every comparison: the same values each time, built once (frozen, so
 * that no caller can change what later comparisons echo).
 */
const DEFAULTS_ECHO = Object.freeze({ ...FIXED_DEFAULTS, utilization: FIXED_DEFAULTS.targetUtilization });

/** Every value the comparison used: the resolved workload, the overrides asked for, the defaults and the capacity echo. */
export function assumptionsEcho(
  workload: ResolvedWorkload,
  overrides: CompareRequest['assumptions'],
  capacity: CapacityEcho,
): ComparisonAssumptions {
  return {
    hoursPerMonth: HOURS_PER_MONTH,
    workload,
    overrides: overrides ?? {},
    defaults: DEFAULTS_ECHO,
    perCandidate: 'each self-host result carries detail.assumptions: every value used, defaults included',
    capacity,
  };
}

/**
 * Every candidate's warnings, each naming its candidate, in result order (the top-level
 * `warnings` of a comparison).
 */
export function labelledWarnings(results: readonly CandidateResult[]): (CalcWarning & { candidate: string })[] {
  const out: (CalcWarning & { candidate: string })[] = [];
  for (const r of results) for (const w of r.warnings) out.push({ candidate: r.label, code: w.code, message: w.message });
  return out;
}

/** Architecture guidance that applies to the candidates and workload compared. */
export function architectureNotes(workload: ResolvedWorkload, included: PreparedCandidate[]): string[] {
  const models = included.flatMap((c) => (c.type === 'self-host' ? [c.model] : []));
  const notes: string[] = [];
  const moe = models.find((m) => m.architecture === 'moe');
  if (moe) {
    notes.push(
      `MoE (${moe.name}: ${moe.activeParamsB}B of ${moe.totalParamsB}B parameters active): compute per token follows the active parameters, but every expert stays in memory and large batches touch most of them. MoE pays off for high-volume, batched traffic on GPUs with memory to spare.`,
    );
  }
  const hybrid = models.find((m) => m.architecture === 'hybrid');
  const longContext = workload.inputTokensPerRequest + workload.outputTokensPerRequest >= 32_768;
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

/** The same result without each candidate's `detail` (the compact form of `?detail=none`). */
export function withoutDetail(result: ComparisonResult): ComparisonResult {
  return { ...result, results: result.results.map((r) => ({ ...r, detail: null })) };
}
