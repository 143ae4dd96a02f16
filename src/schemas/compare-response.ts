import { z } from 'zod';
import { hybridSchema } from './capacity.js';
import {
  bottleneckSchema,
  candidateDetailSchema,
  comparisonAssumptionsSchema,
  engineAssumptionsSchema,
  memoryReportSchema,
} from './engine-detail.js';

/** Response schemas of the comparison API. Engine detail objects are documented in docs/cost-model.md. */
const num = z.number();
const nnum = z.number().nullable();

/** Why a replica's concurrency is what it is (src/calc/estimate-deployment.ts `ConcurrencyReason`). */
export const concurrencyReasonSchema = z
  .enum(['given', 'memory-capacity', 'engine-limit', 'latency-target', 'target-unreachable'])
  .meta({ id: 'ConcurrencyReason' });

export const warningSchema = z.object({ code: z.string(), message: z.string() });

export const profileUseSchema = z
  .object({
    kind: z.enum(['hardware', 'model', 'apiOffering']),
    id: z.string().nullable().describe('Stored id; null for an inline profile.'),
    version: z.number().int().nullable().describe('Stored version (ETag) used; null for an inline profile.'),
    updatedAt: z.string().nullable(),
    asOf: z.string(),
    source: z.string(),
    priceAgeDays: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe(
        'API offerings and hardware: whole days from the profile asOf to the evaluation date (PRICE_STALE_DAYS warns). Null for models.',
      ),
  })
  .meta({ id: 'ProfileUse' });

export const asOfBlockSchema = z
  .object({
    date: z.string().describe('The asOf date evaluated (end of that day, UTC).'),
    revisions: z
      .array(
        z.object({
          kind: z.enum(['hardware', 'model', 'apiOffering']),
          id: z.string(),
          revisionId: z.number().int().describe('Change-log row (GET /{kind}/{id}/revisions).'),
          version: z.number().int().nullable(),
          revisionAt: z.string().describe('When the revision was written.'),
          effectiveAt: z.string().describe('When its value became valid.'),
        }),
      )
      .describe('The revision of every stored profile used.'),
  })
  .meta({ id: 'AsOfRevisions' });

export const candidateResultSchema = z
  .object({
    index: z.number().int().describe('Position in the request.'),
    label: z.string(),
    type: z.enum(['api', 'self-host']),
    excluded: z.object({ reason: z.string() }).nullable().describe('Set when a constraint rules the candidate out; it is then not costed.'),
    fits: z.boolean().nullable().describe('Self-host: whether the model fits the hardware. Null for API and excluded candidates.'),
    monthlyCostUsd: nnum,
    gpus: z
      .number()
      .int()
      .nullable()
      .describe('Self-host: GPUs in the whole deployment (gpusPerReplica × replicas). Null for API, excluded and non-fitting candidates.'),
    gpusPerReplica: z
      .number()
      .int()
      .nullable()
      .describe('Self-host: GPUs per replica (tensor-parallel group). Null for API and excluded candidates.'),
    replicas: z.number().int().nullable().describe('Self-host: replicas costed. Null for API, excluded and non-fitting candidates.'),
    outputTokensPerSecondPerUser: nnum.describe(
      'Self-host: output tokens/s each concurrent user sees. Null for API, excluded and non-fitting candidates.',
    ),
    bottleneck: bottleneckSchema
      .nullable()
      .describe(
        'Self-host: what limits one replica (memory-capacity also for a model that does not fit). Null for API and excluded candidates.',
      ),
    usdPerMtok: z.object({ input: nnum, output: nnum, blended: nnum }),
    detail: candidateDetailSchema.describe(
      'Every value used and computed: SelfHostDetail (model, hardware, pricing, precision, gpus, replicas, gpusPerReplica, concurrency, throughput, memory, cost breakdown, assumptions, capacity) or ApiDetail (offering, prices applied, cost breakdown). Null for excluded candidates and with ?detail=none.',
    ),
    warnings: z.array(warningSchema),
  })
  .meta({ id: 'CandidateResult' });

export const breakEvenSchema = z
  .object({
    selfHost: z.string(),
    selfHostIndex: z.number().int().describe('Request index of the self-host candidate.'),
    api: z.string(),
    apiIndex: z.number().int().describe('Request index of the API candidate.'),
    outcome: z.enum(['breaks-even', 'never', 'does-not-fit']),
    monthlyTokens: nnum.describe('Total tokens/month (workload mix) from which self-hosting stays cheaper; null when it never does.'),
    monthlyInputTokens: nnum,
    monthlyOutputTokens: nnum,
    monthlyApiSpendUsd: nnum.describe('API spend at the break-even volume, USD/month.'),
    replicasAtBreakEven: nnum,
    savingsAtCurrentVolumeUsd: nnum.describe('API cost − self-host cost at the workload volume, USD/month (negative: API cheaper).'),
    paybackMonths: nnum.describe('Owned hardware: purchase outlay ÷ monthly savings.'),
    selfHostMarginalUsdPerMtok: nnum,
    apiBlendedUsdPerMtok: num,
  })
  .meta({ id: 'BreakEven' });

export const compareResponseSchema = z
  .object({
    results: z.array(candidateResultSchema).describe('One per candidate, in request order.'),
    cheapest: z.string().nullable().describe('Label of the cheapest candidate that was costed.'),
    cheapestIndex: z.number().int().nullable().describe('Request index of the cheapest candidate that was costed.'),
    breakEven: z.array(breakEvenSchema).describe('One per self-host × API pair (excluded candidates left out).'),
    hybrid: z
      .array(hybridSchema)
      .describe('One per self-host × API pair: the cost-minimising self-host replicas with the overflow sent to the API, hour by hour.'),
    assumptions: comparisonAssumptionsSchema,
    warnings: z.array(warningSchema.extend({ candidate: z.string() })),
    notes: z.array(z.string()).describe('Architecture guidance that applies to this comparison.'),
    profiles: z.array(profileUseSchema).describe('Profiles used, with the stored version of each.'),
    asOf: asOfBlockSchema.optional().describe('Present with ?asOf: the date and the profile revisions used.'),
  })
  .meta({ id: 'CompareResponse' });

export const estimateResponseSchema = z
  .object({
    fits: z.boolean(),
    gpus: z
      .number()
      .int()
      .describe(
        'GPUs per replica: the `gpus` asked for, else the smallest tensor-parallel group that holds the model (for a model that does not fit: the largest group tried). recommendedTensorParallel is the size /compare costs.',
      ),
    precision: z.string(),
    kvCachePrecision: z.string(),
    concurrency: nnum,
    concurrencySelection: z.string().nullable(),
    concurrencyReason: concurrencyReasonSchema
      .nullable()
      .describe(
        'Why the concurrency is what it is: given (the value asked for), memory-capacity (the KV cache holds no more sequences), engine-limit (assumption maxConcurrentSequences), latency-target (the largest meeting the targets), target-unreachable (none meets them; 1). Null when the model does not fit.',
      ),
    recommendedTensorParallel: z
      .number()
      .int()
      .nullable()
      .describe(
        'GPUs per replica that POST /compare costs for this model, hardware, request shape and targets (most output tokens/s per GPU among the sizes that meet the targets; `gpus` when given). `gpus` is the smallest size that holds the model. An interactive /compare sizes to its SLO at the workload peak and reports its choice as gpusPerReplica. Null when the model does not fit.',
      ),
    recommended: z
      .object({
        gpus: z.number().int(),
        concurrency: z.number().int(),
        concurrencyReason: concurrencyReasonSchema,
        targetsMet: z.boolean().nullable(),
        outputTokensPerSecond: num,
        outputTokensPerSecondPerGpu: num,
        outputTokensPerSecondPerUser: num,
        timeToFirstTokenSeconds: num,
        bottleneck: bottleneckSchema,
      })
      .nullable()
      .describe(
        'The replica at recommendedTensorParallel (the same as the top-level figures when it equals gpus). Null when the model does not fit.',
      ),
    targetsMet: z.boolean().nullable(),
    outputTokensPerSecond: nnum.describe('Whole deployment.'),
    outputTokensPerSecondPerGpu: nnum,
    outputTokensPerSecondPerUser: nnum,
    timeToFirstTokenSeconds: nnum,
    timePerOutputTokenSeconds: nnum,
    requestsPerSecond: nnum,
    bottleneck: bottleneckSchema.describe(
      'What binds throughput: memory-capacity (the KV cache capped the concurrency, or the model does not fit), latency-target (a target capped it), interconnect (tensor-parallel communication dominates the step), memory-bandwidth or compute.',
    ),
    throughputSource: z.enum(['model', 'measured']).nullable(),
    memory: memoryReportSchema,
    assumptions: engineAssumptionsSchema,
    warnings: z.array(warningSchema),
    profiles: z.array(profileUseSchema),
  })
  .meta({ id: 'EstimateResponse' });
