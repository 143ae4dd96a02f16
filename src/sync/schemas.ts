import { z } from 'zod';

/** Schemas of POST /sync/api-prices. */
export const syncQuery = z
  .object({
    dryRun: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('true: return the diff and write nothing.'),
  })
  .strict();

const change = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });

export const syncResponseSchema = z
  .object({
    dryRun: z.boolean(),
    applied: z.boolean().describe('True when revisions were written.'),
    actor: z.string().describe('The change-log actor of the writes: sync:genai-prices@<version>.'),
    dataset: z.object({ version: z.string(), origin: z.string().describe('`bundled` or the URL read.') }),
    counts: z.object({
      added: z.number().int(),
      changed: z.number().int(),
      revisions: z.number().int().describe('Revisions written (or that would be): adds plus every dated step of a change.'),
      unchanged: z.number().int(),
      held: z.number().int(),
      scheduled: z.number().int(),
      unmapped: z.number().int().describe('Dataset models not mapped onto an offering.'),
      notInDataset: z.number().int(),
    }),
    added: z.array(z.object({ id: z.string(), provider: z.string(), modelName: z.string(), effectiveDate: z.string().nullable() })),
    changed: z.array(
      z.object({
        id: z.string(),
        version: z.number().int().describe('The version the diff was made from.'),
        steps: z.array(
          z.object({
            effectiveDate: z.string().nullable().describe('Start date of a dated price change; null: valid from the write.'),
            changes: z.array(change).describe('Old and new value of every field written.'),
          }),
        ),
      }),
    ),
    unchanged: z.array(z.string()),
    held: z
      .array(z.object({ id: z.string(), reason: z.string(), changes: z.array(change) }))
      .describe('Offerings left alone: edited by a person after the last sync, or deleted.'),
    scheduled: z.array(z.object({ id: z.string(), startDate: z.string(), changes: z.array(change) })),
    unmapped: z.array(z.object({ provider: z.string(), model: z.string().nullable(), count: z.number().int(), reason: z.string() })),
    notInDataset: z.array(z.string()).describe('Catalogue offerings of mapped providers that match no dataset model (never deleted).'),
    notes: z.array(z.string()),
    summary: z.string().describe('The diff as readable text (what the CLI prints).'),
  })
  .meta({
    id: 'PriceSyncResult',
    examples: [
      {
        dryRun: true,
        applied: false,
        actor: 'sync:genai-prices@0.1.8',
        dataset: { version: '0.1.8', origin: 'bundled' },
        counts: { added: 0, changed: 1, revisions: 1, unchanged: 48, held: 0, scheduled: 0, unmapped: 0, notInDataset: 0 },
        added: [],
        changed: [
          {
            id: 'anthropic-claude-sonnet-5',
            version: 1,
            steps: [{ effectiveDate: null, changes: [{ field: 'inputUsdPerMtok', old: 3, new: 2 }] }],
          },
        ],
        unchanged: ['openai-gpt-5'],
        held: [],
        scheduled: [],
        unmapped: [],
        notInDataset: [],
        notes: [],
        summary:
          'Price sync from @pydantic/genai-prices 0.1.8 (bundled) — dry run, nothing written\n  added 0, changed 1 (1 revisions in all), unchanged 48, held 0, scheduled 0, unmapped 0 dataset models, 0 catalogue offerings not in the dataset\nChanged:\n  anthropic-claude-sonnet-5: inputUsdPerMtok 3 → 2',
      },
    ],
  });
