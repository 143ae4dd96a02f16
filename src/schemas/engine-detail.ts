import { z } from 'zod';
import { CLOUD_COMMITMENTS, WORKLOAD_CLASSES } from '../calc/capacity/index.js';
import { KV_CACHE_PRECISIONS, PRICING_MODES, REASONING_PROFILES, SSM_STATE_PRECISIONS } from '../calc/index.js';
import { ARCHITECTURES, OFFERING_KINDS, WEIGHT_PRECISIONS } from '../domain/profiles.js';
import { assumptionsSchema } from './compare.js';

/**
 * Response schemas of what the cost engine used and computed: a result's `detail`, the
 * comparison's `assumptions` echo and an estimate's `memory` and `assumptions`
 * (docs/cost-model.md, docs/capacity.md). The presentation code builds these shapes
 * (src/services/comparison/presentation.ts, src/services/capacity/presentation.ts).
 */
const num = z.number();
const nnum = z.number().nullable();
const int = z.number().int();

/** What binds a replica's throughput (src/calc/estimate-deployment.ts `Bottleneck`, docs/cost-model.md §2, Bottleneck). */
export const bottleneckSchema = z
  .enum(['compute', 'memory-bandwidth', 'memory-capacity', 'latency-target', 'interconnect'])
  .meta({ id: 'Bottleneck' });

export const memoryReportSchema = z
  .object({
    weightsGb: num.describe('All resident weights of one replica, GB.'),
    weightsGbPerGpu: num.describe('Weights held by each GPU of the replica, GB.'),
    expertWeightsGb: num.describe('Routed-expert weights (MoE), GB; 0 for dense models.'),
    nonExpertWeightsGb: num.describe('Weights outside the routed experts, GB.'),
    usableGbPerGpu: num.describe('memoryGb × gpuMemoryUtilization, GB.'),
    kvBudgetGb: num.describe('Memory left for KV cache and recurrent state across the replica, GB.'),
    kvCacheBytesPerToken: num.describe('KV-cache bytes per token of context in full-attention layers.'),
    kvCacheGbPerSequence: num.describe('KV cache of one sequence at its final length (input + output), GB.'),
    ssmStateGbPerSequence: num.describe('Recurrent state of one sequence (hybrid models), GB.'),
    maxSequencesByMemory: num.describe('Concurrent sequences the KV budget holds.'),
  })
  .meta({ id: 'MemoryReport', description: 'Memory plan of one replica (docs/cost-model.md).' });

/** Ownership and running-cost assumptions, echoed both per self-host candidate and as comparison defaults. */
const ownershipCostFields = {
  scarcityPremium: num,
  platformCapexUsdPerGpu: nnum,
  platformCapexBasis: z.string().nullable(),
  allInCapexUsdPerGpu: nnum,
  depreciationYears: num,
  costOfCapitalAnnual: num,
  pue: num,
  electricityUsdPerKwh: num,
  averagePowerLoadFraction: num,
  hostOverheadFraction: num,
  colocationUsdPerKwMonth: num,
  hostingUsdPerGpuMonth: nnum,
  opsUsdPerMonth: num,
  replicasForAvailability: int,
};

export const engineAssumptionsSchema = z
  .object({
    gpuMemoryUtilization: num,
    maxTensorParallel: int,
    maxConcurrentSequences: int,
    kvCachePrecision: z.enum(KV_CACHE_PRECISIONS),
    ssmStatePrecision: z.enum(SSM_STATE_PRECISIONS),
    realisationFactor: num,
    bandwidthEfficiency: num,
    computeEfficiency: num,
    moeHalfEfficiencyWidth: num,
    perStepOverheadMs: num,
    tpComputeLossPerDoubling: num,
    tpLatencyPerLayerUs: num,
    interconnectGBps: num,
    attentionDataParallel: z.boolean(),
    prefillChunkTokens: int,
    speculativeTokens: int,
    draftAcceptanceRate: num,
    draftCostShare: num,
    measuredOutputTokensPerSecondPerGpu: nnum,
    targetUtilization: num,
    usdPerGpuHour: nnum,
    purchaseUsdPerGpu: nnum,
    ...ownershipCostFields,
  })
  .meta({
    id: 'EngineAssumptions',
    description:
      'Every value the engine used for this deployment, defaults included; the request assumptions document each field (docs/cost-model.md lists the defaults and their sources).',
  });

const gpuCostSchema = z.object({
  mode: z.enum(PRICING_MODES),
  gpus: int,
  rentalUsdPerMonth: num.describe('Cloud rental: gpus × usdPerGpuHour × 730 (0 when owned).'),
  capitalUsdPerMonth: num.describe('Amortised purchase incl. cost of capital (0 in the cloud).'),
  powerUsdPerMonth: num.describe('Electricity at the meter (0 in the cloud).'),
  hostingUsdPerMonth: num.describe('Colocation or per-GPU hosting (0 in the cloud).'),
  opsUsdPerMonth: num,
  totalUsdPerMonth: num,
  totalUsdPerHour: num.describe('totalUsdPerMonth ÷ 730.'),
  upfrontUsd: num.describe('Purchase outlay (0 in the cloud).'),
  capexUsdPerGpu: num.describe(
    'Owned: all-in capital cost per GPU: allInCapexUsdPerGpu, else gpuCapexUsdPerGpu + platformCapexUsdPerGpu (0 in the cloud).',
  ),
  gpuCapexUsdPerGpu: nnum.describe('Owned: the GPU part, purchase × scarcity premium (null when allInCapexUsdPerGpu is given).'),
  platformCapexUsdPerGpu: nnum.describe(
    'Owned: server, network and storage share per GPU (0 when unknown; null when allInCapexUsdPerGpu is given).',
  ),
  averagePowerKw: num.describe('Average power drawn from the grid, kW (0 in the cloud).'),
});

export const sloTargetSchema = z.object({
  timeToFirstTokenSeconds: num,
  outputTokensPerSecondPerUser: num,
  percentile: num,
});

export const capacityDetailSchema = z
  .object({
    class: z.enum(WORKLOAD_CLASSES),
    commitment: z.enum(CLOUD_COMMITMENTS).nullable().describe('Cloud commitment; null for owned hardware.'),
    commitmentDiscount: nnum,
    usdPerGpuHour: nnum.describe('GPU-hour price after the commitment discount; null when not a cloud rental or without a price.'),
    replicasForAvailability: int,
    slo: z
      .object({
        target: sloTargetSchema,
        met: z.boolean(),
        gpusPerReplica: int,
        concurrency: int,
        outputTokensPerSecondPerUser: num,
        timeToFirstTokenAtPercentileSeconds: nnum.describe('Null when the queue is unstable (infinite wait).'),
        idleTimeToFirstTokenSeconds: num,
        requestsPerSecondPerReplica: num,
        plannedSlotUtilization: num,
        replicasForPeak: int,
        bestAchievable: z.object({ outputTokensPerSecondPerUser: num, timeToFirstTokenSeconds: num }),
        configurationsEvaluated: int,
      })
      .nullable()
      .describe('The SLO sizing; null for batch workloads and models that do not fit.'),
  })
  .describe('Capacity planning of this candidate (docs/capacity.md "Response").');

export const selfHostDetailSchema = z
  .object({
    model: z.object({ id: z.string(), name: z.string(), architecture: z.enum(ARCHITECTURES), license: z.string() }),
    hardware: z.object({ id: z.string(), name: z.string(), vendorClaim: z.boolean() }),
    pricing: z.enum(PRICING_MODES),
    precision: z.enum(WEIGHT_PRECISIONS),
    kvCachePrecision: z.enum(KV_CACHE_PRECISIONS),
    gpusPerReplica: int,
    memory: memoryReportSchema,
    assumptions: engineAssumptionsSchema,
    gpus: int.nullable().describe('Null when the model does not fit.'),
    replicas: int.nullable().describe('Null when the model does not fit.'),
    concurrency: int.optional().describe('Concurrent sequences per replica (when the model fits).'),
    throughput: z
      .object({
        source: z.enum(['model', 'measured']),
        outputTokensPerSecondPerReplica: num.describe('Visible output tokens/s of one replica (reasoning tokens excluded).'),
        generatedTokensPerSecondPerReplica: num.describe('Tokens/s one replica generates, reasoning tokens included.'),
        reasoningTokensPerRequest: num.describe('Hidden reasoning tokens generated per request (docs/capacity.md §6).'),
        outputTokensPerSecondPerGpu: num,
        outputTokensPerSecondPerUser: num,
        timeToFirstTokenSeconds: num,
        bottleneck: bottleneckSchema,
      })
      .optional()
      .describe('When the model fits.'),
    peakOutputTokensPerSecond: num.optional().describe('When the model fits.'),
    averageUtilization: num.optional().describe('Average load ÷ capacity of all replicas (when the model fits).'),
    cost: gpuCostSchema.optional().describe('Monthly cost breakdown (when the model fits).'),
    capacity: capacityDetailSchema.optional(),
  })
  .meta({ id: 'SelfHostDetail', description: 'Detail of a self-host result: every value used and computed.' });

export const apiDetailSchema = z
  .object({
    offering: z.object({ id: z.string(), provider: z.string(), modelName: z.string(), kind: z.enum(OFFERING_KINDS) }),
    pricesApplied: z.object({
      inputUsdPerMtok: num,
      cachedInputUsdPerMtok: num.describe('The cache-hit price; the input price where the offering has none.'),
      outputUsdPerMtok: num,
      batchMultiplier: num.describe('1 − batchShare × batchDiscountFraction.'),
      longContextTier: z.boolean().describe('True when the request input exceeds the long-context threshold.'),
    }),
    cost: z.object({ uncachedInputUsdPerMonth: num, cachedInputUsdPerMonth: num, outputUsdPerMonth: num }),
  })
  .meta({ id: 'ApiDetail', description: 'Detail of an API result: the offering, the prices applied and the cost breakdown.' });

/** A result's `detail`: null for excluded candidates and with ?detail=none. */
export const candidateDetailSchema = z.union([selfHostDetailSchema, apiDetailSchema, z.null()]);

export const resolvedWorkloadSchema = z.object({
  inputTokensPerMonth: num,
  outputTokensPerMonth: num,
  inputTokensPerRequest: num,
  outputTokensPerRequest: num,
  cachedInputShare: num,
  batchShare: num,
  peakToAverageRatio: num,
});

const commitmentNumbers = z.object({ 'on-demand': num, reserved: num, spot: num });

export const capacityEchoSchema = z.object({
  class: z.enum(WORKLOAD_CLASSES),
  slo: sloTargetSchema.nullable().describe('The SLO sized to; null for batch workloads.'),
  loadShape: z.object({
    source: z.enum(['hourlyLoad', 'peakToAverage']),
    hourlyWeights: z.array(num).describe('24 hourly weights, mean 1.'),
  }),
  reasoning: z
    .object({
      profile: z.enum(REASONING_PROFILES),
      perCandidate: z.array(
        z.object({
          candidate: z.string(),
          index: int,
          setting: z.union([z.enum(['auto', 'none', 'measured']), num]),
          reasoningTokensPerRequest: num,
          basis: z.enum(['request', 'none', 'default', 'opt-in', 'no-default']),
          default: z
            .object({
              id: z.string(),
              family: z.string(),
              mode: z.string(),
              reasoningTokensPerRequest: z.object({ mixed: num, knowledge: num }),
              source: z.string(),
              asOf: z.string(),
              estimate: z.boolean(),
            })
            .nullable()
            .describe('The sourced default consulted, with its source; null when none applied.'),
        }),
      ),
      sources: z.string(),
    })
    .describe('Reasoning tokens per candidate: the setting, the tokens used and the sourced default behind them (docs/capacity.md §6).'),
  defaults: z.object({
    interactiveSlo: sloTargetSchema,
    replicasForAvailability: z.object({ interactive: int, batch: int }),
    commitmentDiscounts: commitmentNumbers,
  }),
  sources: z.string(),
});

export const comparisonAssumptionsSchema = z
  .object({
    hoursPerMonth: num,
    workload: resolvedWorkloadSchema.describe('The workload with its defaults filled.'),
    overrides: assumptionsSchema.describe('The assumptions the request overrode for every candidate.'),
    defaults: z
      .object({
        gpuMemoryUtilization: num,
        maxTensorParallel: int,
        maxConcurrentSequences: int,
        maxConcurrentSequencesLargeGpu: int,
        ssmStatePrecision: z.enum(SSM_STATE_PRECISIONS),
        attentionDataParallel: z.boolean(),
        prefillChunkTokens: int,
        speculativeTokens: int,
        draftAcceptanceRate: num,
        draftCostShare: num,
        vendorClaimRealisation: num,
        measuredOutputTokensPerSecondPerGpu: nnum,
        targetUtilization: num,
        ...ownershipCostFields,
        utilization: num,
      })
      .describe('Defaults that do not depend on the hardware (per-hardware ones are in each self-host detail.assumptions).'),
    perCandidate: z.string(),
    capacity: capacityEchoSchema,
  })
  .meta({ id: 'ComparisonAssumptions', description: 'Hours per month, the resolved workload, overrides given and defaults.' });

export type SelfHostDetail = z.output<typeof selfHostDetailSchema>;
export type ApiDetail = z.output<typeof apiDetailSchema>;
export type CapacityDetail = z.output<typeof capacityDetailSchema>;
export type CapacityEcho = z.output<typeof capacityEchoSchema>;
export type ComparisonAssumptions = z.output<typeof comparisonAssumptionsSchema>;
