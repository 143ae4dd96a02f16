import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnprocessableError } from '../src/errors.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
import { ProfileCatalog } from '../src/services/catalog.js';
import { runComparison } from '../src/services/comparison.js';
import { createScenarioService, evaluateScenario } from '../src/services/scenarios/service.js';
import { startTestService, type TestService } from './helpers/app.js';
import { baseWorkload } from './helpers/comparison.js';

/**
 * The scenario service without HTTP, as scheduled runs, CLIs and batch jobs call it: the same
 * results as POST /compare on the stored request, stamped with the scenario and the clock given.
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const request = {
  workload: baseWorkload(),
  candidates: [
    { type: 'self-host', label: 'qwen on L40S', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', label: 'gpt-5-mini', offering: 'openai-gpt-5-mini' },
  ],
};

describe('scenario service', () => {
  it('evaluate(id) is the /compare result of the stored request, stamped with the scenario and the clock', async () => {
    const catalog = new ProfileCatalog(svc.app.repos, 0);
    const at = new Date('2027-01-01T06:00:00.000Z');
    const scenarios = createScenarioService({ store: svc.app.repos.scenarios, catalog, now: () => at });
    const saved = await scenarios.create({ name: 'Nightly', ...request }, { actor: 'test', requestId: null, at: new Date() });
    const evaluation = await scenarios.evaluate(saved.id);

    const viaHttp = await svc.http.post('/compare').send(request).expect(200);
    expect(evaluation.cheapest).toBe(viaHttp.body.cheapest);
    expect(evaluation.results.map((r) => r.label)).toEqual(['qwen on L40S', 'gpt-5-mini']);
    expect(evaluation.results.map((r) => r.monthlyCostUsd)).toEqual(
      runComparison(compareRequestSchema.parse(request), await catalog.snapshot()).results.map((r) => r.monthlyCostUsd),
    );
    expect(evaluation.scenario).toEqual({ id: saved.id, name: 'Nightly', version: 1, updatedAt: saved.updatedAt });
    expect(evaluation.evaluatedAt).toBe('2027-01-01T06:00:00.000Z');
  });

  it('refuses an unknown profile on save (422) and stores nothing', async () => {
    const scenarios = createScenarioService({ store: svc.app.repos.scenarios, catalog: new ProfileCatalog(svc.app.repos, 0) });
    const before = (await scenarios.list({ limit: 1, offset: 0 })).total;
    const bad = { ...request, candidates: [{ type: 'api', offering: 'no-such-offering' }] };
    await expect(scenarios.create({ name: 'Bad', ...bad }, { actor: 'test', requestId: null, at: new Date() })).rejects.toThrow(
      UnprocessableError,
    );
    expect((await scenarios.list({ limit: 1, offset: 0 })).total).toBe(before);
  });

  it('evaluateScenario: a stored request that is no longer valid is a 422, not a crash', async () => {
    const snapshot = await new ProfileCatalog(svc.app.repos, 0).snapshot();
    const stale = {
      id: '23724ed5-3726-4d4b-ae95-b99c710f4656',
      name: 'Old',
      description: null,
      request: { workload: { inputTokensPerMonth: 'lots' }, candidates: [] },
      version: 1,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(() => evaluateScenario(stale, snapshot)).toThrow(UnprocessableError);
  });
});
