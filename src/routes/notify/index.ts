import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { NotifyRepository } from '../../notify/repository.js';
import { deliveryListQuery, deliveryPageSchema } from '../../notify/schemas.js';
import type { ScenarioRepository } from '../../repositories/scenarios.js';
import type { RunRepository } from '../../runs/repository.js';
import { problemResponses } from '../../schemas/common.js';
import { scenarioIdParams } from '../../schemas/scenarios.js';
import { readableScenario } from '../runs/access.js';

/** The webhook delivery log of a scenario. */
export async function deliveryRoutes(
  app: FastifyInstance,
  { notify, runs, scenarios }: { notify: NotifyRepository; runs: RunRepository; scenarios: ScenarioRepository },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/scenarios/:id/deliveries', {
    schema: {
      tags: ['Runs'],
      operationId: 'listScenarioDeliveries',
      summary: 'Webhook delivery log of a scenario',
      description:
        "Every event queued for the scenario's webhook with its status (pending, delivered, failed) and each attempt (time, HTTP status or network error, duration). Newest first.",
      params: scenarioIdParams,
      querystring: deliveryListQuery,
      response: { 200: deliveryPageSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => {
      await readableScenario(req, req.params.id, { scenarios, runs });
      const page = await notify.list(req.params.id, req.query);
      return { ...page, ...req.query };
    },
  });
}
