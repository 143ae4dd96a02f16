import { z } from 'zod';
import { paginationQuery } from '../schemas/common.js';
import { SCOPES } from './scopes.js';

const scopeSchema = z
  .enum(SCOPES)
  .describe('read, write (scenarios, runs), catalog:write (profiles, price sync), admin (keys; everything)');

export const keyCreateSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^\p{Cc}\p{Cs}]*$/u, 'must not contain control characters')
      .describe('Who or what uses the key, e.g. `procurement-dashboard`; recorded as the actor of its writes.'),
    scopes: z.array(scopeSchema).min(1).max(SCOPES.length).describe('At least one scope; repeats are ignored.'),
  })
  .strict()
  .meta({ id: 'ApiKeyCreate', examples: [{ name: 'pricing-bot', scopes: ['catalog:write'] }] });

const keyFields = {
  id: z.string().describe('Key id (not the secret).'),
  name: z.string(),
  scopes: z.array(scopeSchema),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable().describe('Last authenticated request, to the minute; null when never used.'),
  revokedAt: z.string().nullable().describe('When the key was revoked; null while it is live.'),
};

const keyExample = {
  id: '0b9d6c1e-8f3a-4c55-9a57-2f6f0c1d2e3a',
  name: 'pricing-bot',
  scopes: ['catalog:write'],
  createdAt: '2026-12-02T10:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
};

export const keySchema = z.object(keyFields).meta({ id: 'ApiKey', examples: [keyExample] });

export const createdKeySchema = z
  .object({
    ...keyFields,
    secret: z.string().describe('The secret, shown this once: send it as `Authorization: Bearer <secret>`. Only its SHA-256 is stored.'),
  })
  .meta({ id: 'ApiKeyCreated', examples: [{ ...keyExample, secret: 'bk_Yb3m0d9Qq0k1ZpX2l7J8cR4tV6wE5sA1uH3nF9gK2oM' }] });

export const keyPageSchema = z
  .object({ items: z.array(keySchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'ApiKeyPage', examples: [{ items: [keyExample], total: 1, limit: 50, offset: 0 }] });

export const keyListQuery = z.object({ ...paginationQuery }).strict();

export const keyIdParams = z.object({ id: z.uuid().describe('Key id.') }).strict();
