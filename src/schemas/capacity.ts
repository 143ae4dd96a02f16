import { z } from 'zod';
import { CLOUD_COMMITMENTS, COMMITMENT_DISCOUNTS, INTERACTIVE_SLO_DEFAULTS, WORKLOAD_CLASSES } from '../calc/capacity/index.js';
import { nonNegativeInt, positive } from './common.js';

/**
 * Request and response schemas of capacity planning (docs/capacity.md): workload class and SLO,
 * daily load shape, availability, cloud commitments, and the hybrid plan per self-host × API pair.
 */

const d = INTERACTIVE_SLO_DEFAULTS;

export const sloSchema = z
  .object({
    timeToFirstTokenSeconds: positive(600)
      .optional()
      .describe(`Time to first token at the percentile, seconds. Default ${d.timeToFirstTokenSeconds}.`),
    outputTokensPerSecondPerUser: positive(10_000)
      .optional()
      .describe(`Output tokens/s each user receives. Default ${d.outputTokensPerSecondPerUser}.`),
    percentile: z
      .number()
      .min(0.5)
      .max(0.9999)
      .optional()
      .describe(`Percentile both targets hold at, [0.5, 0.9999]. Default ${d.percentile}.`),
  })
  .strict()
  .describe('Service level of an interactive workload; defaults from what closed APIs deliver (docs/capacity.md). Ignored for batch.');

/** Workload fields added by capacity planning (merged into the /compare workload schema). */
export const capacityWorkloadFields = {
  class: z
    .enum(WORKLOAD_CLASSES)
    .optional()
    .describe('interactive (default): sized to the SLO with N+1 replicas. batch: offline, no SLO, no spare, sized for throughput.'),
  slo: sloSchema.optional(),
  hourlyLoad: z
    .array(z.number().min(0).max(1e12))
    .length(24)
    .optional()
    .describe(
      'Relative load of each hour of the day (00:00–23:00), any scale; sets peakToAverage (max ÷ mean). Default: derived from peakToAverage.',
    ),
};

export const commitmentFields = {
  commitment: z
    .enum(CLOUD_COMMITMENTS)
    .optional()
    .describe(
      `GPU commitment: on-demand (default), reserved (1-year, default ${COMMITMENT_DISCOUNTS.reserved * 100} % off) or spot (default ${COMMITMENT_DISCOUNTS.spot * 100} % off, can be reclaimed).`,
    ),
  commitmentDiscount: z
    .number()
    .min(0)
    .lt(1)
    .optional()
    .describe('Discount on the on-demand GPU-hour price for the commitment, [0, 1). Default: sourced per commitment (docs/capacity.md).'),
};

export const replicasForAvailabilitySchema = nonNegativeInt(100).describe(
  'Spare replicas beyond those the peak needs. Default 1 (N+1) for interactive workloads, 0 for batch.',
);

export const hybridSchema = z
  .object({
    selfHost: z.string(),
    selfHostIndex: z.number().int().describe('Request index of the self-host candidate.'),
    api: z.string(),
    apiIndex: z.number().int().describe('Request index of the API candidate.'),
    fits: z.boolean().describe('False when the self-host model does not fit: the hybrid is then the API alone.'),
    replicas: z.number().int().describe('Cost-minimising self-host replicas; overflow above their capacity goes to the API.'),
    monthlyCostUsd: z.number(),
    selfHostMonthlyCostUsd: z.number().describe('Operations (when replicas > 0) + replicas × replica cost.'),
    apiMonthlyCostUsd: z.number().describe('API cost of the overflow.'),
    selfHostedTokenShare: z.number().describe('Share of the monthly tokens served by the self-host replicas.'),
    savingsVsApiUsd: z.number().describe('API-only cost − hybrid cost, USD/month (≥ 0).'),
    savingsVsSelfHostUsd: z
      .number()
      .nullable()
      .describe('Self-host-only cost (with spares) − hybrid cost, USD/month; null when it does not fit.'),
    breakEvenMonthlyTokens: z
      .number()
      .nullable()
      .describe('Smallest total tokens/month from which a hybrid with at least one replica beats the API alone; null when never.'),
  })
  .meta({ id: 'HybridPlan' });
