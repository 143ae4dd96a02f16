import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../auth/actor.js';
import { scenarioOwnerOf } from '../../auth/ownership.js';
import { problemResponses } from '../../schemas/common.js';
import { scenarioIdParams, svgSchema } from '../../schemas/scenarios.js';
import type { ChartRenderPool } from '../../services/charts/render-pool.js';
import type { ScenarioService, SnapshotSource } from '../../services/scenarios/service.js';

const hybridQuery = z
  .object({
    selfHost: z
      .string()
      .min(1)
      .max(120)
      .optional()
      .describe('Label of the self-host candidate. Default: the pair with the cheapest hybrid plan.'),
    api: z.string().min(1).max(120).optional().describe('Label of the API candidate. Default: the pair with the cheapest hybrid plan.'),
  })
  .strict();

/** GET /scenarios/{id}/hybrid.svg: the hybrid self-host + API plan of a saved scenario over the day. */
export async function scenarioHybridRoutes(
  app: FastifyInstance,
  { scenarios, catalog, charts }: { scenarios: ScenarioService; catalog: SnapshotSource; charts: ChartRenderPool },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/scenarios/:id/hybrid.svg', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenarioHybridChart',
      summary: 'Hybrid plan chart (SVG)',
      description:
        'For one self-host × API pair (by label; default the pair with the cheapest hybrid plan), the hour-by-hour load of the scenario split into what the cost-minimising number of self-host replicas serves and the overflow sent to the API (stacked bars, output tokens/s), with the self-host capacity as a line. docs/capacity.md.',
      params: scenarioIdParams,
      querystring: hybridQuery,
      response: { 200: svgSchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req, reply) => {
      // Another owner's scenario answers 404, as every scenario route does.
      const s = await scenarios.ownedBy(scenarioOwnerOf(actorOf(req))).get(req.params.id);
      const svg = await charts.chart(
        { kind: 'hybrid', scenario: { name: s.name, request: s.request }, labels: req.query },
        await catalog.snapshot(),
      );
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });
}
