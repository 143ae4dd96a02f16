import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { UnprocessableError } from '../../errors.js';
import { type IssueLike, issuesToProblems } from '../../http/zod-problems.js';
import type { Repositories } from '../../repositories/index.js';
import { problemResponses } from '../../schemas/common.js';
import { compareRequestSchema } from '../../schemas/compare.js';
import { scenarioIdParams, svgSchema } from '../../schemas/scenarios.js';
import { hybridProfile } from '../../services/capacity/hybrid-profile.js';
import type { ProfileCatalog } from '../../services/catalog.js';
import type { CostModelCache } from '../../services/comparison/cost-model-cache.js';

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
  { repos, catalog, costModels }: { repos: Repositories; catalog: ProfileCatalog; costModels: CostModelCache },
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
      const s = await repos.scenarios.get(req.params.id);
      const parsed = compareRequestSchema.safeParse(s.request);
      if (!parsed.success) {
        throw new UnprocessableError(
          'The stored scenario is not a valid /compare request under the current schema; replace it.',
          issuesToProblems(parsed.error.issues as IssueLike[]),
        );
      }
      const profile = hybridProfile(parsed.data, await catalog.snapshot(), req.query, costModels);
      if (profile === null) {
        throw new UnprocessableError('Nothing to draw: the scenario needs a fitting self-host candidate and an API candidate.', [
          { field: 'candidates', message: 'no self-host × API pair with a fitting self-host model' },
        ]);
      }
      const { renderHybridSvg } = await import('../../charts/index.js');
      const share = Math.round(profile.selfHostedTokenShare * 100);
      const svg = await renderHybridSvg({
        title: `Hybrid plan over the day — "${profile.selfHost}" (${profile.replicas} replica${profile.replicas === 1 ? '' : 's'}, ${share} % of tokens) + "${profile.api}" — scenario "${s.name}"`,
        hours: profile.hours,
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });
}
