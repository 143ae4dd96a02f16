import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../auth/actor.js';
import { NotFoundError } from '../../errors.js';
import { present } from '../../http/present.js';
import type { ScenarioRepository } from '../../repositories/scenarios.js';
import { runHistory } from '../../runs/history.js';
import type { RunRepository } from '../../runs/repository.js';
import {
  changesResponseSchema,
  historyQuery,
  historySchema,
  runListQuery,
  runPageSchema,
  runParams,
  runSchema,
  runTriggerBody,
  runTriggerHeaders,
} from '../../runs/schemas.js';
import type { RunService } from '../../runs/service.js';
import type { Run } from '../../runs/types.js';
import { problemResponses } from '../../schemas/common.js';
import { scenarioIdParams, svgSchema } from '../../schemas/scenarios.js';
import type { ChartRenderPool } from '../../services/charts/render-pool.js';
import { ownedScenario, readableScenario } from './access.js';

const asDate = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso));

/** Runs of a saved scenario: trigger one, list them, read one and its changes, draw the history. */
export async function runRoutes(
  app: FastifyInstance,
  {
    runs,
    scenarios,
    service,
    charts,
  }: { runs: RunRepository; scenarios: ScenarioRepository; service: RunService; charts: ChartRenderPool },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** A stored run of the scenario; 404 when the run or the scenario's runs do not exist. */
  async function runOf(scenarioId: string, runId: string): Promise<Run> {
    const run = await runs.get(scenarioId, runId);
    if (!run) throw new NotFoundError('run', runId);
    return run;
  }

  r.post('/scenarios/:id/runs', {
    // Idempotency-Key: a CLI or cron job retrying after a lost answer gets the same run back.
    config: { scope: 'write', idempotent: true },
    schema: {
      tags: ['Runs'],
      operationId: 'runScenario',
      summary: 'Evaluate a saved scenario now and store the run',
      description:
        'Stores the compact evaluation, a summary and the changes from the previous successful run. A scenario that cannot be evaluated (e.g. a profile was deleted) gives a stored run with status `failed` (still 201) and a `run-failed` notification.',
      params: scenarioIdParams,
      headers: runTriggerHeaders,
      body: runTriggerBody,
      response: { 201: runSchema, ...problemResponses(400, 404, 415) },
    },
    handler: async (req, reply) => {
      await ownedScenario(req, req.params.id, scenarios);
      const trigger = req.body?.trigger ?? req.headers['x-breakeven-trigger'] ?? 'api';
      const run = await service.run(req.params.id, { trigger, actor: actorOf(req).name });
      reply.code(201).header('location', `/scenarios/${run.scenarioId}/runs/${run.id}`);
      return present(run);
    },
  });

  r.get('/scenarios/:id/runs', {
    schema: {
      tags: ['Runs'],
      operationId: 'listScenarioRuns',
      summary: 'List the runs of a scenario',
      description: 'Newest first, paginated; `from`/`to` filter by run time. Runs kept after the scenario was deleted are still listed.',
      params: scenarioIdParams,
      querystring: runListQuery,
      response: { 200: runPageSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => {
      await readableScenario(req, req.params.id, { scenarios, runs });
      const { from, to, ...page } = req.query;
      const result = await runs.list(req.params.id, { ...page, from: asDate(from), to: asDate(to) });
      return present({ ...result, items: result.items.map(({ evaluation: _, ...rest }) => rest) });
    },
  });

  r.get('/scenarios/:id/runs/:runId', {
    schema: {
      tags: ['Runs'],
      operationId: 'getScenarioRun',
      summary: 'Get one run with its stored evaluation and changes',
      params: runParams,
      response: { 200: runSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => {
      await readableScenario(req, req.params.id, { scenarios, runs });
      return present(await runOf(req.params.id, req.params.runId));
    },
  });

  r.get('/scenarios/:id/runs/:runId/changes', {
    schema: {
      tags: ['Runs'],
      operationId: 'getScenarioRunChanges',
      summary: 'What changed since the previous run',
      description:
        'Cheapest option, monthly cost per candidate, break-even volumes, exclusions and fit, and the profile field changes that caused them. Null for a first or failed run.',
      params: runParams,
      response: { 200: changesResponseSchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => {
      await readableScenario(req, req.params.id, { scenarios, runs });
      const run = await runOf(req.params.id, req.params.runId);
      return present({ runId: run.id, changes: run.changes });
    },
  });

  async function history(req: FastifyRequest, id: string, query: { from?: string; to?: string; limit: number }) {
    const scenario = await readableScenario(req, id, { scenarios, runs });
    const series = await runs.series(id, { from: asDate(query.from), to: asDate(query.to), limit: query.limit });
    return { scenario, data: present({ scenarioId: id, ...runHistory(series) }) };
  }

  r.get('/scenarios/:id/history', {
    schema: {
      tags: ['Runs'],
      operationId: 'getScenarioHistory',
      summary: 'Monthly cost per candidate over the runs (JSON series)',
      params: scenarioIdParams,
      querystring: historyQuery,
      response: { 200: historySchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => (await history(req, req.params.id, req.query)).data,
  });

  r.get('/scenarios/:id/history.svg', {
    schema: {
      tags: ['Runs'],
      operationId: 'getScenarioHistoryChart',
      summary: 'History chart (SVG)',
      description: 'One line per candidate, monthly cost (USD) over run time; the cheapest option of each run is marked.',
      params: scenarioIdParams,
      querystring: historyQuery,
      response: { 200: svgSchema, ...problemResponses(400, 404) },
    },
    handler: async (req, reply) => {
      const { scenario, data } = await history(req, req.params.id, req.query);
      const svg = await charts.chart({
        kind: 'history',
        input: {
          title: `Monthly cost over time — scenario "${scenario?.name ?? req.params.id}"`,
          series: data.series,
          cheapest: data.cheapest,
        },
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .serializer((b: unknown) => b as string)
        .send(svg);
    },
  });
}
