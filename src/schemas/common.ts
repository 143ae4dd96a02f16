import { z } from 'zod';

/** Readable slug ids: lowercase letters, digits, dots and dashes. */
export const slugSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, 'must be a lowercase slug: letters a-z, digits, "." and "-", starting with a letter or digit');

/** ISO calendar date, day optional (sources sometimes give only a month). */
export const asOfSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'must be a date YYYY-MM-DD or YYYY-MM');

/**
 * Input domains (docs/errors.md, "Input domains"). Every number a request carries is bounded to a
 * range in which the cost engine's arithmetic stays finite: no input reaches Infinity, NaN or a
 * null cost, whatever the combination. Positive quantities have a floor (`MIN_POSITIVE` unless a
 * domain-specific one is given), and a quantity that may be zero is either exactly 0 or at least
 * `MIN_POSITIVE`: subnormal values such as 1e-320 (whose reciprocal is Infinity) are refused.
 */
export const MIN_POSITIVE = 1e-9;
// Only (0, MIN_POSITIVE) is flagged: negative values already fail the fields' minimum (one problem per field).
export const notSubnormal = (v: number): boolean => !(v > 0 && v < MIN_POSITIVE);
export const SUBNORMAL_MESSAGE = `must be 0 or at least ${MIN_POSITIVE} in magnitude`;

/** A finite number in [`min`, `max`]; `min` defaults to MIN_POSITIVE (a positive quantity). */
export const positive = (max: number, min: number = MIN_POSITIVE) => z.number().min(min).max(max);
/** A finite number in [0, `max`] that is 0 or at least MIN_POSITIVE. */
export const nonNegative = (max: number) => z.number().min(0).max(max).refine(notSubnormal, SUBNORMAL_MESSAGE);
/** A fraction in [`min`, `max`] (default [0, 1]) that is 0 or at least MIN_POSITIVE. */
export const fractionIn = (min = 0, max = 1) => z.number().min(min).max(max).refine(notSubnormal, SUBNORMAL_MESSAGE);
/** A share in [0, 1): 1 itself is excluded (e.g. a cache-hit share of 1 would leave no uncached prompt). */
export const shareBelowOne = () => z.number().min(0).lt(1).refine(notSubnormal, SUBNORMAL_MESSAGE);

/**
 * Monthly token volumes (workload inputs and curve ranges): at most 1e15 tokens a month (about
 * 380 million tokens a second, sustained), at least one token when positive.
 */
export const MAX_TOKENS_PER_MONTH = 1e15;
export const MIN_TOKENS_PER_MONTH = 1;
export const tokensPerMonth = () => z.number().min(MIN_TOKENS_PER_MONTH).max(MAX_TOKENS_PER_MONTH);

/**
 * Text the databases can store and query: no NUL character (PostgreSQL text cannot hold it) and no
 * unpaired UTF-16 surrogate (not encodable as UTF-8). Every string of a request that is stored or
 * used in a query is checked with it (400 naming the field).
 */
const UNPAIRED_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const isStorableText = (s: string): boolean => !s.includes('\0') && !UNPAIRED_SURROGATE.test(s);
export const UNSTORABLE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired UTF-16 surrogates';
/** A string of at most `max` characters (at least `min`) that the databases can store. */
export const storableText = (max: number, min = 0) => z.string().min(min).max(max).refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);

export const urlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
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
