import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roundByRule } from '../src/http/present.js';
import { startTestService, type TestService } from './helpers/app.js';
import { expectProblem, expectValidSvg, xmlEscape } from './helpers/comparison.js';
import { hardwareBody, modelBody, offeringBody } from './helpers/fixtures.js';

/**
 * Runs of a saved scenario (docs/runs.md): stored, listed newest first, and compared with the
 * previous run after a profile price change. Runs on SQLite and, in the PostgreSQL pass, on
 * PostgreSQL.
 *
 * Workload: 6e9 input + 2e9 output tokens/month, no caching, no batch. API cost per month is
 * input Mtok × input price + output Mtok × output price:
 *   A (1.25 / 10 USD per Mtok): 6000 × 1.25 + 2000 × 10  = 27,500
 *   B (1.00 / 9.5 USD per Mtok): 6000 × 1.00 + 2000 × 9.5 = 25,000  → cheapest
 * After A's output price goes 10 → 8: 6000 × 1.25 + 2000 × 8 = 23,500 → A is cheapest;
 * A changes by −4,000 USD, −4000 / 27500 = −14.5454545455 %. The self-host option S rents GPUs
 * at 15 USD/h (the engine sizes the deployment; the test reads its cost from /evaluation): more
 * than either API at this volume, cheaper per token at a larger one.
 */
let svc: TestService;
const ids = { a: '', b: '', gpu: '', model: '' };

beforeAll(async () => {
  svc = await startTestService({ SCHEDULER_ENABLED: false, NOTIFY_DELIVERY_ENABLED: false });
  const a = offeringBody({
    provider: 'Alpha',
    modelName: 'a-large',
    inputUsdPerMtok: 1.25,
    cachedInputUsdPerMtok: null,
    outputUsdPerMtok: 10,
  });
  const b = offeringBody({
    provider: 'Beta',
    modelName: 'b-large',
    inputUsdPerMtok: 1,
    cachedInputUsdPerMtok: null,
    outputUsdPerMtok: 9.5,
  });
  const gpu = hardwareBody({ usdPerGpuHour: 15 });
  const model = modelBody();
  await svc.http.post('/api-offerings').send(a).expect(201);
  await svc.http.post('/api-offerings').send(b).expect(201);
  await svc.http.post('/hardware').send(gpu).expect(201);
  await svc.http.post('/models').send(model).expect(201);
  Object.assign(ids, { a: a.id, b: b.id, gpu: gpu.id, model: model.id });
});
afterAll(async () => svc.close());

const workload = {
  inputTokensPerMonth: 6e9,
  outputTokensPerMonth: 2e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  cachedInputShare: 0,
  batchShare: 0,
};

async function createScenario(extra: Record<string, unknown> = {}): Promise<string> {
  const res = await svc.http
    .post('/scenarios')
    .send({
      name: `runs ${Date.now()} ${Math.random()}`,
      workload,
      candidates: [
        { type: 'api', label: 'A', offering: ids.a },
        { type: 'api', label: 'B', offering: ids.b },
        { type: 'self-host', label: 'S', model: ids.model, hardware: ids.gpu },
      ],
      ...extra,
    })
    .expect(201);
  return res.body.id as string;
}

const costOf = (run: { summary: { monthlyCostUsd: { label: string; monthlyCostUsd: number | null }[] } }, label: string) =>
  run.summary.monthlyCostUsd.find((c) => c.label === label)?.monthlyCostUsd;

describe('runs', () => {
  it('stores a run with its summary, profile versions and values, and lists it', async () => {
    const id = await createScenario();
    const res = await svc.http.post(`/scenarios/${id}/runs`).expect(201);
    const run = res.body;
    expect(res.headers.location).toBe(`/scenarios/${id}/runs/${run.id}`);
    expect(run).toMatchObject({
      scenarioId: id,
      number: 1,
      trigger: 'api',
      actor: 'anonymous',
      status: 'ok',
      scheduledFor: null,
      changes: null,
      error: null,
    });
    expect(costOf(run, 'A')).toBe(27500);
    expect(costOf(run, 'B')).toBe(25000);
    expect(costOf(run, 'S')).toBeGreaterThan(27500);
    expect((costOf(run, 'S') as number) % (15 * 730)).toBe(0); // whole GPUs × 15 USD/h × 730 h
    expect(run.summary.cheapest).toBe('B');
    expect(run.summary.breakEven.map((p: { selfHost: string; api: string }) => `${p.selfHost}/${p.api}`)).toEqual(['S/A', 'S/B']);
    const offering = run.evaluation.profiles.find((p: { id: string }) => p.id === ids.a);
    expect(offering).toMatchObject({ kind: 'apiOffering', version: 1, values: { inputUsdPerMtok: 1.25, outputUsdPerMtok: 10 } });
    expect(run.evaluation.request.candidates).toHaveLength(3);

    // The stored run matches what /evaluation says now.
    const evaluation = (await svc.http.get(`/scenarios/${id}/evaluation`).expect(200)).body;
    for (const r of evaluation.results) expect(costOf(run, r.label)).toBe(r.monthlyCostUsd);

    const got = await svc.http.get(`/scenarios/${id}/runs/${run.id}`).expect(200);
    expect(got.body).toEqual(run);
    const cli = await svc.http.post(`/scenarios/${id}/runs`).set('x-breakeven-trigger', 'cli').expect(201);
    const viaBody = await svc.http.post(`/scenarios/${id}/runs`).send({ trigger: 'cli' }).expect(201);
    expect([cli.body.trigger, viaBody.body.trigger, viaBody.body.number]).toEqual(['cli', 'cli', 3]);
    const list = (await svc.http.get(`/scenarios/${id}/runs?limit=2`).expect(200)).body;
    expect(list.total).toBe(3);
    expect(list.items.map((r: { number: number }) => r.number)).toEqual([3, 2]);
    expect(list.items[0]).not.toHaveProperty('evaluation');
    const page2 = (await svc.http.get(`/scenarios/${id}/runs?limit=2&offset=2`).expect(200)).body;
    expect(page2.items.map((r: { id: string }) => r.id)).toEqual([run.id]);
  });

  it('filters the list by time range', async () => {
    const id = await createScenario();
    const first = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await new Promise((r) => setTimeout(r, 20));
    const second = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    const from = encodeURIComponent(second.createdAt);
    const after = (await svc.http.get(`/scenarios/${id}/runs?from=${from}`).expect(200)).body;
    expect(after.items.map((r: { id: string }) => r.id)).toEqual([second.id]);
    const before = (await svc.http.get(`/scenarios/${id}/runs?to=${encodeURIComponent(first.createdAt)}`).expect(200)).body;
    expect(before.items.map((r: { id: string }) => r.id)).toEqual([first.id]);
    expectProblem(await svc.http.get(`/scenarios/${id}/runs?from=yesterday`), 400, ['querystring.from']);
  });

  it('keeps a compact run: bytes per stored run stay bounded', async () => {
    const id = await createScenario();
    const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await svc.http.post(`/scenarios/${id}/runs`).expect(201);
    const { createRunRepository } = await import('../src/runs/repository.js');
    const repo = createRunRepository(svc.db);
    const bytes = await repo.storedBytes(run.id);
    const evaluationBytes = Buffer.byteLength(JSON.stringify((await svc.http.get(`/scenarios/${id}/evaluation`).expect(200)).body));
    process.stdout.write(`bytes per stored run (3 candidates, 4 profiles): ${bytes}; full /evaluation response: ${evaluationBytes}\n`);
    expect(bytes).toBeGreaterThan(500);
    expect(bytes).toBeLessThan(4000);
    expect(bytes).toBeLessThan(evaluationBytes * 0.6);
  });

  it('computes what changed after a profile price PATCH between two runs', async () => {
    const id = await createScenario();
    const first = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await svc.http.patch(`/api-offerings/${ids.a}`).send({ outputUsdPerMtok: 8 }).expect(200);
    const second = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await svc.http.patch(`/api-offerings/${ids.a}`).send({ outputUsdPerMtok: 10 }).expect(200);

    const changes = second.changes;
    expect(changes.previousRunId).toBe(first.id);
    expect(changes.changed).toBe(true);
    expect(changes.cheapest).toEqual({ from: 'B', to: 'A' });
    expect(changes.monthlyCost).toEqual([
      { label: 'A', fromUsd: 27500, toUsd: 23500, changeUsd: -4000, changePercent: -14.55 } /* −14.545…% shown to 4 significant digits */,
    ]);
    expect(changes.profileChanges).toEqual([
      { kind: 'apiOffering', id: ids.a, field: 'outputUsdPerMtok', from: 10, to: 8, text: `${ids.a}.outputUsdPerMtok 10 -> 8` },
    ]);
    expect(changes.breakEven).toHaveLength(1);
    const moved = changes.breakEven[0];
    expect(moved).toMatchObject({ selfHost: 'S', api: 'A' });
    const be = (run: { summary: { breakEven: { api: string; monthlyTokens: number }[] } }) =>
      run.summary.breakEven.find((p) => p.api === 'A')?.monthlyTokens as number;
    expect(moved.fromMonthlyTokens).toBe(be(first));
    expect(moved.toMonthlyTokens).toBe(be(second));
    // A cheaper API moves the break-even volume up.
    expect(moved.toMonthlyTokens).toBeGreaterThan(moved.fromMonthlyTokens);
    // Percentages are shown to 4 significant digits (computed from the stored whole-token volumes).
    expect(moved.changePercent).toBe(roundByRule(((be(second) - be(first)) / be(first)) * 100, 'sig4'));
    expect(changes).toMatchObject({
      newlyExcluded: [],
      stoppedFitting: [],
      addedCandidates: [],
      removedCandidates: [],
      scenarioVersion: null,
    });

    const viaRoute = (await svc.http.get(`/scenarios/${id}/runs/${second.id}/changes`).expect(200)).body;
    expect(viaRoute).toEqual({ runId: second.id, changes });
    // The first run is never rewritten.
    expect((await svc.http.get(`/scenarios/${id}/runs/${first.id}`).expect(200)).body).toEqual(first);
  });

  it('reports candidates newly excluded and scenario edits', async () => {
    const id = await createScenario();
    await svc.http.post(`/scenarios/${id}/runs`).expect(201);
    // The model is Apache-2.0: allowing only MIT rules the self-host option out (closed APIs are not subject to it).
    await svc.http
      .patch(`/scenarios/${id}`)
      .send({ constraints: { licenses: ['MIT'] } })
      .expect(200);
    const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    expect(run.changes.newlyExcluded.map((e: { label: string }) => e.label)).toEqual(['S']);
    expect(run.changes.monthlyCost).toEqual([
      { label: 'S', fromUsd: expect.any(Number), toUsd: null, changeUsd: null, changePercent: null },
    ]);
    expect(run.changes.scenarioVersion).toEqual({ from: 1, to: 2 });
    expect(run.changes.cheapest).toBeNull();
  });

  it('stores a failed run when the scenario cannot be evaluated', async () => {
    const extra = offeringBody();
    await svc.http.post('/api-offerings').send(extra).expect(201);
    const id = await createScenario();
    await svc.http
      .patch(`/scenarios/${id}`)
      .send({ candidates: [{ type: 'api', offering: extra.id }] })
      .expect(200);
    await svc.http.delete(`/api-offerings/${extra.id}`).expect(204);
    const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    expect(run).toMatchObject({ status: 'failed', evaluation: null, summary: null, changes: null });
    expect(run.error).toMatchObject({ status: 422, errors: [{ field: 'candidates.0.offering' }] });
  });

  it('answers history as JSON and SVG, with labels escaped', async () => {
    const id = await createScenario({ name: 'History <b>&</b> "quotes"' });
    await svc.http.patch(`/scenarios/${id}`).send({
      candidates: [
        { type: 'api', label: 'A <script>alert(1)</script>', offering: ids.a },
        { type: 'api', label: 'B', offering: ids.b },
      ],
    });
    const first = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await svc.http.patch(`/api-offerings/${ids.b}`).send({ outputUsdPerMtok: 12 }).expect(200);
    const second = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    await svc.http.patch(`/api-offerings/${ids.b}`).send({ outputUsdPerMtok: 9.5 }).expect(200);
    const history = (await svc.http.get(`/scenarios/${id}/history`).expect(200)).body;
    expect(history.series.map((s: { label: string }) => s.label)).toEqual(['A <script>alert(1)</script>', 'B']);
    // B: 25,000 then 6000 × 1 + 2000 × 12 = 30,000.
    expect(history.series[1].points.map((p: { monthlyCostUsd: number }) => p.monthlyCostUsd)).toEqual([25000, 30000]);
    expect(history.cheapest.map((c: { runId: string; label: string }) => [c.runId, c.label])).toEqual([
      [first.id, 'B'],
      [second.id, 'A <script>alert(1)</script>'],
    ]);
    const svg = await svc.http
      .get(`/scenarios/${id}/history.svg`)
      .buffer(true)
      .parse((res, cb) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          data += c;
        });
        res.on('end', () => cb(null, data));
      });
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const text = svg.body as string;
    expectValidSvg(text);
    expect(text).not.toContain('<script>');
    expect(text).toContain(xmlEscape('A <script>alert(1)</script>'));
    expect(text).toContain('Cheapest at');
  });

  it('rejects unknown scenarios and bad input with problem+json and writes nothing', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expectProblem(await svc.http.post(`/scenarios/${unknown}/runs`), 404);
    expectProblem(await svc.http.get(`/scenarios/${unknown}/runs`), 404);
    expectProblem(await svc.http.get(`/scenarios/${unknown}/history`), 404);
    expectProblem(await svc.http.get(`/scenarios/${unknown}/deliveries`), 404);
    expectProblem(await svc.http.get(`/scenarios/not-a-uuid/runs`), 400, ['params.id']);
    const id = await createScenario();
    expectProblem(await svc.http.post(`/scenarios/${id}/runs`).send({ trigger: 'schedule' }), 400, ['trigger']);
    expectProblem(await svc.http.get(`/scenarios/${id}/runs/${unknown}`), 404);
    expect((await svc.http.get(`/scenarios/${id}/runs`).expect(200)).body.total).toBe(0);
  });

  it('keeps runs on scenario delete by default, deletes them with runs=delete', async () => {
    const kept = await createScenario();
    await svc.http.post(`/scenarios/${kept}/runs`).expect(201);
    await svc.http.delete(`/scenarios/${kept}`).expect(204);
    expect((await svc.http.get(`/scenarios/${kept}/runs`).expect(200)).body.total).toBe(1);
    const dropped = await createScenario();
    await svc.http.post(`/scenarios/${dropped}/runs`).expect(201);
    expectProblem(await svc.http.delete(`/scenarios/${dropped}?runs=sometimes`), 400, ['querystring.runs']);
    await svc.http.delete(`/scenarios/${dropped}?runs=delete`).expect(204);
    expectProblem(await svc.http.get(`/scenarios/${dropped}/runs`), 404);
  });
});
