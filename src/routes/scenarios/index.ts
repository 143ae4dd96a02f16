import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { writeContext } from '../../audit/context.js';
import { asOfQuery } from '../../audit/schemas.js';
import { actorOf } from '../../auth/actor.js';
import { scenarioOwnerOf } from '../../auth/ownership.js';
import { BadRequestError, UnprocessableError } from '../../errors.js';
import { type EvaluateDeps, evaluateWithHistory } from '../../history/evaluate.js';
import { etagOf, expectedVersion } from '../../http/etag.js';
import { present } from '../../http/present.js';
import { type IssueLike, issuesToProblems } from '../../http/zod-problems.js';
import type { Repositories } from '../../repositories/index.js';
import type { Scenario } from '../../repositories/scenarios.js';
import { ifMatchHeaders, problemResponses } from '../../schemas/common.js';
import { type CompareRequest, compareRequestSchema } from '../../schemas/compare.js';
import {
  breakEvenCurveSchema,
  curveQuery,
  evaluationSchema,
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
import type { ProfileCatalog } from '../../services/catalog.js';
import type { CostModelCache } from '../../services/comparison/cost-model-cache.js';
import { prepareComparison, runComparison } from '../../services/comparison.js';
import { breakEvenCurves } from '../../services/curves.js';
import { scenarioSensitivity } from '../../services/sensitivity.js';

const asBody = (s: Scenario) =>
  ({
    id: s.id,
    name: s.name,
    description: s.description,
    ...s.request,
    version: s.version,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  }) as z.output<typeof scenarioSchema>;

function splitWrite(body: Record<string, unknown>) {
  const { name, description, ...request } = body as { name: string; description?: string | null } & Record<string, unknown>;
  return { name, description: description ?? null, request };
}

export async function scenarioRoutes(
  app: FastifyInstance,
  {
    repos,
    catalog,
    costModels,
    now,
    history,
  }: { repos: Repositories; catalog: ProfileCatalog; costModels: CostModelCache; now: () => Date; history: EvaluateDeps },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  /** The scenarios the request's actor owns (all of them for an admin key): another owner's ids answer 404. */
  const scenariosOf = (req: FastifyRequest) => repos.scenarios.ownedBy(scenarioOwnerOf(actorOf(req)));

  /**
   * A scenario's /compare request, parsed and (unless `references` is false) checked against the
   * current profiles (422 for unknown ids). An invalid request is a 400 when the client just sent
   * it (a patch) and a 422 when it was stored earlier under another schema.
   */
  async function checkedRequest(
    request: Record<string, unknown>,
    { references = true, sentNow = false }: { references?: boolean; sentNow?: boolean } = {},
  ): Promise<CompareRequest> {
    const parsed = compareRequestSchema.safeParse(request);
    if (!parsed.success) {
      const problems = issuesToProblems(parsed.error.issues as IssueLike[]);
      throw sentNow
        ? new BadRequestError('The scenario after applying the patch is invalid.', problems)
        : new UnprocessableError('The stored scenario is not a valid /compare request under the current schema; replace it.', problems);
    }
    if (references) prepareComparison(parsed.data, await catalog.snapshot());
    return parsed.data;
  }

  /** Stores a replacement conditional on `version` and answers it with its new ETag. */
  async function save(
    req: FastifyRequest,
    id: string,
    write: ReturnType<typeof splitWrite>,
    version: number | undefined,
    reply: FastifyReply,
  ) {
    const saved = await scenariosOf(req).replace(id, write, version, writeContext(req, now));
    reply.header('etag', etagOf(saved.version));
    return asBody(saved);
  }

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
      const write = splitWrite(req.body);
      await checkedRequest(write.request);
      const created = await scenariosOf(req).create(write, writeContext(req, now));
      reply.code(201).header('location', `/scenarios/${created.id}`).header('etag', etagOf(created.version));
      return asBody(created);
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
      return { ...page, items: page.items.map(asBody) };
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
      return asBody(s);
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
      const write = splitWrite(req.body);
      await checkedRequest(write.request);
      return save(req, req.params.id, write, expectedVersion(req.headers['if-match']), reply);
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
      const current = await scenariosOf(req).get(req.params.id);
      const merged: Record<string, unknown> = { name: current.name, description: current.description, ...current.request };
      for (const [k, v] of Object.entries(req.body)) {
        if (v === undefined) continue;
        // JSON merge patch: null removes an optional member (the description is kept as null).
        if (v === null && k !== 'description') delete merged[k];
        else merged[k] = v;
      }
      const write = splitWrite(merged);
      await checkedRequest(write.request, { sentNow: true });
      return save(req, req.params.id, write, expectedVersion(req.headers['if-match']) ?? current.version, reply);
    },
  });

  r.delete('/scenarios/:id', {
    config: { scope: 'write' },
    schema: {
      tags: ['Scenarios'],
      operationId: 'deleteScenario',
      summary: 'Delete a saved scenario',
      params: scenarioIdParams,
      headers: ifMatchHeaders,
      response: { 204: z.null().describe('Deleted.'), ...problemResponses(400, 404, 409, 412) },
    },
    handler: async (req, reply) => {
      await scenariosOf(req).delete(req.params.id, expectedVersion(req.headers['if-match']), writeContext(req, now));
      return reply.code(204).send(null);
    },
  });

  r.get('/scenarios/:id/evaluation', {
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
      const s = await scenariosOf(req).get(req.params.id);
      // runComparison resolves the references itself (422 for unknown ids).
      const request = await checkedRequest(s.request, { references: false });
      const result = await evaluateWithHistory(request, req.query.asOf, history, (r, snapshot) => runComparison(r, snapshot, costModels));
      app.metrics.comparisons.inc();
      return present({
        ...result,
        scenario: { id: s.id, name: s.name, version: s.version, updatedAt: s.updatedAt },
        evaluatedAt: now().toISOString(),
      });
    },
  });

  async function curves(req: FastifyRequest, id: string, query: z.output<typeof curveQuery>) {
    const s = await scenariosOf(req).get(id);
    const request = await checkedRequest(s.request, { references: false });
    return { s, data: present(breakEvenCurves(request, await catalog.snapshot(), query, costModels)) };
  }

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
      const { s, data } = await curves(req, req.params.id, req.query);
      return { scenario: { id: s.id, name: s.name, version: s.version }, ...data };
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
      const { s, data } = await curves(req, req.params.id, req.query);
      // vega and vega-lite load on the first chart request, not at start-up.
      const { renderBreakEvenSvg } = await import('../../charts/index.js');
      const svg = await renderBreakEvenSvg({
        title: `Monthly cost vs volume — scenario "${s.name}"`,
        series: data.series.map((x) => ({
          label: x.label,
          type: x.type,
          points: x.points.flatMap((p) =>
            p.monthlyCostUsd === null ? [] : [{ monthlyTokens: p.monthlyTokens, monthlyCostUsd: p.monthlyCostUsd }],
          ),
        })),
        breakEvenPoints: data.breakEvenPoints,
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });

  async function sensitivity(req: FastifyRequest, id: string, sortBy: 'monthlyCost' | 'breakEven') {
    const s = await scenariosOf(req).get(id);
    const request = await checkedRequest(s.request, { references: false });
    return { s, data: present(scenarioSensitivity(request, await catalog.snapshot(), sortBy, costModels)) };
  }

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
      const { s, data } = await sensitivity(req, req.params.id, req.query.sortBy);
      return { scenario: { id: s.id, name: s.name, version: s.version }, ...data };
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
      const { s, data } = await sensitivity(req, req.params.id, req.query.sortBy);
      const byCost = data.sortBy === 'monthlyCost';
      const metricOf = (m: { selfHostMonthlyCostUsd: number | null; breakEvenMonthlyTokens: number | null }) =>
        (byCost ? m.selfHostMonthlyCostUsd : m.breakEvenMonthlyTokens) ?? Number.NaN;
      const { renderTornadoSvg } = await import('../../charts/index.js');
      const svg = await renderTornadoSvg({
        title: `Sensitivity — ${data.selfHost} vs ${data.api} (scenario "${s.name}")`,
        metric: byCost ? 'Monthly cost of the cheapest self-host option (USD)' : 'Break-even volume (tokens/month)',
        valueFormat: byCost ? 'usd' : 'si',
        baseline: metricOf(data.base),
        bars: data.bars.map((b) => ({
          parameter: b.parameter,
          lowLabel: String(b.lowValue),
          highLabel: String(b.highValue),
          lowValue: metricOf(b.low),
          highValue: metricOf(b.high),
        })),
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });
}
