import { z } from 'zod';
import { paginationQuery, problemSummarySchema } from '../schemas/common.js';
import { documentedAs } from '../schemas/documented-as.js';

/** Request and response schemas of the runs routes (docs/runs.md). */
const SCENARIO_ID = '23724ed5-3726-4d4b-ae95-b99c710f4656';
const RUN_ID = '8c1f4e2a-5b6d-4f70-9a1b-2c3d4e5f6a7b';
const PREVIOUS_RUN_ID = '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e';

const nnum = z.number().nullable();
const isoTime = z.iso.datetime({ offset: true });

export const runParams = z.object({ id: z.uuid().describe('Scenario id.'), runId: z.uuid().describe('Run id.') }).strict();

export const runTriggerBody = z
  .object({
    trigger: z
      .enum(['api', 'cli'])
      .optional()
      .describe('What started the run; default `api`, or the X-Breakeven-Trigger header. `schedule` is set only by the scheduler.'),
  })
  .strict()
  // Optional: a POST without a body arrives as null.
  .nullish()
  .meta({ id: 'RunTrigger', examples: [{ trigger: 'cli' }] });

export const runTriggerHeaders = z.object({
  'x-breakeven-trigger': z.enum(['api', 'cli']).optional().describe('Alternative to the body field `trigger` (used by the CLI).'),
});

const timeRange = {
  from: isoTime.optional().describe('Only runs at or after this time (ISO 8601 with offset).'),
  to: isoTime.optional().describe('Only runs at or before this time (ISO 8601 with offset).'),
};

export const runListQuery = z.object({ ...paginationQuery, ...timeRange }).strict();

export const historyQuery = z
  .object({
    ...timeRange,
    limit: z.coerce.number().int().min(1).max(1000).default(200).describe('Latest runs drawn, 1 to 1000.'),
  })
  .strict();

const candidateSchema = z.object({
  label: z.string(),
  type: z.enum(['api', 'self-host']),
  excluded: z.string().nullable().describe('Constraint that ruled the candidate out, else null.'),
  fits: z.boolean().nullable(),
  monthlyCostUsd: nnum,
  usdPerMtok: z.object({ input: nnum, output: nnum, blended: nnum }),
  gpus: nnum.optional(),
  replicas: nnum.optional(),
  precision: z.string().nullable().optional(),
});

const profileSnapshotSchema = z.object({
  kind: z.enum(['hardware', 'model', 'apiOffering']),
  id: z.string().nullable().describe('Stored id; null for an inline profile.'),
  version: z.number().int().nullable(),
  values: z.record(z.string(), z.unknown()).describe('Field values used (notes and timestamps left out).'),
});

export const runEvaluationSchema = z
  .object({
    request: documentedAs('CompareRequest').describe('The /compare request evaluated (the scenario at scenarioVersion).'),
    profiles: z.array(profileSnapshotSchema),
    results: z.array(candidateSchema),
    cheapest: z.string().nullable(),
    breakEven: z.array(
      z.object({
        selfHost: z.string(),
        api: z.string(),
        outcome: z.string(),
        monthlyTokens: nnum,
        monthlyApiSpendUsd: nnum,
        savingsAtCurrentVolumeUsd: nnum,
      }),
    ),
    warnings: z.array(z.object({ candidate: z.string(), code: z.string(), message: z.string() })),
  })
  .meta({ id: 'RunEvaluation' });

export const runSummarySchema = z
  .object({
    cheapest: z.string().nullable(),
    monthlyCostUsd: z.array(z.object({ label: z.string(), monthlyCostUsd: nnum })),
    breakEven: z.array(z.object({ selfHost: z.string(), api: z.string(), outcome: z.string(), monthlyTokens: nnum })),
  })
  .meta({ id: 'RunSummary' });

export const runChangesSchema = z
  .object({
    previousRunId: z.string().describe('The previous successful run of the scenario.'),
    changed: z.boolean().describe('Whether anything below differs.'),
    cheapest: z
      .object({ from: z.string().nullable(), to: z.string().nullable() })
      .nullable()
      .describe('Set when the cheapest option changed.'),
    monthlyCost: z
      .array(z.object({ label: z.string(), fromUsd: nnum, toUsd: nnum, changeUsd: nnum, changePercent: nnum }))
      .describe('Candidates whose monthly cost changed.'),
    breakEven: z
      .array(
        z.object({
          selfHost: z.string(),
          api: z.string(),
          fromOutcome: z.string(),
          toOutcome: z.string(),
          fromMonthlyTokens: nnum,
          toMonthlyTokens: nnum,
          changePercent: nnum,
        }),
      )
      .describe('Pairs whose break-even volume or outcome moved.'),
    newlyExcluded: z.array(z.object({ label: z.string(), reason: z.string() })),
    stoppedFitting: z.array(z.string()),
    addedCandidates: z.array(z.string()),
    removedCandidates: z.array(z.string()),
    profileChanges: z
      .array(
        z.object({
          kind: z.enum(['hardware', 'model', 'apiOffering']),
          id: z.string(),
          field: z.string(),
          from: z.unknown(),
          to: z.unknown(),
          text: z.string(),
        }),
      )
      .describe('Profile field values that differ between the two runs: the causes.'),
    scenarioVersion: z
      .object({ from: z.number().int(), to: z.number().int() })
      .nullable()
      .describe('Set when the scenario itself was edited.'),
  })
  .meta({ id: 'RunChanges' });

const changesExample = {
  previousRunId: PREVIOUS_RUN_ID,
  changed: true,
  cheapest: null,
  monthlyCost: [{ label: 'OpenAI gpt-5', fromUsd: 26150, toUsd: 20920, changeUsd: -5230, changePercent: -20 }],
  breakEven: [
    {
      selfHost: 'gpt-oss-120b on H100 SXM5 80GB (cloud)',
      api: 'OpenAI gpt-5',
      fromOutcome: 'breaks-even',
      toOutcome: 'breaks-even',
      fromMonthlyTokens: 5144994263.86,
      toMonthlyTokens: 6431242829.83,
      changePercent: 25,
    },
  ],
  newlyExcluded: [],
  stoppedFitting: [],
  addedCandidates: [],
  removedCandidates: [],
  profileChanges: [
    { kind: 'apiOffering', id: 'openai-gpt-5', field: 'outputUsdPerMtok', from: 10, to: 8, text: 'openai-gpt-5.outputUsdPerMtok 10 -> 8' },
  ],
  scenarioVersion: null,
};

const summaryExample = {
  cheapest: 'gpt-oss-120b on H100 SXM5 80GB (cloud)',
  monthlyCostUsd: [
    { label: 'OpenAI gpt-5', monthlyCostUsd: 20920 },
    { label: 'gpt-oss-120b on H100 SXM5 80GB (cloud)', monthlyCostUsd: 16817.7 },
  ],
  breakEven: [
    { selfHost: 'gpt-oss-120b on H100 SXM5 80GB (cloud)', api: 'OpenAI gpt-5', outcome: 'breaks-even', monthlyTokens: 6431242829.83 },
  ],
};

const runFields = {
  id: z.string(),
  scenarioId: z.string(),
  number: z.number().int().describe('1 for the first run of the scenario, then 2, 3...'),
  createdAt: z.string().describe('When the run was stored (ISO 8601).'),
  trigger: z.enum(['api', 'schedule', 'cli']),
  actor: z.string().describe('API key name, `anonymous`, or `scheduler`.'),
  status: z.enum(['ok', 'failed']),
  scheduledFor: z.string().nullable().describe('The schedule tick a scheduled run serves.'),
  scenarioVersion: z.number().int(),
  summary: runSummarySchema.nullable(),
  changes: runChangesSchema.nullable().describe('Null for the first successful run and for failed runs.'),
  error: problemSummarySchema.nullable().describe('Why a failed run could not be evaluated.'),
};

const runExample = {
  id: RUN_ID,
  scenarioId: SCENARIO_ID,
  number: 2,
  createdAt: '2026-12-02T06:00:00.112Z',
  trigger: 'schedule',
  actor: 'scheduler',
  status: 'ok',
  scheduledFor: '2026-12-02T06:00:00.000Z',
  scenarioVersion: 1,
  summary: summaryExample,
  changes: changesExample,
  error: null,
};

export const runSchema = z.object({ ...runFields, evaluation: runEvaluationSchema.nullable() }).meta({
  id: 'Run',
  examples: [
    {
      ...runExample,
      evaluation: {
        request: {
          workload: { inputTokensPerMonth: 6e9, outputTokensPerMonth: 2e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
          candidates: [{ type: 'api', offering: 'openai-gpt-5' }],
        },
        profiles: [
          {
            kind: 'apiOffering',
            id: 'openai-gpt-5',
            version: 2,
            values: {
              provider: 'OpenAI',
              modelName: 'gpt-5',
              inputUsdPerMtok: 1.25,
              outputUsdPerMtok: 8,
              source: 'https://openai.com/api/pricing/',
              asOf: '2025-11-13',
            },
          },
        ],
        results: [
          {
            label: 'OpenAI gpt-5',
            type: 'api',
            excluded: null,
            fits: null,
            monthlyCostUsd: 20920,
            usdPerMtok: { input: 1.025, output: 8, blended: 2.615 },
          },
        ],
        cheapest: 'OpenAI gpt-5',
        breakEven: [],
        warnings: [],
      },
    },
  ],
});

export const runListItemSchema = z.object(runFields).meta({ id: 'RunListItem' });

export const runPageSchema = z
  .object({ items: z.array(runListItemSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .describe('Newest first; items leave out the stored evaluation (GET the run for it).')
  .meta({ id: 'RunPage', examples: [{ items: [runExample], total: 2, limit: 50, offset: 0 }] });

export const changesResponseSchema = z
  .object({ runId: z.string(), changes: runChangesSchema.nullable() })
  .meta({ id: 'RunChangesResponse', examples: [{ runId: RUN_ID, changes: changesExample }] });

export const historySchema = z
  .object({
    scenarioId: z.string(),
    series: z.array(
      z.object({
        label: z.string(),
        type: z.enum(['api', 'self-host']),
        points: z.array(z.object({ runId: z.string(), at: z.string(), monthlyCostUsd: nnum })),
      }),
    ),
    cheapest: z.array(z.object({ runId: z.string(), at: z.string(), label: z.string().nullable(), monthlyCostUsd: nnum })),
  })
  .describe('Monthly cost per candidate over the successful runs, oldest first; `cheapest` gives the cheapest option of each run.')
  .meta({
    id: 'RunHistory',
    examples: [
      {
        scenarioId: SCENARIO_ID,
        series: [
          {
            label: 'OpenAI gpt-5',
            type: 'api',
            points: [
              { runId: PREVIOUS_RUN_ID, at: '2026-12-01T06:00:00.087Z', monthlyCostUsd: 26150 },
              { runId: RUN_ID, at: '2026-12-02T06:00:00.112Z', monthlyCostUsd: 20920 },
            ],
          },
        ],
        cheapest: [
          { runId: PREVIOUS_RUN_ID, at: '2026-12-01T06:00:00.087Z', label: 'OpenAI gpt-5', monthlyCostUsd: 26150 },
          { runId: RUN_ID, at: '2026-12-02T06:00:00.112Z', label: 'OpenAI gpt-5', monthlyCostUsd: 20920 },
        ],
      },
    ],
  });
