import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/actor.js';
import { scenarioOwnerOf } from '../../auth/ownership.js';
import type { ScheduleRepository } from '../../scheduler/repository.js';
import type { Scheduler } from '../../scheduler/scheduler.js';
import { runDueSchema, scheduleListSchema } from '../../scheduler/schemas.js';
import { problemResponses } from '../../schemas/common.js';

/** Schedules of all scenarios, and "run every due scenario once" for system cron (CLI run-due). */
export async function scheduleRoutes(
  app: FastifyInstance,
  { schedules, scheduler }: { schedules: ScheduleRepository; scheduler: Scheduler },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/schedules', {
    schema: {
      tags: ['Runs'],
      operationId: 'listSchedules',
      summary: 'Next due time of every scheduled scenario',
      description:
        "Soonest first; the requesting key's scenarios (all of them for an admin key). A scenario is scheduled by its `schedule` field (docs/runs.md).",
      querystring: z.object({}).strict(),
      response: { 200: scheduleListSchema, ...problemResponses(400) },
    },
    handler: async (req) => ({
      items: (await schedules.list(scenarioOwnerOf(actorOf(req)))).map((s) => ({ ...s, nextDueAt: s.nextDueAt.toISOString() })),
    }),
  });

  r.post('/schedules/run-due', {
    config: { scope: 'write' },
    schema: {
      tags: ['Runs'],
      operationId: 'runDueSchedules',
      summary: 'Run every due scenario once, now',
      description:
        'For installations that run `breakeven run-due` from system cron instead of (or next to) the in-process scheduler (SCHEDULER_ENABLED). Claims each due tick in the database like the scheduler does, so a tick is never run twice; ticks missed since the last run collapse into one run. Answers when the runs are stored.',
      response: { 200: runDueSchema, ...problemResponses(415) },
    },
    handler: async () => ({ ran: await scheduler.runDue() }),
  });
}
