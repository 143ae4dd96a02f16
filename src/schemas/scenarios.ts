import { z } from 'zod';
import { notifyInputSchema, notifyOutputSchema } from '../notify/schemas.js';
import { scheduleInputSchema } from '../scheduler/schemas.js';
import {
  isStorableText,
  MAX_TOKENS_PER_MONTH,
  MIN_TOKENS_PER_MONTH,
  paginationQuery,
  storableText,
  UNSTORABLE_TEXT_MESSAGE,
} from './common.js';
import { compareRequestSchema } from './compare.js';
import { compareResponseSchema } from './compare-response.js';
import { documentedAs } from './documented-as.js';
import evaluationExample from './examples/scenario-evaluation.json' with { type: 'json' };

/**
 * A scenario is a /compare body with a name and a description. It is stored as given and
 * evaluated against the current profiles whenever it is read through /evaluation, /break-even
 * or /sensitivity.
 */
const nameField = {
  name: z.string().trim().min(1).max(200).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE),
  description: storableText(4000).nullable().optional(),
};
/** Stored outside the Scenario table (src/runs/scenario-settings.ts, docs/runs.md). */
const extrasFields = {
  schedule: scheduleInputSchema.optional().describe('Run the scenario on this cron schedule (docs/runs.md).'),
  notify: notifyInputSchema.optional().describe('POST webhook events about its runs (docs/runs.md).'),
};

const compareExample = (compareRequestSchema.meta()?.examples as Record<string, unknown>[] | undefined)?.[0] ?? {};

const SCENARIO_ID = '23724ed5-3726-4d4b-ae95-b99c710f4656';
const scenarioExample = {
  id: SCENARIO_ID,
  name: 'Support assistant, 8B tokens/month',
  description: 'Customer support bot; re-run monthly as prices change.',
  ...compareExample,
  version: 1,
  createdAt: '2026-11-27T04:00:00.000Z',
  updatedAt: '2026-11-27T04:00:00.000Z',
};
const scenarioRef = { id: SCENARIO_ID, name: scenarioExample.name, version: 1 };

export const scenarioWriteSchema = compareRequestSchema
  .extend({ ...nameField, ...extrasFields })
  .strict()
  .meta({
    id: 'ScenarioWrite',
    examples: [
      {
        name: 'Support assistant, 8B tokens/month',
        description: 'Customer support bot; re-run monthly as prices change.',
        ...compareExample,
      },
    ],
  });

export const scenarioPatchSchema = z
  .object({
    name: nameField.name.optional(),
    description: nameField.description,
    workload: compareRequestSchema.shape.workload.optional(),
    candidates: compareRequestSchema.shape.candidates.optional(),
    assumptions: compareRequestSchema.shape.assumptions.unwrap().nullable().optional().describe('null removes them.'),
    constraints: compareRequestSchema.shape.constraints.unwrap().nullable().optional().describe('null removes them.'),
    schedule: scheduleInputSchema.nullable().optional().describe('Replaces the schedule; null removes it.'),
    notify: notifyInputSchema
      .nullable()
      .optional()
      .describe('Replaces the webhook (an omitted secret keeps the stored one); null removes it.'),
  })
  .strict()
  .meta({ id: 'ScenarioPatch', examples: [{ assumptions: { utilization: 0.6, opsUsdPerMonth: 20000 } }] });

export const scenarioSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    workload: documentedAs('Workload'),
    candidates: z.array(documentedAs('Candidate')),
    assumptions: documentedAs('Assumptions').optional(),
    constraints: documentedAs('Constraints').optional(),
    schedule: z.object({ cron: z.string(), timezone: z.string(), nextDueAt: z.string() }).optional(),
    notify: notifyOutputSchema.optional(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Scenario', examples: [scenarioExample] });

export const scenarioPageSchema = z
  .object({ items: z.array(scenarioSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'ScenarioPage', examples: [{ items: [scenarioExample], total: 1, limit: 50, offset: 0 }] });

export const scenarioListQuery = z
  .object({ ...paginationQuery, name: storableText(200, 1).optional().describe('Only scenarios whose name contains this text.') })
  .strict();

export const scenarioDeleteQuery = z
  .object({
    runs: z
      .enum(['keep', 'delete'])
      .default('keep')
      .describe('Keep (default) or delete the stored runs and webhook deliveries of the scenario; its schedule and webhook go with it.'),
  })
  .strict();

export const scenarioIdParams = z.object({ id: z.uuid().describe('Scenario id.') }).strict();

export const evaluationSchema = compareResponseSchema
  .extend({
    scenario: z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string() }),
    evaluatedAt: z.string().describe('When the evaluation ran (ISO 8601).'),
  })
  .meta({
    id: 'ScenarioEvaluation',
    // A real evaluation of the example scenario on the reference catalogue (npm run openapi:examples).
    examples: [evaluationExample],
  });

export const curveQuery = z
  .object({
    fromTokens: z.coerce
      .number()
      .min(MIN_TOKENS_PER_MONTH)
      .max(MAX_TOKENS_PER_MONTH)
      .optional()
      .describe(
        `Smallest monthly volume (tokens/month), ${MIN_TOKENS_PER_MONTH} to ${MAX_TOKENS_PER_MONTH}. Default: a quarter of the smallest of the current volume and the break-even volumes.`,
      ),
    toTokens: z.coerce
      .number()
      .min(MIN_TOKENS_PER_MONTH)
      .max(MAX_TOKENS_PER_MONTH)
      .optional()
      .describe(`Largest monthly volume, ${MIN_TOKENS_PER_MONTH} to ${MAX_TOKENS_PER_MONTH}. Default: four times the largest of them.`),
    points: z.coerce
      .number()
      .int()
      .min(2)
      .max(500)
      .default(60)
      .describe('Volumes sampled, log-spaced (2 to 500); the current and break-even volumes are added.'),
  })
  .strict();

const curvePoint = z.object({ monthlyTokens: z.number(), monthlyCostUsd: z.number().nullable() });
export const breakEvenCurveSchema = z
  .object({
    scenario: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
    currentMonthlyTokens: z.number(),
    series: z.array(
      z
        .object({ label: z.string(), type: z.enum(['api', 'self-host']), points: z.array(curvePoint) })
        .describe('Monthly cost at each volume (null where a model does not fit).'),
    ),
    breakEvenPoints: z.array(z.object({ selfHost: z.string(), api: z.string(), monthlyTokens: z.number(), monthlyCostUsd: z.number() })),
    excluded: z.array(z.object({ label: z.string(), reason: z.string() })),
  })
  .meta({
    id: 'BreakEvenCurves',
    examples: [
      {
        scenario: scenarioRef,
        currentMonthlyTokens: 8e9,
        series: [
          {
            label: 'OpenAI gpt-5',
            type: 'api',
            points: [
              { monthlyTokens: 1e9, monthlyCostUsd: 3268.75 },
              { monthlyTokens: 8e9, monthlyCostUsd: 26150 },
            ],
          },
          {
            label: 'gpt-oss-120b on H100 (cloud)',
            type: 'self-host',
            points: [
              { monthlyTokens: 1e9, monthlyCostUsd: 16817.7 },
              { monthlyTokens: 8e9, monthlyCostUsd: 16817.7 },
            ],
          },
        ],
        breakEvenPoints: [
          { selfHost: 'gpt-oss-120b on H100 (cloud)', api: 'OpenAI gpt-5', monthlyTokens: 5144994263.86, monthlyCostUsd: 16817.7 },
        ],
        excluded: [],
      },
    ],
  });

export const sensitivityQuery = z
  .object({
    sortBy: z.enum(['monthlyCost', 'breakEven']).default('monthlyCost').describe('Metric whose swing orders the bars.'),
    selfHost: storableText(200, 1)
      .optional()
      .describe(
        'Self-host candidate to vary: its label or request index. Default: the cheapest self-host option among pairs that break even.',
      ),
    api: storableText(200, 1)
      .optional()
      .describe(
        'API candidate to measure against: its label or request index. Default: the cheapest API option that the chosen self-host option breaks even against.',
      ),
  })
  .strict();

const metrics = z.object({ selfHostMonthlyCostUsd: z.number().nullable(), breakEvenMonthlyTokens: z.number().nullable() });
export const sensitivitySchema = z
  .object({
    scenario: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
    selfHost: z.string().describe('The self-host option varied.'),
    selfHostIndex: z.number().int().describe('Its request index.'),
    api: z.string().describe('The API option it is measured against.'),
    apiIndex: z.number().int().describe('Its request index.'),
    breakEven: z
      .enum(['breaks-even', 'never', 'does-not-fit'])
      .describe("Whether the pair breaks even at the scenario's inputs; 'never': self-hosting never becomes cheaper at any volume."),
    sortBy: z.enum(['monthlyCost', 'breakEven']),
    base: metrics,
    bars: z.array(
      z.object({
        parameter: z.string(),
        description: z.string(),
        lowValue: z.number(),
        highValue: z.number(),
        low: metrics,
        high: metrics,
        swing: z.number().nullable(),
      }),
    ),
  })
  .meta({
    id: 'Sensitivity',
    examples: [
      {
        scenario: scenarioRef,
        selfHost: 'gpt-oss-120b on H100 (cloud)',
        selfHostIndex: 1,
        api: 'OpenAI gpt-5',
        apiIndex: 0,
        breakEven: 'breaks-even',
        sortBy: 'monthlyCost',
        base: { selfHostMonthlyCostUsd: 16817.7, breakEvenMonthlyTokens: 5144994263.86 },
        bars: [
          {
            parameter: 'usdPerGpuHour',
            description: 'Cloud GPU price: 0.6× and 1.5× the price used',
            lowValue: 1.494,
            highValue: 3.735,
            low: { selfHostMonthlyCostUsd: 16090.62, breakEvenMonthlyTokens: 4922560000 },
            high: { selfHostMonthlyCostUsd: 17726.55, breakEvenMonthlyTokens: 5423030000 },
            swing: 1635.93,
          },
        ],
      },
    ],
  });

/** An SVG image body (image/svg+xml). */
export const svgSchema = z.string().meta({
  id: 'SvgImage',
  description: 'An SVG document (image/svg+xml).',
  examples: ['<svg xmlns="http://www.w3.org/2000/svg" ...>...</svg>'],
});
