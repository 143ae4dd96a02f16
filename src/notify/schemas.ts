import { z } from 'zod';
import { isStorableText, nonNegative, paginationQuery, storableText, UNSTORABLE_TEXT_MESSAGE } from '../schemas/common.js';
import { NOTIFY_EVENTS } from './types.js';

/** `notify` of a scenario. The host allow-list (NOTIFY_ALLOWED_HOSTS) is checked by the service. */
export const notifyInputSchema = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
      .describe('Receiver of the POSTed events: http or https only.'),
    secret: storableText(256, 16)
      .optional()
      .describe('HMAC-SHA256 key: each POST then carries `X-Breakeven-Signature: sha256=<hex of HMAC(secret, raw body)>`. Write-only.'),
    on: z.array(z.enum(NOTIFY_EVENTS)).min(1).max(NOTIFY_EVENTS.length).describe('Events to send.'),
    breakEvenThresholdPercent: nonNegative(1000)
      .default(10)
      .describe('break-even-moved fires when a break-even volume moves by at least this many percent (or its outcome changes).'),
  })
  .strict()
  .meta({
    id: 'NotifyInput',
    examples: [
      {
        url: 'https://hooks.example.com/breakeven',
        secret: 'a-long-random-shared-secret',
        on: ['cheapest-changed', 'break-even-moved', 'run-failed'],
        breakEvenThresholdPercent: 10,
      },
    ],
  });

export const notifyOutputSchema = z
  .object({
    url: z.string(),
    secretSet: z.boolean().describe('Whether a signing secret is stored (the secret itself is never returned).'),
    on: z.array(z.enum(NOTIFY_EVENTS)),
    breakEvenThresholdPercent: z.number(),
  })
  .meta({ id: 'NotifyOutput' });

export const deliveryListQuery = z.object(paginationQuery).strict();

const attemptSchema = z.object({ at: z.string(), statusCode: z.number().int().nullable(), error: z.string().nullable(), ms: z.number() });
export const deliveryPageSchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string(),
        scenarioId: z.string(),
        runId: z.string().nullable(),
        event: z.enum(NOTIFY_EVENTS),
        url: z.string(),
        status: z.enum(['pending', 'delivered', 'failed']),
        attempts: z.number().int(),
        nextAttemptAt: z.string().nullable(),
        lastStatusCode: z.number().int().nullable(),
        lastError: z.string().nullable(),
        attemptLog: z.array(attemptSchema),
        createdAt: z.string(),
        deliveredAt: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .describe('Newest first.')
  .meta({
    id: 'DeliveryPage',
    examples: [
      {
        items: [
          {
            id: '0d8e7f6a-1b2c-4d3e-8f9a-0b1c2d3e4f5a',
            scenarioId: '23724ed5-3726-4d4b-ae95-b99c710f4656',
            runId: '8c1f4e2a-5b6d-4f70-9a1b-2c3d4e5f6a7b',
            event: 'cheapest-changed',
            url: 'https://hooks.example.com/breakeven',
            status: 'delivered',
            attempts: 2,
            nextAttemptAt: null,
            lastStatusCode: 200,
            lastError: null,
            attemptLog: [
              { at: '2026-12-02T06:00:00.200Z', statusCode: 500, error: null, ms: 41 },
              { at: '2026-12-02T06:00:02.260Z', statusCode: 200, error: null, ms: 12 },
            ],
            createdAt: '2026-12-02T06:00:00.150Z',
            deliveredAt: '2026-12-02T06:00:02.260Z',
          },
        ],
        total: 1,
        limit: 50,
        offset: 0,
      },
    ],
  });
