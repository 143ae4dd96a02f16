import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeContext } from '../../audit/context.js';
import { asOfQuery } from '../../audit/schemas.js';
import { actorOf } from '../../auth/actor.js';
import { scenarioOwnerOf } from '../../auth/ownership.js';
import { etagOf, expectedVersion } from '../../http/etag.js';
import { presentedSerializerCompiler } from '../../http/presented-json.js';
import type { Scenario } from '../../repositories/scenarios.js';
import type { ScenarioExtrasView } from '../../runs/scenario-settings.js';
import { ifMatchHeaders, problemResponses } from '../../schemas/common.js';
import {
  breakEvenCurveSchema,
  curveQuery,
  evaluationSchema,
  scenarioDeleteQuery,
  scenarioIdParams,
  scenarioListQuery,
  scenarioPageSchema,
  scenarioPatchSchema,
  scenarioSchema,
  scenarioWriteSchema,
  sensitivityQuery,
  sensitivitySchema,
  svgSchema,
} from '../../schemas/scenarios.js';
import type { ScenarioService } from '../../services/scenarios/service.js';

const asBody = (s: Scenario, extras: ScenarioExtrasView = {}) =>
  ({
    id: s.id,
    name: s.name,
    description: s.description,
    ...s.request,
    ...extras,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }) as z.output<typeof scenarioSchema>;

/** Saved scenarios over HTTP: each handler parses, calls the scenario service once and shapes the answer. */
export async function scenarioRoutes(app: FastifyInstance, { scenarios }: { scenarios: ScenarioService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The scenarios the request's actor owns (all of them for an admin key): another owner's ids answer 404. */
  const scenariosOf = (req: FastifyRequest) => scenarios.ownedBy(scenarioOwnerOf(actorOf(req)));
  /** The scenario with its schedule and webhook (docs/runs.md). */
  const withExtras = async (s: Scenario) => asBody(s, await scenarios.extrasOf(s.id));

  r.post('/scenarios', {
    config: { scope: 'write', idempotent: true },
    schema: {
      tags: ['Scenarios'],
      operationId: 'createScenario',
      summary: 'Save a named comparison',
      description:
        'A /compare body with a name and a description. Profile ids must exist (422 otherwise); the scenario is evaluated against the profiles current at each read.',
      body: scenarioWriteSchema,
      response: { 201: scenarioSchema, ...problemResponses(400, 413, 415, 422) },
    },
    handler: async (req, reply) => {
      const created = await scenariosOf(req).create(req.body, writeContext(req, app.now));
      reply.code(201).header('location', `/scenarios/${created.id}`).header('etag', etagOf(created.version));
      return withExtras(created);
    },
  });

  r.get('/scenarios', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'listScenarios',
      summary: 'List saved scenarios',
      description: 'Paginated, oldest first, at most 200 per page; `name` filters by a substring of the name.',
      querystring: scenarioListQuery,
      response: { 200: scenarioPageSchema, ...problemResponses(400) },
    },
    handler: async (req) => {
      const page = await scenariosOf(req).list(req.query);
      return { ...page, items: await Promise.all(page.items.map(withExtras)) };
    },
  });

  r.get('/scenarios/:id', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenario',
      summary: 'Get a saved scenario',
      params: scenarioIdParams,
      response: { 200: scenarioSchema, ...problemResponses(400, 404) },
    },
    handler: async (req, reply) => {
      const s = await scenariosOf(req).get(req.params.id);
      reply.header('etag', etagOf(s.version));
      return withExtras(s);
    },
  });

  r.put('/scenarios/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Scenarios'],
      operationId: 'replaceScenario',
      summary: 'Replace a saved scenario',
      params: scenarioIdParams,
      headers: ifMatchHeaders,
      body: scenarioWriteSchema,
      response: { 200: scenarioSchema, ...problemResponses(400, 404, 409, 412, 413, 415, 422) },
    },
    handler: async (req, reply) => {
      const saved = await scenariosOf(req).replace(
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match']),
        writeContext(req, app.now),
      );
      reply.header('etag', etagOf(saved.version));
      return withExtras(saved);
    },
  });

  r.patch('/scenarios/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Scenarios'],
      operationId: 'updateScenario',
      summary: 'Update some fields of a saved scenario',
      description:
        'Top-level fields given replace the stored ones (candidates and workload as a whole); null removes assumptions, constraints or the description.',
      params: scenarioIdParams,
      headers: ifMatchHeaders,
      body: scenarioPatchSchema,
      response: { 200: scenarioSchema, ...problemResponses(400, 404, 409, 412, 413, 415, 422) },
    },
    handler: async (req, reply) => {
      const saved = await scenariosOf(req).patch(
        req.params.id,
        req.body,
        expectedVersion(req.headers['if-match']),
        writeContext(req, app.now),
      );
      reply.header('etag', etagOf(saved.version));
      return withExtras(saved);
    },
  });

  r.delete('/scenarios/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Scenarios'],
      operationId: 'deleteScenario',
      summary: 'Delete a saved scenario',
      description: 'Its schedule and webhook are deleted with it; its runs and webhook deliveries are kept unless `runs=delete`.',
      params: scenarioIdParams,
      querystring: scenarioDeleteQuery,
      headers: ifMatchHeaders,
      response: { 204: z.null().describe('Deleted.'), ...problemResponses(400, 404, 409, 412) },
    },
    handler: async (req, reply) => {
      await scenariosOf(req).delete(req.params.id, expectedVersion(req.headers['if-match']), writeContext(req, app.now), req.query.runs);
      return reply.code(204).send(null);
    },
  });

  r.get('/scenarios/:id/evaluation', {
    serializerCompiler: presentedSerializerCompiler,
    schema: {
      tags: ['Scenarios'],
      operationId: 'evaluateScenario',
      summary: 'Evaluate a saved scenario against the current profiles',
      description:
        'The /compare response for the stored request, plus the scenario version and, in `profiles`, the id and version (updatedAt, asOf, priceAgeDays) of every profile used, so the result can be reproduced and audited. With `asOf=YYYY-MM-DD`: evaluated with the profile revisions valid at the end of that day (named in `asOf.revisions`); candidates whose profiles did not exist then are excluded with the reason.',
      params: scenarioIdParams,
      querystring: asOfQuery,
      response: { 200: evaluationSchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req) => {
      // Rounded by the service (the answer memo stores answers as served).
      const evaluation = await scenariosOf(req).evaluate(req.params.id, req.query.asOf);
      app.metrics.comparisons.inc();
      return evaluation;
    },
  });

  r.get('/scenarios/:id/break-even', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenarioBreakEven',
      summary: 'Monthly cost of every option as a function of volume',
      description:
        'For each candidate, monthly cost at log-spaced volumes spanning the current volume and the break-even volumes (query parameters set the range and the number of points), with the break-even points.',
      params: scenarioIdParams,
      querystring: curveQuery,
      response: { 200: breakEvenCurveSchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req) => {
      return scenariosOf(req).breakEvenCurves(req.params.id, req.query);
    },
  });

  r.get('/scenarios/:id/break-even.svg', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenarioBreakEvenChart',
      summary: 'Break-even chart (SVG)',
      description:
        'The break-even curves drawn: one line per candidate (self-host options as steps), break-even points marked, axes in tokens/month and USD/month.',
      params: scenarioIdParams,
      querystring: curveQuery,
      response: { 200: svgSchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req, reply) => {
      const svg = await scenariosOf(req).breakEvenChart(req.params.id, req.query);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });

  r.get('/scenarios/:id/sensitivity', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenarioSensitivity',
      summary: 'Tornado data: which inputs move the result most',
      description:
        "Varies each key input (realisation, utilisation, GPU price, API prices, volume, peak-to-average) across the documented range (docs/api.md) and reports the cheapest self-host option's monthly cost and the break-even volume against the cheapest API option, sorted by impact.",
      params: scenarioIdParams,
      querystring: sensitivityQuery,
      response: { 200: sensitivitySchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req) => {
      return scenariosOf(req).sensitivity(req.params.id, req.query);
    },
  });

  r.get('/scenarios/:id/sensitivity.svg', {
    schema: {
      tags: ['Scenarios'],
      operationId: 'getScenarioSensitivityChart',
      summary: 'Tornado chart (SVG)',
      params: scenarioIdParams,
      querystring: sensitivityQuery,
      response: { 200: svgSchema, ...problemResponses(400, 404, 422) },
    },
    handler: async (req, reply) => {
      const svg = await scenariosOf(req).sensitivityChart(req.params.id, req.query);
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });
}
