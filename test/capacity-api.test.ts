import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { baseWorkload, expectClose, expectProblem, expectRounded, HOURS_PER_MONTH, replicasForPeak } from './helpers/comparison.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Body = any;
const compare = (body: Record<string, unknown>) => svc.http.post('/compare').send(body);

const gptOss = {
  type: 'self-host',
  label: 'oss',
  model: 'gpt-oss-120b',
  hardware: 'nvidia-h100-sxm',
  pricing: { mode: 'cloud', usdPerGpuHour: 2.49 },
};
const workload = baseWorkload({
  inputTokensPerMonth: 10e9,
  outputTokensPerMonth: 2e9,
  inputTokensPerRequest: 2000,
  outputTokensPerRequest: 400,
  peakToAverage: 3,
});

describe('POST /compare: interactive workloads are sized to the default SLO with N+1', () => {
  let body: Body;
  beforeAll(async () => {
    body = (
      await compare({
        workload,
        candidates: [gptOss, { type: 'api', label: 'sonnet', offering: 'anthropic-claude-sonnet-4-5' }],
        assumptions: { opsUsdPerMonth: 20000, utilization: 0.7 },
      }).expect(200)
    ).body;
  });

  it('meets 60 tokens/s per user and 2 s to first token at p99, and prices that deployment', () => {
    const r = body.results[0];
    const c = r.detail.capacity;
    expect(c).toMatchObject({ class: 'interactive', replicasForAvailability: 1, commitment: 'on-demand' });
    expect(c.slo.target).toEqual({ timeToFirstTokenSeconds: 2, outputTokensPerSecondPerUser: 60, percentile: 0.99 });
    expect(c.slo.met).toBe(true);
    expect(c.slo.outputTokensPerSecondPerUser).toBeGreaterThanOrEqual(60);
    expect(c.slo.timeToFirstTokenAtPercentileSeconds).toBeLessThanOrEqual(2 + 1e-9);
    expect(r.detail.gpusPerReplica).toBe(c.slo.gpusPerReplica);
    expect(r.detail.concurrency).toBe(c.slo.concurrency);
    // The engine plans at the SLO's slot occupancy (never above the 0.7 asked for) and adds one spare.
    const u = r.detail.assumptions.targetUtilization;
    expect(u).toBeCloseTo(c.slo.plannedSlotUtilization, 12);
    expect(u).toBeLessThanOrEqual(0.7);
    expect(r.detail.replicas).toBe(replicasForPeak(workload, r.detail.throughput.outputTokensPerSecondPerReplica, u) + 1);
    expect(r.detail.replicas).toBe(c.slo.replicasForPeak + 1);
    expectClose(r.monthlyCostUsd, r.detail.gpus * 2.49 * HOURS_PER_MONTH + 20000, 1e-12);
  });

  it('echoes the class, SLO, load shape and defaults', () => {
    const cap = body.assumptions.capacity;
    expect(cap.class).toBe('interactive');
    expect(cap.slo).toEqual({ timeToFirstTokenSeconds: 2, outputTokensPerSecondPerUser: 60, percentile: 0.99 });
    // peakToAverage 3: 8 business hours at 3, the rest 0.
    expect(cap.loadShape.source).toBe('peakToAverage');
    expect(cap.loadShape.hourlyWeights).toEqual([...Array(9).fill(0), ...Array(8).fill(3), ...Array(7).fill(0)]);
    expect(cap.defaults.commitmentDiscounts).toEqual({ 'on-demand': 0, reserved: 0.35, spot: 0.5 });
  });

  it('returns a hybrid plan per pair that never costs more than either pure option', () => {
    expect(body.hybrid).toHaveLength(1);
    const h = body.hybrid[0];
    const self = body.results[0].monthlyCostUsd;
    const api = body.results[1].monthlyCostUsd;
    expect(h).toMatchObject({ selfHost: 'oss', api: 'sonnet', fits: true });
    expect(h.monthlyCostUsd).toBeLessThanOrEqual(Math.min(self, api) + 1e-6);
    expectClose(h.savingsVsApiUsd, api - h.monthlyCostUsd, 1e-9);
    expectClose(h.savingsVsSelfHostUsd, self - h.monthlyCostUsd, 1e-9);
    expectClose(h.monthlyCostUsd, h.selfHostMonthlyCostUsd + h.apiMonthlyCostUsd, 1e-9);
    // The busy block holds all the traffic: the hybrid keeps the peak replicas and drops the spare
    // (the API is the fallback), so it saves exactly one replica against pure self-hosting.
    expect(h.replicas).toBe(body.results[0].detail.capacity.slo.replicasForPeak);
    expectClose(h.savingsVsSelfHostUsd, body.results[0].detail.gpusPerReplica * 2.49 * HOURS_PER_MONTH, 1e-9);
    expect(h.breakEvenMonthlyTokens).toBeGreaterThan(0);
  });
});

describe('POST /compare: class, commitments, load shape', () => {
  it('batch: no SLO, no spare replica', async () => {
    const res = await compare({ workload: { ...workload, class: 'batch' }, candidates: [gptOss] }).expect(200);
    const d = res.body.results[0].detail;
    expect(d.capacity).toMatchObject({ class: 'batch', slo: null, replicasForAvailability: 0 });
    expect(d.replicas).toBe(replicasForPeak(workload, d.throughput.outputTokensPerSecondPerReplica, 0.8));
  });

  it('reserved and spot GPUs cost the on-demand price less the sourced discount', async () => {
    const at = async (pricing: Record<string, unknown>) =>
      (await compare({ workload: { ...workload, class: 'batch' }, candidates: [{ ...gptOss, pricing }] }).expect(200)).body.results[0];
    const reserved = await at({ mode: 'cloud', usdPerGpuHour: 2.49, commitment: 'reserved' });
    // A unit price is shown to 4 significant digits, money to cents; the engine computes with the unrounded price.
    expectRounded(reserved.detail.capacity.usdPerGpuHour, 2.49 * 0.65, 'sig4');
    expectRounded(reserved.monthlyCostUsd, reserved.detail.gpus * 2.49 * 0.65 * HOURS_PER_MONTH, 'cents');
    const spot = await at({ mode: 'cloud', commitment: 'spot', commitmentDiscount: 0.6 });
    // No price given: the H100 profile's $3.99 less 60 %.
    expectClose(spot.detail.assumptions.usdPerGpuHour, 3.99 * 0.4, 1e-12);
  });

  it('hourlyLoad sets the peak-to-average ratio; a contradicting peakToAverage is a 422', async () => {
    const hourlyLoad = [...Array(12).fill(1), ...Array(12).fill(3)]; // peak 3 ÷ mean 2 = 1.5
    const { peakToAverage: _p, ...noPeak } = workload;
    const res = await compare({ workload: { ...noPeak, hourlyLoad }, candidates: [gptOss] }).expect(200);
    expect(res.body.assumptions.workload.peakToAverageRatio).toBe(1.5);
    expect(res.body.assumptions.capacity.loadShape).toEqual({
      source: 'hourlyLoad',
      hourlyWeights: [...Array(12).fill(0.5), ...Array(12).fill(1.5)],
    });
    expectProblem(await compare({ workload: { ...workload, hourlyLoad }, candidates: [gptOss] }), 422, ['workload.peakToAverage']);
  });

  it('reasoning tokens add to the output of every request, for the API and the self-host replicas alike', async () => {
    // 2e9 visible output tokens in requests of 400 → 5e6 requests; 1,600 reasoning tokens each →
    // 2,000 generated tokens per request: 1e10 billed output tokens per month.
    const res = await compare({
      workload: { ...workload, class: 'batch', reasoningTokensPerRequest: 1600 },
      candidates: [gptOss, { type: 'api', label: 'gpt-5', offering: 'openai-gpt-5' }],
    }).expect(200);
    // The workload stays the visible one; every candidate generates 1,600 more tokens per request.
    expect(res.body.assumptions.workload).toMatchObject({ outputTokensPerRequest: 400, outputTokensPerMonth: 2e9 });
    const echo = res.body.assumptions.capacity.reasoning.perCandidate;
    expect(echo.map((e: Body) => [e.reasoningTokensPerRequest, e.basis])).toEqual([
      [1600, 'request'],
      [1600, 'request'],
    ]);
    // GPT-5: $1.25 per M input, $10 per M output → 10,000 × 1.25 + 10,000 × 10.
    expectClose(res.body.results[1].monthlyCostUsd, 10_000 * 1.25 + 10_000 * 10, 1e-12);
    const t = res.body.results[0].detail.throughput;
    expect(t.reasoningTokensPerRequest).toBe(1600);
    expectClose(t.outputTokensPerSecondPerReplica, (t.generatedTokensPerSecondPerReplica * 400) / 2000, 1e-9);
    const d = res.body.results[0].detail;
    expect(d.replicas).toBe(replicasForPeak(workload, t.outputTokensPerSecondPerReplica, 0.8));
  });

  it('reasoning "auto" applies the sourced default of each model family, echoed with its source', async () => {
    const res = await compare({
      workload,
      candidates: [
        gptOss,
        { type: 'api', label: 'gpt-5', offering: 'openai-gpt-5' },
        { type: 'api', label: 'sonnet 4.5', offering: 'anthropic-claude-sonnet-4-5' },
        { type: 'api', label: 'sonnet 4', offering: 'anthropic-claude-sonnet-4-0' },
        { type: 'api', label: 'sonnet 4 thinking', offering: 'anthropic-claude-sonnet-4-0', reasoning: 'measured' },
        { type: 'api', label: 'gpt-5 none', offering: 'openai-gpt-5', reasoning: 'none' },
      ],
    }).expect(200);
    const echo = res.body.assumptions.capacity.reasoning;
    expect(echo.profile).toBe('mixed');
    // data/reference/reasoning-tokens.json, mixed profile: gpt-oss-120b 545, GPT-5 2,106, Claude Sonnet 4 thinking 2,941.
    expect(echo.perCandidate.map((e: Body) => [e.candidate, e.reasoningTokensPerRequest, e.basis])).toEqual([
      ['oss', 545, 'default'],
      ['gpt-5', 2106, 'default'],
      ['sonnet 4.5', 0, 'no-default'],
      ['sonnet 4', 0, 'opt-in'],
      ['sonnet 4 thinking', 2941, 'default'],
      ['gpt-5 none', 0, 'none'],
    ]);
    const gpt5 = echo.perCandidate[1].default;
    expect(gpt5).toMatchObject({ id: 'gpt-5-high', estimate: true, asOf: '2025-08' });
    expect(gpt5.source).toMatch(/^https:\/\/github\.com\/cpldcpu\/LRMTokenEconomy\//);
    // Billed output = 2,000 visible Mtok × (400 + 2,106) / 400 at $10; input 10,000 Mtok at $1.25 (no cache hits).
    const input = 10_000 * 1.25;
    expectClose(res.body.results[1].monthlyCostUsd, input + ((2000 * 2506) / 400) * 10, 1e-12);
    expectClose(res.body.results[5].monthlyCostUsd, input + 2000 * 10, 1e-12);
    expect(res.body.notes.some((n: string) => n.startsWith('REASONING TOKENS ARE INCLUDED'))).toBe(true);
    expect(res.body.results[0].detail.throughput.reasoningTokensPerRequest).toBe(545);
  });

  it('the knowledge profile takes the short-question figures; a workload number applies to every candidate', async () => {
    const knowledge = await compare({
      workload: { ...workload, reasoningProfile: 'knowledge' },
      candidates: [gptOss, { type: 'api', offering: 'openai-gpt-5' }],
    }).expect(200);
    expect(knowledge.body.assumptions.capacity.reasoning.perCandidate.map((e: Body) => e.reasoningTokensPerRequest)).toEqual([50, 127]);
    const none = await compare({ workload: { ...workload, reasoning: 'none' }, candidates: [gptOss] }).expect(200);
    expect(none.body.assumptions.capacity.reasoning.perCandidate[0]).toMatchObject({ reasoningTokensPerRequest: 0, basis: 'none' });
    expect(none.body.notes.some((n: string) => n.startsWith('REASONING TOKENS'))).toBe(false);
    // More reasoning never costs less: the same self-host option with none, the default and 5,000.
    const costs = [];
    for (const reasoning of ['none', 'auto', 5000]) {
      const r = await compare({ workload: { ...workload, reasoning }, candidates: [gptOss] }).expect(200);
      costs.push(r.body.results[0].monthlyCostUsd as number);
    }
    expect(costs[0]).toBeLessThanOrEqual(costs[1] as number);
    expect(costs[1]).toBeLessThanOrEqual(costs[2] as number);
  });

  it('rejects reasoning given twice (422) and a malformed reasoning setting (400), naming the field', async () => {
    expectProblem(await compare({ workload: { ...workload, reasoning: 100, reasoningTokensPerRequest: 100 }, candidates: [gptOss] }), 422, [
      'workload.reasoningTokensPerRequest',
    ]);
    expectProblem(await compare({ workload: { ...workload, reasoning: 'lots' }, candidates: [gptOss] }), 400, ['workload.reasoning']);
    expectProblem(await compare({ workload, candidates: [{ ...gptOss, reasoning: -1 }] }), 400, ['candidates.0.reasoning']);
  });

  it('an unreachable SLO is stated with the best achievable figures', async () => {
    const res = await compare({
      workload: { ...workload, slo: { outputTokensPerSecondPerUser: 5000 } },
      candidates: [gptOss],
    }).expect(200);
    const r = res.body.results[0];
    expect(r.detail.capacity.slo.met).toBe(false);
    expect(r.detail.capacity.slo.bestAchievable.outputTokensPerSecondPerUser).toBeLessThan(5000);
    expect(r.detail.capacity.slo.concurrency).toBe(1);
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('slo-unreachable');
  });

  it('a fixed concurrency that misses the SLO is costed as given and the warning names the field and what would meet (was a 500)', async () => {
    const qwen = { type: 'self-host', model: 'qwen3-235b-a22b', hardware: 'nvidia-h200-sxm', concurrency: 64 };
    const res = await compare({ workload, candidates: [{ type: 'api', offering: 'openai-gpt-5' }, qwen] }).expect(200);
    const r = res.body.results[1];
    const slo = r.detail.capacity.slo;
    expect(slo.met).toBe(false);
    expect(slo.concurrency).toBe(64);
    expect(slo.outputTokensPerSecondPerUser).toBeLessThan(60);
    expect(r.detail.concurrency).toBe(64);
    expect(r.detail.replicas).toBe(slo.replicasForPeak + 1);
    const w = r.warnings.find((x: { code: string }) => x.code === 'slo-unreachable');
    expect(w.message).toContain('candidates.1.concurrency');
    expect(w.message).toMatch(/Concurrency \d+ on \d+ GPUs per replica meets it/);
    // Beyond what memory holds: the engine lowers it and says so; the SLO warning gives both figures.
    const capped = await compare({ workload, candidates: [{ ...qwen, gpus: 4, concurrency: 100_000 }] }).expect(200);
    const codes = capped.body.results[0].warnings.map((x: { code: string }) => x.code);
    expect(codes).toEqual(expect.arrayContaining(['concurrency-capped', 'slo-unreachable']));
    expect(capped.body.results[0].detail.concurrency).toBeLessThan(100_000);
    expect(capped.body.results[0].warnings.find((x: { code: string }) => x.code === 'slo-unreachable').message).toContain(
      'candidates.0.concurrency 100000, lowered to what memory holds',
    );
  });

  it('says loudly that no operations cost is included', async () => {
    const res = await compare({ workload, candidates: [gptOss] }).expect(200);
    expect(res.body.notes.some((n: string) => n.startsWith('NO OPERATIONS COST IS INCLUDED'))).toBe(true);
    const withOps = await compare({ workload, candidates: [gptOss], assumptions: { opsUsdPerMonth: 1 } }).expect(200);
    expect(withOps.body.notes.some((n: string) => n.startsWith('NO OPERATIONS COST'))).toBe(false);
  });

  it('rejects bad capacity inputs with 400 naming the field, before computing anything', async () => {
    expectProblem(await compare({ workload: { ...workload, slo: { percentile: 1.5 } }, candidates: [gptOss] }), 400, [
      'workload.slo.percentile',
    ]);
    expectProblem(await compare({ workload: { ...workload, hourlyLoad: [1, 2, 3] }, candidates: [gptOss] }), 400, ['workload.hourlyLoad']);
    expectProblem(await compare({ workload: { ...workload, class: 'realtime' }, candidates: [gptOss] }), 400, ['workload.class']);
    expectProblem(
      await compare({ workload, candidates: [{ ...gptOss, pricing: { mode: 'cloud', commitment: 'reserved', commitmentDiscount: 1 } }] }),
      400,
      ['candidates.0.pricing.commitmentDiscount'],
    );
    expectProblem(await compare({ workload, candidates: [gptOss], assumptions: { replicasForAvailability: 1.5 } }), 400, [
      'assumptions.replicasForAvailability',
    ]);
  });
});

describe('GET /scenarios/{id}/hybrid.svg', () => {
  let id: string;
  beforeAll(async () => {
    const res = await svc.http
      .post('/scenarios')
      .send({
        name: `hybrid ${Date.now()}`,
        workload,
        candidates: [
          gptOss,
          { type: 'api', label: 'sonnet', offering: 'anthropic-claude-sonnet-4-5' },
          { type: 'api', label: 'gpt-5', offering: 'openai-gpt-5' },
        ],
        assumptions: { opsUsdPerMonth: 20000 },
      })
      .expect(201);
    id = res.body.id;
  });

  it('draws the chosen pair hour by hour', async () => {
    const res = await svc.http
      .get(`/scenarios/${id}/hybrid.svg`)
      .query({ selfHost: 'oss', api: 'gpt-5' })
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => {
          data += c;
        });
        r.on('end', () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = res.body as string;
    expect(svg).toContain('&quot;oss&quot;');
    expect(svg).toContain('&quot;gpt-5&quot;');
    expect(svg.match(/aria-roledescription="bar"/g)).toHaveLength(48);
  });

  it('400 for a label that names no candidate, 404 for an unknown scenario', async () => {
    expectProblem(await svc.http.get(`/scenarios/${id}/hybrid.svg`).query({ selfHost: 'nope' }), 400, ['querystring.selfHost']);
    expectProblem(await svc.http.get(`/scenarios/${id}/hybrid.svg`).query({ bogus: 1 }), 400, ['querystring.bogus']);
    expectProblem(await svc.http.get('/scenarios/00000000-0000-4000-8000-000000000000/hybrid.svg'), 404);
  });
});
