import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { baseWorkload, expectProblem, expectRounded } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';

/**
 * Owned hardware: the capital cost per GPU is all-in — the GPU price plus its share of server,
 * network and storage (sourced default per hardware class, overridable). docs/cost-model.md §3.
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field
type Body = any;

const workload = {
  ...baseWorkload({
    inputTokensPerMonth: 10e9,
    outputTokensPerMonth: 2e9,
    inputTokensPerRequest: 2000,
    outputTokensPerRequest: 400,
    peakToAverage: 3,
  }),
  class: 'batch',
};
const owned = (hardware: string, pricing: Record<string, unknown> = {}, assumptions?: Record<string, unknown>) => ({
  type: 'self-host',
  model: 'gpt-oss-120b',
  hardware,
  pricing: { mode: 'owned', ...pricing },
  ...(assumptions ? { assumptions } : {}),
});
const compare = async (candidates: unknown[]): Promise<Body> =>
  (
    await svc.http
      .post('/compare')
      .send({ workload, candidates, assumptions: { opsUsdPerMonth: 20000 } })
      .expect(200)
  ).body;
/** Capital recovery factor at 8 %/year over 5 years, monthly (docs/cost-model.md §3). */
const CRF = 0.08 / 12 / (1 - (1 + 0.08 / 12) ** -60);

describe('owned GPUs: all-in capital cost per GPU', () => {
  it('H100 SXM by default: $30,000 GPU + $20,000 sourced platform share, echoed with its derivation', async () => {
    const r = (await compare([owned('nvidia-h100-sxm', { purchaseUsdPerGpu: 30000 })])).results[0];
    const a = r.detail.assumptions;
    expect(a.platformCapexUsdPerGpu).toBe(20000);
    expect(a.allInCapexUsdPerGpu).toBeNull();
    expect(a.platformCapexBasis).toMatch(/\$50,000 - \$30,000/);
    expect(a.platformCapexBasis).toMatch(/https:\/\//);
    const cost = r.detail.cost;
    expect(cost).toMatchObject({ capexUsdPerGpu: 50000, gpuCapexUsdPerGpu: 30000, platformCapexUsdPerGpu: 20000 });
    expect(cost.upfrontUsd).toBe(r.gpus * 50000);
    expectRounded(cost.capitalUsdPerMonth, r.gpus * 50000 * CRF, 'cents');
    expect(r.warnings.map((w: { code: string }) => w.code)).not.toContain('capex-gpu-only');
  });

  it('platformCapexUsdPerGpu (request or candidate) and allInCapexUsdPerGpu (pricing) override the default', async () => {
    const body = await compare([
      owned('nvidia-h100-sxm', { purchaseUsdPerGpu: 30000 }, { platformCapexUsdPerGpu: 5000 }),
      owned('nvidia-h100-sxm', { purchaseUsdPerGpu: 30000, allInCapexUsdPerGpu: 60000 }),
      owned('nvidia-h100-sxm', { purchaseUsdPerGpu: 30000 }, { platformCapexUsdPerGpu: 0 }),
    ]);
    const [share, allIn, gpuOnly] = body.results;
    expect(share.detail.cost.capexUsdPerGpu).toBe(35000);
    expect(share.detail.assumptions.platformCapexBasis).toBeNull();
    expect(allIn.detail.cost).toMatchObject({ capexUsdPerGpu: 60000, gpuCapexUsdPerGpu: null, platformCapexUsdPerGpu: null });
    expect(allIn.detail.cost.upfrontUsd).toBe(allIn.gpus * 60000);
    // An explicit 0 is the caller's choice, not a missing source: no warning.
    expect(gpuOnly.detail.cost.capexUsdPerGpu).toBe(30000);
    expect(gpuOnly.warnings.map((w: { code: string }) => w.code)).not.toContain('capex-gpu-only');
    // The cheaper the capex, the lower the monthly cost.
    expect(gpuOnly.monthlyCostUsd).toBeLessThan(share.monthlyCostUsd);
    expect(share.monthlyCostUsd).toBeLessThan(allIn.monthlyCostUsd);
  });

  it('a class without a sourced platform share (MI300X) counts the GPU only, with a loud warning and note', async () => {
    const body = await compare([{ ...owned('amd-mi300x'), model: 'llama-3.3-70b', precision: 'fp8' }]);
    const r = body.results[0];
    expect(r.detail.assumptions.platformCapexUsdPerGpu).toBeNull();
    expect(r.detail.cost.capexUsdPerGpu).toBe(15000);
    expect(r.warnings.map((w: { code: string }) => w.code)).toContain('capex-gpu-only');
    expect(body.notes.some((n: string) => n.startsWith('OWNED HARDWARE COUNTS THE GPU PRICE ONLY'))).toBe(true);
  });

  it("a hardware profile's own platformCapexUsdPerGpu (with its source) replaces the class default; the request still wins", async () => {
    const body = hardwareBody({
      purchaseUsdPerGpu: 30000,
      purchasePriceSource: 'https://example.com/quote',
      platformCapexUsdPerGpu: 12000,
      platformCapexSource: 'https://example.com/server-quote',
    });
    await svc.http.post('/hardware').send(body).expect(201);
    const [profile, request] = (
      await compare([
        { ...owned(body.id as string), model: 'qwen3-8b' },
        { ...owned(body.id as string, {}, { platformCapexUsdPerGpu: 3000 }), model: 'qwen3-8b' },
      ])
    ).results;
    expect(profile.detail.cost.capexUsdPerGpu).toBe(42000);
    expect(profile.detail.assumptions.platformCapexBasis).toBe(`hardware profile ${body.id}: https://example.com/server-quote`);
    expect(request.detail.cost.capexUsdPerGpu).toBe(33000);
    // A profile figure without its source is refused, naming the field.
    const bad = await svc.http.post('/hardware').send(hardwareBody({ platformCapexUsdPerGpu: 1000 }));
    expectProblem(bad, 400, ['platformCapexSource']);
  });

  it('rented GPUs carry no capital cost and no capex warning', async () => {
    const r = (await compare([{ ...owned('nvidia-h100-sxm'), pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } }])).results[0];
    expect(r.detail.cost).toMatchObject({ capexUsdPerGpu: 0, upfrontUsd: 0, capitalUsdPerMonth: 0 });
    expect(r.warnings.map((w: { code: string }) => w.code)).not.toContain('capex-gpu-only');
  });

  it('a negative platform share or a zero all-in cost is a 400 naming the field', async () => {
    const bad = async (c: unknown, field: string) =>
      expectProblem(await svc.http.post('/compare').send({ workload, candidates: [c] }), 400, [field]);
    await bad(owned('nvidia-h100-sxm', {}, { platformCapexUsdPerGpu: -1 }), 'candidates.0.assumptions.platformCapexUsdPerGpu');
    await bad(owned('nvidia-h100-sxm', { allInCapexUsdPerGpu: 0 }), 'candidates.0.pricing.allInCapexUsdPerGpu');
  });
});
