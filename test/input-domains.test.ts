import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, scenarioBody } from './helpers/auth.js';
import { baseWorkload, expectProblem, parseNdjson } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';

/**
 * Issue 11, items 4 and 5: input domains that keep the arithmetic total (docs/errors.md, "Input
 * domains") and text the databases can store. Each defect the issue lists is reproduced here.
 */
let svc: TestService;
const admin = adminSecret();
const auth = bearer(admin);
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true, ADMIN_API_KEY: admin });
});
afterAll(async () => svc.close());

const candidates = [
  { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
  { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
  { type: 'api', offering: 'openai-gpt-5-mini' },
];
const compare = (body: Record<string, unknown>) => svc.http.post('/compare').set('authorization', auth).send(body);
const projection = { baselineUsdPerMtok: { low: 5, high: 15 }, hardware: { low: 10, high: 10 }, architecture: { low: 5, high: 7 } };

/** Every number in a JSON document is finite (no null stands in for a number the schema requires: the response schema is checked by the server). */
function numbersOf(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) numbersOf(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) numbersOf(v, out);
  return out;
}

describe('numeric input domains', () => {
  it('POST /projections with a subnormal (1e-320) anywhere is a 400 naming the field (was 200 with Infinity, or 500)', async () => {
    for (const [field, body] of [
      ['baselineUsdPerMtok.low', { ...projection, baselineUsdPerMtok: { low: 1e-320, high: 15 } }],
      ['hardware.low', { ...projection, hardware: { low: 1e-320, high: 10 } }],
      ['architecture.high', { ...projection, architecture: { low: 5, high: 1e-320 } }],
      ['hardware.realisation', { ...projection, hardware: { low: 10, high: 10, realisation: 1e-300 } }],
    ] as const) {
      expectProblem(await svc.http.post('/projections').send(body), 400, [field]);
    }
  });

  it('POST /projections at the extremes of every range stays finite', async () => {
    const extreme = {
      baselineUsdPerMtok: { low: 1e6, high: 1e6 },
      hardware: { low: 0.001, high: 0.001, realisation: 0.01 },
      architecture: { low: 0.001, high: 0.001, realisation: 0.01 },
    };
    const res = await svc.http.post('/projections').send(extreme).expect(200);
    for (const n of numbersOf(res.body)) expect(Number.isFinite(n)).toBe(true);
    expect(res.body.projectedRangeUsdPerMtok.high).toBeCloseTo(1e6 / (0.001 * 0.01 * 0.001 * 0.01), -10);
  });

  it('utilization 1e-300 is a 400 (was accepted and priced at $1.56e307/month); the documented floor 0.05 is accepted', async () => {
    expectProblem(await compare({ workload: baseWorkload(), candidates, assumptions: { utilization: 1e-300 } }), 400, [
      'assumptions.utilization',
    ]);
    expectProblem(await compare({ workload: baseWorkload(), candidates, assumptions: { utilization: 0.049 } }), 400, [
      'assumptions.utilization',
    ]);
    await compare({ workload: baseWorkload(), candidates, assumptions: { utilization: 0.05 } }).expect(200);
  });

  it('monthly volumes: subnormal, fractional-token and beyond-1e15 volumes are 400s naming the field', async () => {
    for (const [field, w] of [
      ['workload.outputTokensPerMonth', { outputTokensPerMonth: 1e-320 }],
      ['workload.inputTokensPerMonth', { inputTokensPerMonth: 1e-320 }],
      ['workload.inputTokensPerMonth', { inputTokensPerMonth: 0.5 }],
      ['workload.outputTokensPerMonth', { outputTokensPerMonth: 1.0000001e15 }],
      ['workload.cachedInputShare', { cachedInputShare: 5e-324 }],
    ] as const) {
      expectProblem(await compare({ workload: baseWorkload(w), candidates }), 400, [field]);
    }
    await compare({ workload: baseWorkload({ inputTokensPerMonth: 0 }), candidates }).expect(200);
  });

  it('the most extreme valid comparison (1e15 tokens/month, every throughput factor at its floor) answers promptly with finite costs', async () => {
    const started = Date.now();
    const res = await compare({
      workload: baseWorkload({ inputTokensPerMonth: 1e15, outputTokensPerMonth: 1e15, peakToAverage: 1000 }),
      candidates,
      assumptions: { utilization: 0.05, bandwidthEfficiency: 0.01, computeEfficiency: 0.01, realisationFactor: 0.01 },
    }).expect(200);
    // Generous bound for a loaded CI machine: before, the hybrid plan costed every replica count (hung for minutes).
    expect(Date.now() - started).toBeLessThan(20_000);
    for (const r of res.body.results) {
      if (r.fits !== false) expect(Number.isFinite(r.monthlyCostUsd), r.label).toBe(true);
    }
    for (const n of numbersOf(res.body)) expect(Number.isFinite(n)).toBe(true);
  });

  it('/estimates never answers fits:true with 0 tokens/s, over random inputs at the edges of the domains', async () => {
    const edge = (lo: number, hi: number) => fc.constantFrom(lo, hi, Math.sqrt(lo * hi));
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          memoryBandwidthTBps: edge(0.01, 1000),
          tflopsBf16: edge(0.01, 1e6),
          memoryGb: edge(0.1, 10_000),
          inputTokens: edge(1, 100_000_000),
          outputTokens: edge(1, 100_000_000),
          bandwidthEfficiency: edge(0.01, 1),
          computeEfficiency: edge(0.01, 1),
          perStepOverheadMs: edge(0, 1000),
        }),
        async (x) => {
          const hardware = { ...hardwareBody(), id: undefined, memoryBandwidthTBps: x.memoryBandwidthTBps, tflopsBf16: x.tflopsBf16 };
          const res = await svc.http.post('/estimates').send({
            model: 'qwen3-8b',
            hardware: { ...hardware, memoryGb: x.memoryGb, tflopsFp8: null },
            inputTokens: x.inputTokens,
            outputTokens: x.outputTokens,
            assumptions: {
              bandwidthEfficiency: x.bandwidthEfficiency,
              computeEfficiency: x.computeEfficiency,
              perStepOverheadMs: x.perStepOverheadMs,
            },
          });
          expect([200, 422]).toContain(res.status);
          if (res.status === 200 && res.body.fits) {
            expect(res.body.outputTokensPerSecond).toBeGreaterThan(0);
            expect(res.body.outputTokensPerSecondPerUser).toBeGreaterThan(0);
          }
          for (const n of numbersOf(res.body)) expect(Number.isFinite(n)).toBe(true);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('/compare/batch validates each result against the /compare schema: an extreme item is ok with finite numbers or a 4xx line, never a 5xx', async () => {
    const items = [
      { workload: baseWorkload({ inputTokensPerMonth: 1e15, outputTokensPerMonth: 1e15 }), candidates, assumptions: { utilization: 0.05 } },
      { workload: baseWorkload(), candidates, assumptions: { utilization: 1e-300 } },
    ];
    const res = await svc.http.post('/compare/batch').send({ items }).expect(200);
    const lines = parseNdjson(res.text) as { index?: number; ok?: boolean; error?: { status: number; errors: { field: string }[] } }[];
    expect(lines[0]).toMatchObject({ index: 0, ok: true });
    expect(lines[1]).toMatchObject({ index: 1, ok: false, error: { status: 400 } });
    expect(lines[1]?.error?.errors.map((e) => e.field)).toEqual(['assumptions.utilization']);
    for (const n of numbersOf(lines[0])) expect(Number.isFinite(n)).toBe(true);
  });
});

describe('text the databases cannot store', () => {
  const lone = 'x\ud800';
  const nul = 'a\u0000b';
  /** The JSON text of a body; JSON.stringify writes a lone surrogate as the escape \ud800, which JSON.parse turns back into one. */
  const raw = (body: unknown) => JSON.stringify(body);

  it('a lone surrogate or a NUL in any stored field of a scenario is a 400 naming the field, and nothing is written', async () => {
    const before = (await svc.http.get('/scenarios').set('authorization', auth).expect(200)).body.total;
    for (const [field, body] of [
      ['name', scenarioBody({ name: lone })],
      ['name', scenarioBody({ name: nul })],
      ['description', scenarioBody({ description: nul })],
      ['candidates.0.label', scenarioBody({ candidates: [{ type: 'api', label: lone, offering: 'openai-gpt-5-mini' }] })],
      ['constraints.licenses.0', scenarioBody({ constraints: { licenses: [nul] } })],
      ['schedule.timezone', scenarioBody({ schedule: { cron: '0 6 * * *', timezone: `UTC${lone}` } })],
    ] as const) {
      const res = await svc.http.post('/scenarios').set('authorization', auth).set('content-type', 'application/json').send(raw(body));
      const errors = expectProblem(res, 400);
      expect(errors.map((e) => e.field)).toContain(field);
    }
    expect((await svc.http.get('/scenarios').set('authorization', auth).expect(200)).body.total).toBe(before);
  });

  it('profiles and key names: 400 naming the field', async () => {
    const hw = (o: Record<string, unknown>) =>
      svc.http
        .post('/hardware')
        .set('authorization', auth)
        .set('content-type', 'application/json')
        .send(raw(hardwareBody(o)));
    expectProblem(await hw({ notes: nul }), 400, ['notes']);
    expectProblem(await hw({ name: lone }), 400, ['name']);
    expectProblem(await hw({ source: `https://example.com/${nul}` }), 400, ['source']);
    const key = await svc.http
      .post('/keys')
      .set('authorization', auth)
      .set('content-type', 'application/json')
      .send(raw({ name: lone, scopes: ['read'] }));
    expectProblem(key, 400, ['name']);
  });

  it('a NUL in a query or path parameter is a 400 naming it (was a 500 on PostgreSQL)', async () => {
    expectProblem(await svc.http.get('/scenarios?name=a%00b').set('authorization', auth), 400, ['querystring.name']);
    expectProblem(await svc.http.get('/hardware?vendor=a%00b'), 400, ['querystring.vendor']);
    expectProblem(await svc.http.get('/audit?actor=a%00b').set('authorization', auth), 400, ['querystring.actor']);
    expectProblem(await svc.http.get('/batch-jobs/a%00b').set('authorization', auth), 400, ['params.id']);
    // An index beyond PostgreSQL's integer range was a 500 there (found by the fuzzer).
    expectProblem(await svc.http.get('/batch-jobs/x/results?from=4567542997712896').set('authorization', auth), 400, ['querystring.from']);
  });

  it('characters outside the BMP (surrogate pairs) are stored and found', async () => {
    const name = `rocket 🚀 ${Date.now()}`;
    await svc.http.post('/scenarios').set('authorization', auth).send(scenarioBody({ name })).expect(201);
    const found = await svc.http.get('/scenarios').query({ name: '🚀' }).set('authorization', auth).expect(200);
    expect(found.body.items.map((s: { name: string }) => s.name)).toContain(name);
  });
});

describe('stored scenarios that no longer evaluate', () => {
  it('curve queries outside the volume domain are 400s naming them (was a 500 for fromTokens=5e-324&toTokens=1e18)', async () => {
    const created = await svc.http.post('/scenarios').set('authorization', auth).send(scenarioBody()).expect(201);
    for (const path of ['break-even', 'break-even.svg']) {
      const res = await svc.http.get(`/scenarios/${created.body.id}/${path}?fromTokens=5e-324&toTokens=1e18`).set('authorization', auth);
      expectProblem(res, 400, ['querystring.fromTokens', 'querystring.toTokens']);
    }
    await svc.http.get(`/scenarios/${created.body.id}/break-even?fromTokens=1&toTokens=1e15`).set('authorization', auth).expect(200);
  });

  it('a scenario stored before these domains (utilization 1e-300) answers 422 naming the field on every evaluating route, never 500', async () => {
    const id = randomUUID();
    const request = { workload: baseWorkload(), candidates, assumptions: { utilization: 1e-300 } };
    await svc.db.prisma.scenario.create({
      data: { id, name: 'stored long ago', nameLower: 'stored long ago', request: JSON.stringify(request), ownerKeyId: null },
    });
    for (const path of ['evaluation', 'break-even', 'break-even.svg', 'sensitivity', 'sensitivity.svg', 'hybrid.svg']) {
      const res = await svc.http.get(`/scenarios/${id}/${path}`).set('authorization', auth);
      expect(
        expectProblem(res, 422).map((e) => e.field),
        path,
      ).toEqual(['assumptions.utilization']);
    }
    const run = await svc.http.post(`/scenarios/${id}/runs`).set('authorization', auth).send({}).expect(201);
    expect(run.body).toMatchObject({ status: 'failed', error: { status: 422 } });
  });

  it('a scenario whose profile was deleted answers 422 naming the candidate on every evaluating route', async () => {
    const gpu = hardwareBody();
    await svc.http.post('/hardware').set('authorization', auth).send(gpu).expect(201);
    const body = scenarioBody({
      candidates: [
        { type: 'self-host', model: 'qwen3-8b', hardware: gpu.id },
        { type: 'api', offering: 'openai-gpt-5-mini' },
      ],
    });
    const created = await svc.http.post('/scenarios').set('authorization', auth).send(body).expect(201);
    await svc.http.delete(`/hardware/${gpu.id}`).set('authorization', auth).expect(204);
    for (const path of ['evaluation', 'break-even', 'break-even.svg', 'sensitivity', 'sensitivity.svg', 'hybrid.svg']) {
      const res = await svc.http.get(`/scenarios/${created.body.id}/${path}`).set('authorization', auth);
      const errors = expectProblem(res, 422);
      expect(
        errors.map((e) => e.field),
        path,
      ).toEqual(['candidates.0.hardware']);
    }
  });
});
