import { z } from 'zod';

/** Readable slug ids: lowercase letters, digits, dots and dashes. */
export const slugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a lowercase slug: letters a-z, digits, "." and "-", starting with a letter or digit');

export const urlSchema = z.url({ protocol: /^https?$/ }).max(2000);

/** ISO calendar date, day optional (sources sometimes give only a month). */
export const asOfSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be a date YYYY-MM-DD or YYYY-MM');

/** A finite number strictly greater than zero and at most `max`. */
export const positive = (max: number) => z.number().positive().max(max);
/** A finite number at least zero and at most `max`. */
export const nonNegative = (max: number) => z.number().min(0).max(max);
export const positiveInt = (max: number) => z.number().int().positive().max(max);
export const nonNegativeInt = (max: number) => z.number().int().min(0).max(max);

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

export const paginationQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE).describe(`Page size, 1 to ${MAX_PAGE_SIZE}.`),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('Items to skip.'),
};

export const idParams = z.object({ id: slugSchema.describe('Profile id (slug).') }).strict();

/** One offending field of a problem: its JSON path and what is wrong with it. */
export const fieldProblemSchema = z.object({ field: z.string(), message: z.string() });

/**
 * The part of a problem that batch lines, batch-job results and failed runs carry inline: why one
 * item or run could not be evaluated (fields named within it).
 */
export const problemSummarySchema = z.object({
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  errors: z.array(fieldProblemSchema),
});

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(fieldProblemSchema).optional().describe('One entry per offending field.'),
  })
  .meta({
    id: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json).',
    examples: [
      {
        type: 'https://breakeven.dev/problems/invalid-request',
        title: 'Invalid request',
        status: 400,
        detail: 'The request body is invalid: 1 problem(s).',
        instance: '/hardware',
        requestId: '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c',
        errors: [{ field: 'memoryGb', message: 'Too small: expected number to be >0' }],
      },
    ],
  });

export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .optional()
    .describe('ETag (version) the client last saw; the write fails with 412 when the record has changed since.'),
});

/** Route `response` entries documenting each status code as a problem+json body. */
export const problemResponses = (...codes: number[]) => Object.fromEntries(codes.map((c) => [c, problemSchema]));
