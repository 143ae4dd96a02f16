import { z } from 'zod';
import { WEIGHT_PRECISIONS } from '../domain/profiles.js';
import { candidateReasoningSchema, capacityWorkloadFields, commitmentFields, replicasForAvailabilitySchema } from './capacity.js';
import {
  fractionIn,
  MAX_TOKENS_PER_MONTH,
  nonNegative,
  positive,
  positiveInt,
  shareBelowOne,
  slugSchema,
  storableText,
  tokensPerMonth,
} from './common.js';
import { apiOfferingSchemas, hardwareSchemas, modelSchemas } from './profiles.js';

/**
 * Request schemas of the comparison API (/estimates, /compare, /compare/batch, /scenarios).
 * A profile reference is either a stored profile's id or a complete inline profile (the same
 * fields as the store's profiles; id optional), for "what if" questions.
 */
const ref = (inline: z.ZodType, kind: string) =>
  z.union([slugSchema.describe(`Id of a stored ${kind}.`), inline]).describe(`A stored ${kind} id, or a complete inline ${kind}.`);

export const hardwareRef = ref(hardwareSchemas.replace, 'hardware profile');
export const modelRef = ref(modelSchemas.replace, 'model profile');
export const offeringRef = ref(apiOfferingSchemas.replace, 'API offering');

/** A share in [`min`, 1]: the floors keep modelled throughput, and so replica counts and costs, finite (docs/errors.md). */
const fraction = (d: string, min = 0.01) => z.number().min(min).max(1).describe(d);
/** Lowest planned utilisation: below 5 % a deployment is sized for 20× the traffic it serves. */
export const MIN_UTILIZATION = 0.05;

const platformCapexField = nonNegative(1e7).describe(
  "Owned GPUs: server, network and storage share per GPU, USD (all-in capital cost minus the GPU price). Default: the hardware profile's platformCapexUsdPerGpu, else the hardware class's sourced estimate (docs/cost-model.md, All-in capital cost; echoed with its derivation as detail.assumptions.platformCapexBasis), else 0 with the warning capex-gpu-only.",
);
const allInCapexField = positive(1e7, 1).describe(
  'Owned GPUs: the whole capital cost per GPU (GPU + server, network, storage share), USD; replaces purchaseUsdPerGpu × scarcityPremium + platformCapexUsdPerGpu.',
);

/** Engine assumptions a request may override; every default is documented in docs/cost-model.md. */
export const assumptionsSchema = z
  .object({
    utilization: fraction(
      `Target utilisation: share of a replica's modelled throughput planned for at peak, [${MIN_UTILIZATION}, 1]. Default 0.8.`,
      MIN_UTILIZATION,
    ),
    opsUsdPerMonth: nonNegative(1e9).describe('Operations staff and other fixed monthly cost of a self-host deployment, USD. Default 0.'),
    realisationFactor: fraction('Multiplier on peak compute and bandwidth of hardware that is not a vendor claim, [0.01, 1]. Default 1.'),
    vendorClaimRealisation: fraction(
      'Realisation factor for hardware whose figures are vendor claims, [0.01, 1]; takes precedence over realisationFactor for them. Default 0.5.',
    ),
    bandwidthEfficiency: fraction('Achieved share of peak memory bandwidth, [0.01, 1]. Default: calibrated per vendor.'),
    computeEfficiency: fraction('Achieved share of dense peak TFLOPS, [0.01, 1]. Default: calibrated per vendor.'),
    perStepOverheadMs: nonNegative(1000).describe('Fixed time per forward step, ms. Default: calibrated.'),
    tpLatencyPerLayerUs: nonNegative(100_000).describe(
      'Tensor-parallel latency per layer per step, µs. Default: calibrated per interconnect.',
    ),
    gpuMemoryUtilization: fraction('Share of GPU memory the engine may use for weights and KV cache, [0.01, 1]. Default 0.9.'),
    maxTensorParallel: positiveInt(512).describe('Largest tensor-parallel group considered. Default 8.'),
    maxConcurrentSequences: positiveInt(100_000).describe('Upper bound on concurrent sequences per replica. Default 256.'),
    kvCachePrecision: z.enum(['bf16', 'fp8']).describe('KV-cache precision. Default fp8 for fp8/fp4 weights, else bf16.'),
    ssmStatePrecision: z.enum(['bf16', 'fp32']).describe('Recurrent-state precision of SSM layers (hybrid models). Default bf16.'),
    moeHalfEfficiencyWidth: nonNegative(1e7).describe(
      'Expert MLP width at which routed-expert kernels run at half the dense efficiency. Default: calibrated.',
    ),
    interconnectGBps: positive(1e6, 0.1).describe(
      "Scale-up bandwidth per GPU, GB/s. Default: the hardware profile's, else its link class.",
    ),
    tpComputeLossPerDoubling: fractionIn(0, 0.9).describe(
      'Share of compute efficiency lost per doubling of the tensor-parallel group, [0, 0.9]. Default: calibrated.',
    ),
    attentionDataParallel: z
      .boolean()
      .describe('Attention data parallelism: KV cache stored once, attention weights replicated on every GPU. Default false.'),
    prefillChunkTokens: positiveInt(1_000_000).describe('Largest prompt chunk prefilled in one step, tokens. Default 8192.'),
    speculativeTokens: z
      .number()
      .int()
      .min(0)
      .max(16)
      .describe('Draft tokens proposed per step by speculative decoding / multi-token prediction, 0–16. Default 0 (off).'),
    draftAcceptanceRate: fractionIn().describe(
      'Probability that each draft token is accepted given the previous ones were, [0, 1]. Default 0.85 (DeepSeek-V3 MTP).',
    ),
    draftCostShare: fractionIn().describe('Time of one draft forward as a share of a one-token target decode step, [0, 1]. Default 0.05.'),
    electricityUsdPerKwh: nonNegative(10).describe('Electricity price, USD/kWh. Default 0.08.'),
    pue: z.number().min(1).max(3).describe('Power usage effectiveness. Default 1.3.'),
    averagePowerLoadFraction: fraction('Average GPU power as a share of TDP, [0.01, 1]. Default 0.7.'),
    hostOverheadFraction: nonNegative(3).describe('Host power as a share of GPU power. Default 0.35.'),
    colocationUsdPerKwMonth: nonNegative(100_000).describe('Colocation price per kW-month, USD. Default 184.06.'),
    hostingUsdPerGpuMonth: nonNegative(1e6).describe('Hosting per GPU-month, USD; replaces colocation pricing when set.'),
    depreciationYears: positive(30, 0.25).describe('Amortisation period of owned hardware, years, [0.25, 30]. Default 5.'),
    costOfCapitalAnnual: nonNegative(1).describe('Annual cost of capital, e.g. 0.08. Default 0.08.'),
    scarcityPremium: positive(10, 0.1).describe('Multiplier on hardware purchase prices (HBM supply constraints). Default 1.'),
    platformCapexUsdPerGpu: platformCapexField,
    allInCapexUsdPerGpu: allInCapexField,
    replicasForAvailability: replicasForAvailabilitySchema,
  })
  .strict()
  .partial()
  .meta({ id: 'Assumptions' });

export type AssumptionsInput = z.output<typeof assumptionsSchema>;

export const pricingSchema = z
  .discriminatedUnion('mode', [
    z
      .object({
        mode: z.literal('cloud'),
        usdPerGpuHour: positive(1000, 0.001).optional().describe("On-demand USD per GPU-hour. Default: the hardware profile's price."),
        ...commitmentFields,
      })
      .strict(),
    z
      .object({
        mode: z.literal('owned'),
        purchaseUsdPerGpu: positive(1e7, 1).optional().describe("Purchase price per GPU, USD. Default: the hardware profile's."),
        depreciationYears: positive(30, 0.25).optional(),
        costOfCapitalAnnual: nonNegative(1).optional(),
        scarcityPremium: positive(10, 0.1).optional(),
        electricityUsdPerKwh: nonNegative(10).optional(),
        pue: z.number().min(1).max(3).optional(),
        colocationUsdPerKwMonth: nonNegative(100_000).optional(),
        hostingUsdPerGpuMonth: nonNegative(1e6).optional(),
        platformCapexUsdPerGpu: platformCapexField.optional(),
        allInCapexUsdPerGpu: allInCapexField.optional(),
      })
      .strict(),
  ])
  .describe('How the GPUs are paid for. Default: cloud at the hardware profile price.');

const precision = z.enum(WEIGHT_PRECISIONS);
const label = storableText(120, 1).describe('Name of the option in the results; default derived from the profiles.');

export const selfHostCandidateSchema = z
  .object({
    type: z.literal('self-host'),
    label: label.optional(),
    model: modelRef,
    hardware: hardwareRef,
    precision: precision.optional().describe("Weight precision. Default: the model's native precision."),
    gpus: positiveInt(512).optional().describe('GPUs per replica (tensor-parallel size). Default: the smallest group that fits.'),
    concurrency: positiveInt(100_000)
      .optional()
      .describe('Concurrent sequences per replica. Default: the throughput-maximising one within memory.'),
    minOutputTokensPerSecondPerUser: positive(100_000, 0.01)
      .optional()
      .describe('Per-user speed target; picks the largest concurrency that meets it.'),
    pricing: pricingSchema.optional(),
    measuredOutputTokensPerSecondPerGpu: positive(1e7, 0.01)
      .optional()
      .describe('A measured output tokens/s per GPU for this workload; replaces the modelled throughput.'),
    assumptions: assumptionsSchema.optional().describe('Overrides for this candidate only.'),
    reasoning: candidateReasoningSchema.optional(),
  })
  .strict();

export const apiCandidateSchema = z
  .object({
    type: z.literal('api'),
    label: label.optional(),
    offering: offeringRef,
    reasoning: candidateReasoningSchema.optional(),
  })
  .strict();

export const candidateSchema = z.discriminatedUnion('type', [apiCandidateSchema, selfHostCandidateSchema]).meta({ id: 'Candidate' });

export const workloadSchema = z
  .object({
    inputTokensPerMonth: z
      .number()
      .min(0)
      .max(MAX_TOKENS_PER_MONTH)
      .refine((v) => !(v > 0 && v < 1), 'must be 0 or at least 1 token')
      .describe(`Prompt tokens per month (cached ones included): 0, or 1 to ${MAX_TOKENS_PER_MONTH}.`),
    outputTokensPerMonth: tokensPerMonth().describe(`Generated tokens per month, 1 to ${MAX_TOKENS_PER_MONTH}.`),
    inputTokensPerRequest: positiveInt(100_000_000).describe('Typical prompt tokens per request.'),
    outputTokensPerRequest: positiveInt(100_000_000).describe('Typical generated tokens per request.'),
    cachedInputShare: shareBelowOne().optional().describe('Share of input tokens that are prompt-cache hits, [0, 1). Default 0.'),
    peakToAverage: z.number().min(1).max(1000).optional().describe('Peak hourly load ÷ monthly average. Default 2.'),
    batchShare: fractionIn().optional().describe("Share of API traffic sent through the provider's batch API. Default 0."),
    ...capacityWorkloadFields,
  })
  .strict()
  .meta({ id: 'Workload' });

export const constraintsSchema = z
  .object({
    licenses: z
      .array(storableText(100, 1))
      .min(1)
      .max(100)
      .optional()
      .describe(
        'Allowed licence ids (SPDX or "custom") of the models run: self-hosted models and hosted open-weight offerings. Closed APIs are not subject to it.',
      ),
    requireIso42001: z.boolean().optional().describe('Only models (and offerings) with a recorded ISO/IEC 42001 certification.'),
  })
  .strict()
  .meta({ id: 'Constraints' });

export const MAX_CANDIDATES = 32;

export const compareRequestSchema = z
  .object({
    workload: workloadSchema,
    candidates: z.array(candidateSchema).min(1).max(MAX_CANDIDATES).describe(`1 to ${MAX_CANDIDATES} options to compare.`),
    assumptions: assumptionsSchema.optional().describe('Overrides for every candidate.'),
    constraints: constraintsSchema.optional(),
  })
  .strict()
  .meta({
    id: 'CompareRequest',
    examples: [
      {
        workload: {
          inputTokensPerMonth: 6_000_000_000,
          outputTokensPerMonth: 2_000_000_000,
          inputTokensPerRequest: 1500,
          outputTokensPerRequest: 500,
          cachedInputShare: 0.2,
          peakToAverage: 2,
        },
        candidates: [
          { type: 'api', offering: 'openai-gpt-5' },
          { type: 'api', offering: 'anthropic-claude-sonnet-4-5' },
          { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } },
          { type: 'self-host', model: 'gemma-4-26b-a4b', hardware: 'nvidia-h200-sxm' },
        ],
        assumptions: { utilization: 0.7, opsUsdPerMonth: 15000 },
        constraints: { licenses: ['Apache-2.0', 'MIT'] },
      },
    ],
  });

export type CompareRequest = z.output<typeof compareRequestSchema>;
export type CandidateInput = z.output<typeof candidateSchema>;
export type SelfHostCandidateInput = z.output<typeof selfHostCandidateSchema>;

export const estimateRequestSchema = z
  .object({
    model: modelRef,
    hardware: hardwareRef,
    gpus: positiveInt(512)
      .optional()
      .describe('GPUs in the deployment (tensor-parallel size). Default: the smallest group that holds the model.'),
    precision: precision.optional().describe("Weight precision. Default: the model's native precision."),
    inputTokens: positiveInt(100_000_000).describe('Prompt tokens per request.'),
    outputTokens: positiveInt(100_000_000).describe('Generated tokens per request.'),
    cachedInputShare: shareBelowOne().optional().describe('Share of prompt tokens served from the prefix cache, [0, 1). Default 0.'),
    concurrency: positiveInt(100_000)
      .optional()
      .describe('Concurrent sequences. Default: the concurrency that maximises throughput within memory.'),
    minOutputTokensPerSecondPerUser: positive(100_000, 0.01)
      .optional()
      .describe('Pick the largest concurrency that still gives each user this speed.'),
    maxTimeToFirstTokenSeconds: positive(3600, 0.001).optional().describe('Latency target for the first token, seconds.'),
    maxTimePerOutputTokenSeconds: positive(60, 0.0001).optional().describe('Latency target per output token, seconds.'),
    measuredOutputTokensPerSecondPerGpu: positive(1e7, 0.01)
      .optional()
      .describe('A measured figure that replaces the modelled throughput.'),
    assumptions: assumptionsSchema.optional(),
  })
  .strict()
  .meta({
    id: 'EstimateRequest',
    examples: [
      {
        model: 'llama-3.3-70b',
        hardware: 'nvidia-h100-sxm',
        precision: 'fp8',
        inputTokens: 2000,
        outputTokens: 500,
        minOutputTokensPerSecondPerUser: 20,
      },
    ],
  });

export type EstimateRequest = z.output<typeof estimateRequestSchema>;
