import { z } from 'zod';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from '../schemas/common.js';
import { scheduleProblems } from './cron.js';

/**
 * `schedule` of a scenario. croner checks the expression and the zone (400 naming
 * `schedule.cron` or `schedule.timezone`). The check against "now" only rejects expressions that
 * never fire, so it does not make the schema depend on the time in any other way.
 */
export const scheduleInputSchema = z
  .object({
    cron: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
      .describe('Cron expression: 5 fields (minute hour day month weekday), or 6 with seconds first; croner syntax (L, W, #).'),
    timezone: z
      .string()
      .min(1)
      .max(100)
      .refine(isStorableText, UNSTORABLE_TEXT_MESSAGE)
      .default('UTC')
      .describe('IANA time zone the expression is read in, e.g. Europe/Paris.'),
  })
  .strict()
  .superRefine((s, ctx) => {
    for (const p of scheduleProblems(s, new Date(), '')) ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  })
  .meta({ id: 'ScheduleInput', examples: [{ cron: '0 6 * * 1-5', timezone: 'Europe/Paris' }] });

export const scheduleListSchema = z
  .object({
    items: z.array(
      z.object({
        scenarioId: z.string(),
        scenarioName: z.string(),
        cron: z.string(),
        timezone: z.string(),
        nextDueAt: z.string().describe('Next tick (ISO 8601, UTC); a tick already past is run at the next poll.'),
      }),
    ),
  })
  .meta({
    id: 'ScheduleList',
    examples: [
      {
        items: [
          {
            scenarioId: '23724ed5-3726-4d4b-ae95-b99c710f4656',
            scenarioName: 'Support assistant, 8B tokens/month',
            cron: '0 6 * * 1-5',
            timezone: 'Europe/Paris',
            nextDueAt: '2026-12-03T05:00:00.000Z',
          },
        ],
      },
    ],
  });

export const runDueSchema = z
  .object({
    ran: z.array(
      z.object({
        scenarioId: z.string(),
        scheduledFor: z.string(),
        runId: z.string().nullable(),
        status: z.enum(['ok', 'failed', 'error']).describe('`error`: the run could not be stored (see the service log).'),
      }),
    ),
  })
  .meta({
    id: 'RunDueResult',
    examples: [
      {
        ran: [
          {
            scenarioId: '23724ed5-3726-4d4b-ae95-b99c710f4656',
            scheduledFor: '2026-12-02T05:00:00.000Z',
            runId: '8c1f4e2a-5b6d-4f70-9a1b-2c3d4e5f6a7b',
            status: 'ok',
          },
        ],
      },
    ],
  });
