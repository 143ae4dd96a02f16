import { z } from 'zod';
import { paginationQuery, storableText } from '../schemas/common.js';
import { ACTIONS, ENTITY_KINDS } from './record.js';

/** Schemas of the change log's routes: revisions, as-of reads and GET /audit. */

/** A calendar date `YYYY-MM-DD` that exists. */
export const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    'not a calendar date',
  );

export const asOfQuery = z
  .object({
    asOf: dateSchema
      .optional()
      .describe(
        'Evaluate with the revisions valid at the end of this day (UTC): those whose effective date is before the next midnight (docs/catalog.md).',
      ),
  })
  .strict();

const fieldChangeSchema = z.object({ field: z.string(), old: z.unknown(), new: z.unknown() });

export const revisionSchema = z
  .object({
    revisionId: z.number().int().describe('Change-log row id.'),
    version: z.number().int().nullable().describe('The profile version after this write.'),
    action: z.enum(ACTIONS),
    at: z.string().describe('Server time of the write.'),
    effectiveAt: z.string().describe('When the value became valid (what asOf compares against).'),
    actor: z.string().describe('API key name, anonymous, reference-data or sync:genai-prices@<version>.'),
    requestId: z.string().nullable(),
    changes: z.array(fieldChangeSchema),
    source: z.string().nullable(),
    asOf: z.string().nullable().describe("The value's own asOf."),
  })
  .meta({ id: 'Revision' });

const revisionExample = {
  revisionId: 412,
  version: 2,
  action: 'update',
  at: '2026-07-01T09:00:00.000Z',
  effectiveAt: '2026-07-01T09:00:00.000Z',
  actor: 'pricing-team',
  requestId: '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c',
  changes: [{ field: 'inputUsdPerMtok', old: 1.25, new: 1.5 }],
  source: 'https://openai.com/api/pricing/',
  asOf: '2026-07-01',
};

export const revisionPageSchema = z
  .object({ items: z.array(revisionSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'RevisionPage', examples: [{ items: [revisionExample], total: 2, limit: 50, offset: 0 }] });

export const revisionsQuery = z.object({ ...paginationQuery }).strict();

export const auditQuery = z
  .object({
    ...paginationQuery,
    entityKind: z.enum(ENTITY_KINDS).optional(),
    entityId: storableText(200, 1).optional(),
    actor: storableText(200, 1).optional(),
    from: z.iso.datetime({ offset: true }).optional().describe('Write time at or after (ISO 8601).'),
    to: z.iso.datetime({ offset: true }).optional().describe('Write time before (ISO 8601).'),
  })
  .strict();

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    actor: z.string(),
    requestId: z.string().nullable(),
    entityKind: z.enum(ENTITY_KINDS),
    entityId: z.string(),
    action: z.enum(ACTIONS),
    version: z.number().int().nullable(),
    changes: z.array(fieldChangeSchema).describe('Field, old value, new value.'),
    record: z.record(z.string(), z.unknown()).nullable().describe("The entity's own fields after the write."),
    source: z.string().nullable(),
    valueAsOf: z.string().nullable(),
    effectiveAt: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({
    id: 'AuditPage',
    examples: [
      {
        items: [
          {
            id: 412,
            at: '2026-07-01T09:00:00.000Z',
            actor: 'pricing-team',
            requestId: '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c',
            entityKind: 'api-offering',
            entityId: 'openai-gpt-5',
            action: 'update',
            version: 2,
            changes: [{ field: 'inputUsdPerMtok', old: 1.25, new: 1.5 }],
            record: { id: 'openai-gpt-5', inputUsdPerMtok: 1.5, outputUsdPerMtok: 10 },
            source: 'https://openai.com/api/pricing/',
            valueAsOf: '2026-07-01',
            effectiveAt: '2026-07-01T09:00:00.000Z',
          },
        ],
        total: 1,
        limit: 50,
        offset: 0,
      },
    ],
  });
