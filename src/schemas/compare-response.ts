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
    gpus: z.number().int().describe('GPUs in the deployment (for a model that does not fit: the largest group tried).'),
    precision: z.string(),
    kvCachePrecision: z.string(),
    concurrency: nnum,
    concurrencySelection: z.string().nullable(),
    targetsMet: z.boolean().nullable(),
    outputTokensPerSecond: nnum.describe('Whole deployment.'),
    outputTokensPerSecondPerGpu: nnum,
    outputTokensPerSecondPerUser: nnum,
    timeToFirstTokenSeconds: nnum,
    timePerOutputTokenSeconds: nnum,
    requestsPerSecond: nnum,
    bottleneck: z.enum(['compute', 'memory-bandwidth', 'memory-capacity']),
    throughputSource: z.enum(['model', 'measured']).nullable(),
    memory: memoryReportSchema,
    assumptions: engineAssumptionsSchema,
    warnings: z.array(warningSchema),
    profiles: z.array(profileUseSchema),
  })
  .meta({ id: 'EstimateResponse' });
