import { z } from 'zod';
import { positive, problemSummarySchema, slugSchema } from './common.js';
import { compareResponseSchema } from './compare-response.js';
import { documentedAs } from './documented-as.js';

/** Most items one POST /compare/batch may carry. */
export const MAX_BATCH_ITEMS = 10_000;

export const batchRequestSchema = z
  .object({
    items: z
      .array(documentedAs('CompareRequest'))
      .min(1)
      .describe(
        `1 to ${MAX_BATCH_ITEMS} /compare request bodies. Each is validated on its own: an invalid item yields an error line and the others are still evaluated. More items than the limit is a 413.`,
      ),
  })
  .strict()
  .meta({
    id: 'BatchRequest',
    examples: [
      {
        items: [
          {
            workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
            candidates: [
              { type: 'api', offering: 'openai-gpt-5-mini' },
              { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-l40s' },
            ],
          },
        ],
      },
    ],
  });

/** `?detail=none` leaves out each result's `detail` (engine breakdown, assumptions, memory). */
export const detailQuery = z
  .object({
    detail: z
      .enum(['full', 'none'])
      .default('full')
      .describe(
        '`full` (default): every result carries `detail` (throughput, memory, cost breakdown, every assumption used). `none`: `detail` is null — costs, $/Mtok, break-evens, warnings and notes only; a far smaller response, for scheduled jobs.',
      ),
  })
  .strict();

export const batchLineSchema = z
  .object({
    index: z.number().int().describe('Position of the item in the request.'),
    ok: z.boolean(),
    result: compareResponseSchema.optional().describe('The /compare response, when ok.'),
    error: problemSummarySchema.optional().describe('Why the item failed (fields named within the item), when not ok.'),
  })
  .meta({ id: 'BatchLine', description: 'One line of the NDJSON stream (application/x-ndjson), in item order.' });

export const batchEndSchema = z
  .object({
    type: z.literal('end'),
    items: z.number().int().describe('Item lines written before this record.'),
    total: z.number().int().describe('Items in the request.'),
    ok: z.number().int(),
    failed: z.number().int(),
    complete: z.boolean().describe('true when every item was written (items = total).'),
    reason: z.string().optional().describe('Why the stream stopped early, when not complete (e.g. server shutdown).'),
  })
  .meta({
    id: 'BatchEnd',
    description:
      'The last line of every NDJSON batch stream. A stream whose last line is not this record was cut (connection lost, crash); complete:false means the server cut it (shutdown). The CSV form ends with the trailer line `# end items=N total=N ok=k failed=f complete=true`.',
    examples: [{ type: 'end', items: 2, total: 2, ok: 1, failed: 1, complete: true }],
  });

/**
 * Projection domains: prices in [1e-6, 1e6] USD/Mtok, multipliers in [0.001, 1e6] (below 1: dearer),
 * realisations in [0.01, 1]; so the projected price stays within [1e-6 ÷ 1e12, 1e6 ÷ 1e-10] and finite.
 */
const usdPerMtokBound = positive(1e6, 1e-6);
const multiplierBound = positive(1e6, 0.001);
const realisationBound = positive(1, 0.01);

export const projectionRequestSchema = z
  .object({
    baselineUsdPerMtok: z
      .object({ low: usdPerMtokBound, high: usdPerMtokBound })
      .strict()
      .describe("Today's price range, USD per million tokens, each in [1e-6, 1e6]."),
    hardware: z
      .object({
        low: multiplierBound,
        high: multiplierBound,
        realisation: realisationBound.optional().describe('Share realised in practice, [0.01, 1]. Default 0.5 (a vendor claim).'),
      })
      .strict()
      .describe('Hardware cost-per-token multiplier (e.g. 10 for "10x lower cost per token").'),
    architecture: z
      .union([
        z
          .object({
            low: multiplierBound,
            high: multiplierBound,
            realisation: realisationBound.optional().describe('[0.01, 1]. Default 1.'),
          })
          .strict(),
        z
          .object({
            model: slugSchema.describe(
              "Model profile id: the multiplier is the engine's tokens/s per GPU of this model ÷ that of the reference (total ÷ active parameters is reported as the nominal upper bound).",
            ),
            realisation: realisationBound.optional(),
            reference: slugSchema
              .optional()
              .describe(
                'Model profile id to compare against (e.g. a dense model of similar quality). Default: the dense equivalent of `model`.',
              ),
            referenceHardware: slugSchema.optional().describe('Hardware profile id both are modelled on. Default nvidia-h100-sxm.'),
            inputTokens: z.number().int().positive().max(1_000_000).optional().describe('Prompt tokens per request. Default 1000.'),
            outputTokens: z.number().int().positive().max(1_000_000).optional().describe('Output tokens per request. Default 1000.'),
          })
          .strict(),
      ])
      .describe(
        'Architecture multiplier as a range, or from a model profile modelled by the engine against a reference (docs/cost-model.md §7).',
      ),
  })
  .strict()
  .meta({
    id: 'ProjectionRequest',
    examples: [
      { baselineUsdPerMtok: { low: 5, high: 15 }, hardware: { low: 10, high: 10, realisation: 0.5 }, architecture: { low: 5, high: 7 } },
      { baselineUsdPerMtok: { low: 5, high: 15 }, hardware: { low: 10, high: 10 }, architecture: { model: 'gemma-4-26b-a4b' } },
    ],
  });

const range = z.object({ low: z.number(), high: z.number() });
export const projectionResponseSchema = z
  .object({
    baselineUsdPerMtok: range,
    hardwareRealisation: z.number(),
    architectureRealisation: z.number(),
    architectureMultiplier: range.describe('The architecture multiplier used (from the model profile when one was named).'),
    architectureBasis: z
      .object({
        model: z.string(),
        reference: z.string().describe('Reference model id, or "dense-equivalent".'),
        referenceHardware: z.string(),
        inputTokens: z.number(),
        outputTokens: z.number(),
        nominalTotalOverActive: z.number().describe('total ÷ active parameters: FLOPs saved per token, an upper bound.'),
        modelTokensPerSecondPerGpu: z.number(),
        referenceTokensPerSecondPerGpu: z.number(),
      })
      .optional()
      .describe('How a model-derived multiplier was obtained (only when a model was named).'),
    nominalMultiplier: range,
    realisedMultiplier: range.extend({ central: z.number() }),
    combinedFactor: z.number().describe('The central realised multiplier: baseline prices are divided by it.'),
    projectedAtCentralUsdPerMtok: range,
    projectedRangeUsdPerMtok: range,
    steps: z.array(z.string()).describe('The arithmetic, one step per line.'),
  })
  .meta({ id: 'ProjectionResponse' });
