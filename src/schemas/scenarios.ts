import { z } from 'zod';
import { paginationQuery, problemSchema } from './common.js';
import { compareRequestSchema } from './compare.js';
import { compareResponseSchema } from './compare-response.js';

/**
 * A scenario is a /compare body with a name and a description. It is stored as given and
 * evaluated against the current profiles whenever it is read through /evaluation, /break-even
 * or /sensitivity.
 */
const nameField = { name: z.string().trim().min(1).max(200), description: z.string().max(4000).nullable().optional() };

const compareExample = (compareRequestSchema.meta()?.examples as Record<string, unknown>[] | undefined)?.[0] ?? {};

export const scenarioWriteSchema = compareRequestSchema
  .extend(nameField)
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
    assumptions: compareRequestSchema.shape.assumptions,
    constraints: compareRequestSchema.shape.constraints,
  })
  .strict()
  .meta({ id: 'ScenarioPatch', examples: [{ assumptions: { utilization: 0.6, opsUsdPerMonth: 20000 } }] });

export const scenarioSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    workload: z.record(z.string(), z.unknown()),
    candidates: z.array(z.record(z.string(), z.unknown())),
    assumptions: z.record(z.string(), z.unknown()).optional(),
    constraints: z.record(z.string(), z.unknown()).optional(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Scenario' });

export const scenarioPageSchema = z
  .object({ items: z.array(scenarioSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'ScenarioPage' });

export const scenarioListQuery = z
  .object({ ...paginationQuery, name: z.string().min(1).max(200).optional().describe('Only scenarios whose name contains this text.') })
  .strict();

export const scenarioIdParams = z.object({ id: z.uuid().describe('Scenario id.') }).strict();

export const evaluationSchema = compareResponseSchema
  .extend({
    scenario: z.object({ id: z.string(), name: z.string(), version: z.number().int(), updatedAt: z.string() }),
    evaluatedAt: z.string().describe('When the evaluation ran (ISO 8601).'),
  })
  .meta({ id: 'ScenarioEvaluation' });

export const curveQuery = z
  .object({
    fromTokens: z.coerce
      .number()
      .positive()
      .max(1e18)
      .optional()
      .describe(
        'Smallest monthly volume (tokens/month). Default: a quarter of the smallest of the current volume and the break-even volumes.',
      ),
    toTokens: z.coerce
      .number()
      .positive()
      .max(1e18)
      .optional()
      .describe('Largest monthly volume. Default: four times the largest of them.'),
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
  .meta({ id: 'BreakEvenCurves' });

export const sensitivityQuery = z
  .object({
    sortBy: z.enum(['monthlyCost', 'breakEven']).default('monthlyCost').describe('Metric whose swing orders the bars.'),
  })
  .strict();

const metrics = z.object({ selfHostMonthlyCostUsd: z.number().nullable(), breakEvenMonthlyTokens: z.number().nullable() });
export const sensitivitySchema = z
  .object({
    scenario: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
    selfHost: z.string().describe('The cheapest self-host option varied.'),
    api: z.string().describe('The cheapest API option it is measured against.'),
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
  .meta({ id: 'Sensitivity' });

export const scenarioProblems = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
