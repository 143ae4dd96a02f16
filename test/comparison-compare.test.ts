import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import {
  apiMonthlyCost,
  asText,
  atVolume,
  baseWorkload,
  csvRecords,
  expectClose,
  expectProblem,
  expectRounded,
  HOURS_PER_MONTH,
  type OfferingPrices,
  replicasForPeak,
  SHOWN_4SIG,
  type WorkloadInput,
} from './helpers/comparison.js';
import { hardwareBody, modelBody, offeringBody } from './helpers/fixtures.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

type Result = {
  index: number;
  label: string;
  type: 'api' | 'self-host';
  excluded: { reason: string } | null;
  fits: boolean | null;
  monthlyCostUsd: number | null;
  usdPerMtok: { input: number | null; output: number | null; blended: number | null };
  // biome-ignore lint/suspicious/noExplicitAny: engine detail objects are free-form
  detail: any;
};
type BreakEven = {
  selfHost: string;
  api: string;
  outcome: string;
  monthlyTokens: number | null;
  monthlyInputTokens: number | null;
  monthlyOutputTokens: number | null;
  monthlyApiSpendUsd: number | null;
  savingsAtCurrentVolumeUsd: number | null;
};

function compare(body: Record<string, unknown>) {
  return svc.http.post('/compare').send(body);
}

async function offering(id: string): Promise<OfferingPrices> {
  return (await svc.http.get(`/api-offerings/${id}`).expect(200)).body;
}

const byLabel = (results: Result[], label: string): Result => {
  const r = results.find((x) => x.label === label);
  if (!r) throw new Error(`no result labelled ${label}`);
  return r;
};

describe('POST /compare: results', () => {
  it('answers one result per candidate, in request order, with the given labels and unique default ones', async () => {
    const res = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'api', offering: 'openai-gpt-5' },
        { type: 'self-host', label: 'My Qwen', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', offering: 'openai-gpt-5-mini' },
        { type: 'api', offering: 'openai-gpt-5' },
      ],
    }).expect(200);
    const results = res.body.results as Result[];
    expect(results.map((r) => [r.index, r.type])).toEqual([
      [0, 'api'],
      [1, 'self-host'],
      [2, 'api'],
      [3, 'api'],
    ]);
    expect(results[1]?.label).toBe('My Qwen');
    expect(results[0]?.label).toContain('gpt-5');
    expect(new Set(results.map((r) => r.label)).size).toBe(4);
    // Both gpt-5 entries cost the same.
    expect(results[3]?.monthlyCostUsd).toBe(results[0]?.monthlyCostUsd);
  });

  it('costs a rented self-host candidate exactly as gpus × usdPerGpuHour × 730 + opsUsdPerMonth, with replicas sized for the peak', async () => {
    const price = 2.17;
    const ops = 4321;
    // Batch class: no SLO sizing and no spare replica, so the engine's own capacity rule applies.
    const workload = { ...baseWorkload({ inputTokensPerMonth: 3e10, outputTokensPerMonth: 1e10, peakToAverage: 3 }), class: 'batch' };
    const res = await compare({
      workload,
      candidates: [
        {
          type: 'self-host',
          label: 'llama',
          model: 'llama-3.3-70b',
          hardware: 'nvidia-h100-sxm',
          pricing: { mode: 'cloud', usdPerGpuHour: price },
          assumptions: { opsUsdPerMonth: ops },
        },
      ],
      assumptions: { utilization: 0.7 },
    }).expect(200);
    const r = byLabel(res.body.results, 'llama');
    const d = r.detail;
    expect(r.fits).toBe(true);
    expect(d.assumptions).toMatchObject({ targetUtilization: 0.7, opsUsdPerMonth: ops, usdPerGpuHour: price });
    expect(d.gpusPerReplica).toBeGreaterThan(1);
    expect(d.replicas).toBeGreaterThan(1); // the peak needs several replicas: a meaningful check of the sizing
    expect(d.gpus).toBe(d.replicas * d.gpusPerReplica);
    expect(d.replicas).toBe(replicasForPeak(workload, d.throughput.outputTokensPerSecondPerReplica, 0.7));
    expectRounded(r.monthlyCostUsd, d.gpus * price * HOURS_PER_MONTH + ops, 'cents');
    const totalMtok = (workload.inputTokensPerMonth + workload.outputTokensPerMonth) / 1e6;
    // $/Mtok is shown to 4 significant digits.
    expectClose(r.usdPerMtok.blended, (r.monthlyCostUsd as number) / totalMtok, SHOWN_4SIG);
  });

  it('costs an API candidate from the offering prices, with prompt caching and the batch discount', async () => {
    const o = await offering('openai-gpt-5');
    expect(o.cachedInputUsdPerMtok).not.toBeNull();
    const plain = baseWorkload({ cachedInputShare: 0.3 });
    const batched = { ...plain, batchShare: 0.4 };
    const [a, b] = await Promise.all([
      // Reasoning tokens off: this checks the price arithmetic (capacity-api.test.ts checks reasoning).
      compare({ workload: plain, candidates: [{ type: 'api', offering: 'openai-gpt-5', reasoning: 'none' }] }).expect(200),
      compare({ workload: batched, candidates: [{ type: 'api', offering: 'openai-gpt-5', reasoning: 'none' }] }).expect(200),
    ]);
    const expected =
      (plain.inputTokensPerMonth * 0.7 * o.inputUsdPerMtok +
        plain.inputTokensPerMonth * 0.3 * (o.cachedInputUsdPerMtok as number) +
        plain.outputTokensPerMonth * o.outputUsdPerMtok) /
      1e6;
    expectClose(a.body.results[0].monthlyCostUsd, expected);
    expectClose(b.body.results[0].monthlyCostUsd, expected * (1 - 0.4 * o.batchDiscountFraction));
    expect(o.batchDiscountFraction).toBeGreaterThan(0);
    expectClose(b.body.results[0].detail.pricesApplied.batchMultiplier, 1 - 0.4 * o.batchDiscountFraction);
    expectClose(a.body.results[0].usdPerMtok.output, o.outputUsdPerMtok);
  });

  it('applies the long-context tier prices above the threshold (Gemini 2.5 Pro, 250,000-token prompts)', async () => {
    const o = await offering('google-gemini-2.5-pro');
    expect(o.longContextThresholdTokens).toBeLessThan(250_000);
    const long = baseWorkload({ inputTokensPerRequest: 250_000, cachedInputShare: 0.2 });
    const short = { ...long, inputTokensPerRequest: (o.longContextThresholdTokens as number) - 1 };
    const [l, s] = await Promise.all([
      // Reasoning tokens off: this checks the tier prices (capacity-api.test.ts checks reasoning).
      compare({ workload: long, candidates: [{ type: 'api', offering: 'google-gemini-2.5-pro', reasoning: 'none' }] }).expect(200),
      compare({ workload: short, candidates: [{ type: 'api', offering: 'google-gemini-2.5-pro', reasoning: 'none' }] }).expect(200),
    ]);
    const tierCost =
      (long.inputTokensPerMonth * 0.8 * (o.longContextInputUsdPerMtok as number) +
        long.inputTokensPerMonth * 0.2 * (o.longContextCachedInputUsdPerMtok as number) +
        long.outputTokensPerMonth * (o.longContextOutputUsdPerMtok as number)) /
      1e6;
    expectClose(l.body.results[0].monthlyCostUsd, tierCost);
    expect(l.body.results[0].detail.pricesApplied).toMatchObject({
      longContextTier: true,
      inputUsdPerMtok: o.longContextInputUsdPerMtok,
      outputUsdPerMtok: o.longContextOutputUsdPerMtok,
    });
    expectClose(s.body.results[0].monthlyCostUsd, apiMonthlyCost({ ...o, longContextThresholdTokens: null }, short));
    expect(s.body.results[0].detail.pricesApplied.longContextTier).toBe(false);
    expect(l.body.results[0].monthlyCostUsd).toBeGreaterThan(s.body.results[0].monthlyCostUsd);
  });

  it('names the cheapest costed candidate and gives one break-even entry per self-host × API pair', async () => {
    const res = await compare({
      workload: baseWorkload({ cachedInputShare: 0.2 }),
      candidates: [
        { type: 'api', offering: 'openai-gpt-5' },
        { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', offering: 'openai-gpt-5-mini' },
        { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
        { type: 'api', offering: 'anthropic-claude-haiku-4-5' },
      ],
    }).expect(200);
    const results = res.body.results as Result[];
    const costed = results.filter((r) => r.monthlyCostUsd !== null);
    const min = Math.min(...costed.map((r) => r.monthlyCostUsd as number));
    expect(res.body.cheapest).toBe(costed.find((r) => r.monthlyCostUsd === min)?.label);
    const selfHosts = results.filter((r) => r.type === 'self-host').map((r) => r.label);
    const apis = results.filter((r) => r.type === 'api').map((r) => r.label);
    const pairs = (res.body.breakEven as BreakEven[]).map((b) => `${b.selfHost} | ${b.api}`).sort();
    expect(pairs).toEqual(selfHosts.flatMap((s) => apis.map((a) => `${s} | ${a}`)).sort());
    // Savings at the current volume are API cost − self-host cost.
    for (const b of res.body.breakEven as BreakEven[]) {
      const s = byLabel(results, b.selfHost).monthlyCostUsd as number;
      const a = byLabel(results, b.api).monthlyCostUsd as number;
      expectClose(b.savingsAtCurrentVolumeUsd, a - s, 1e-9);
    }
  });

  it('mentions MoE in the notes when an MoE model is compared, and not otherwise', async () => {
    const withMoe = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
        { type: 'api', offering: 'openai-gpt-5' },
      ],
    }).expect(200);
    const model = (await svc.http.get('/models/gpt-oss-120b').expect(200)).body;
    expect(model.architecture).toBe('moe');
    // The MoE note names the MoE model compared and its active and total parameters.
    const moeNote = (withMoe.body.notes as string[]).find((n) => /\bMoE\b/.test(n) && n.includes(model.name));
    expect(moeNote).toBeDefined();
    expect(moeNote).toContain(`${model.activeParamsB}B`);
    expect(moeNote).toContain(`${model.totalParamsB}B`);
    const dense = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', offering: 'openai-gpt-5' },
      ],
    }).expect(200);
    // Without an MoE candidate no note describes an MoE model's active/total split.
    expect((dense.body.notes as string[]).some((n) => /\bMoE\b/.test(n) && /[\d.]+B of [\d.]+B/.test(n))).toBe(false);
  });
});

describe('POST /compare: break-even', () => {
  // Batch class: a fixed deployment whose replica count alone follows volume. (Interactive sizing
  // re-picks the SLO configuration at each volume; break-even is then that of the deployment sized
  // at the workload's volume, docs/capacity.md.)
  const workload = { ...baseWorkload({ cachedInputShare: 0.2 }), class: 'batch' };
  const price = 0.86;
  const body = {
    workload,
    candidates: [
      { type: 'self-host', label: 'self', model: 'qwen3-8b', hardware: 'nvidia-l40s', pricing: { mode: 'cloud', usdPerGpuHour: price } },
      { type: 'api', label: 'api', offering: 'openai-gpt-5-mini' },
    ],
    assumptions: { opsUsdPerMonth: 5000 },
  };
  const costsAt = async (w: WorkloadInput) => {
    const res = await compare({ ...body, workload: w }).expect(200);
    return { self: byLabel(res.body.results, 'self'), api: byLabel(res.body.results, 'api') };
  };

  it('at the reported volume the two costs agree within one replica step, and self-hosting stays cheaper above it', async () => {
    const res = await compare(body).expect(200);
    const be = res.body.breakEven[0] as BreakEven;
    expect(be.outcome).toBe('breaks-even');
    const v = be.monthlyTokens as number;
    expect(v).toBeGreaterThan(0);
    // Same input/output mix as the workload.
    expectClose((be.monthlyInputTokens as number) + (be.monthlyOutputTokens as number), v);
    expectClose(
      (be.monthlyInputTokens as number) / (be.monthlyOutputTokens as number),
      workload.inputTokensPerMonth / workload.outputTokensPerMonth,
    );

    const at = await costsAt(atVolume(workload, v));
    const replicaCost = at.self.detail.gpusPerReplica * price * HOURS_PER_MONTH;
    expect(Math.abs((at.self.monthlyCostUsd as number) - (at.api.monthlyCostUsd as number))).toBeLessThanOrEqual(replicaCost + 1e-6);
    expectClose(be.monthlyApiSpendUsd, at.api.monthlyCostUsd as number, 1e-9);
    for (const factor of [1.01, 1.5, 3, 10]) {
      const above = await costsAt(atVolume(workload, v * factor));
      expect(above.self.monthlyCostUsd as number, `×${factor}`).toBeLessThanOrEqual(above.api.monthlyCostUsd as number);
    }
  });

  it('is null with outcome "never" when the API is cheaper than any GPU can be', async () => {
    const cheap = offeringBody({ inputUsdPerMtok: 0.0001, cachedInputUsdPerMtok: 0.0001, outputUsdPerMtok: 0.0001 });
    const res = await compare({
      workload,
      candidates: [
        { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', offering: cheap },
      ],
    }).expect(200);
    const be = res.body.breakEven[0] as BreakEven;
    expect(be).toMatchObject({ outcome: 'never', monthlyTokens: null, monthlyApiSpendUsd: null });
    expect(be.savingsAtCurrentVolumeUsd as number).toBeLessThan(0);
  });

  it('reports does-not-fit for a model that does not fit, without a cost', async () => {
    const res = await compare({
      workload,
      candidates: [
        { type: 'self-host', label: 'huge', model: 'deepseek-v3', hardware: 'nvidia-l40s', assumptions: { maxTensorParallel: 1 } },
        { type: 'api', offering: 'openai-gpt-5-mini' },
      ],
    }).expect(200);
    expect(byLabel(res.body.results, 'huge')).toMatchObject({ fits: false, monthlyCostUsd: null });
    expect(res.body.breakEven).toEqual([expect.objectContaining({ selfHost: 'huge', outcome: 'does-not-fit', monthlyTokens: null })]);
    expect(res.body.cheapest).not.toBe('huge');
  });
});

describe('POST /compare: constraints', () => {
  it('excludes models whose licence is not allowed (self-hosted and hosted open-weight), keeping them in order uncosted', async () => {
    const llama = (await svc.http.get('/models/llama-3.3-70b').expect(200)).body;
    expect(llama.license).toBe('custom');
    const res = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'api', label: 'closed', offering: 'openai-gpt-5' },
        { type: 'self-host', label: 'llama', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
        { type: 'self-host', label: 'qwen', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', label: 'hosted llama', offering: 'openrouter-llama-3.3-70b-instruct' },
      ],
      constraints: { licenses: ['Apache-2.0', 'MIT'] },
    }).expect(200);
    const results = res.body.results as Result[];
    expect(results.map((r) => r.label)).toEqual(['closed', 'llama', 'qwen', 'hosted llama']);
    for (const label of ['llama', 'hosted llama']) {
      const r = byLabel(results, label);
      expect(r.monthlyCostUsd).toBeNull();
      expect(r.detail).toBeNull();
      expect(r.excluded?.reason).toContain(llama.license);
      expect(r.excluded?.reason).toContain(llama.licenseName);
    }
    expect(byLabel(results, 'closed').excluded).toBeNull();
    expect(byLabel(results, 'qwen').excluded).toBeNull();
    expect((res.body.breakEven as BreakEven[]).map((b) => [b.selfHost, b.api])).toEqual([['qwen', 'closed']]);
    expect(['closed', 'qwen']).toContain(res.body.cheapest);
  });

  it('with requireIso42001 keeps certified models (Granite) and excludes closed APIs and uncertified models', async () => {
    const granite = (await svc.http.get('/models/granite-4.0-h-small').expect(200)).body;
    expect(granite.iso42001Certified).toBe(true);
    const res = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'api', label: 'closed', offering: 'openai-gpt-5' },
        { type: 'self-host', label: 'granite', model: 'granite-4.0-h-small', hardware: 'nvidia-h100-sxm' },
        { type: 'self-host', label: 'qwen', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'api', label: 'hosted granite', offering: 'openrouter-granite-4.0-h-micro' },
      ],
      constraints: { requireIso42001: true },
    }).expect(200);
    const results = res.body.results as Result[];
    expect(byLabel(results, 'closed').excluded?.reason).toMatch(/42001/);
    expect(byLabel(results, 'qwen').excluded?.reason).toMatch(/42001/);
    expect(byLabel(results, 'granite')).toMatchObject({ excluded: null, fits: true });
    expect(byLabel(results, 'hosted granite').excluded).toBeNull();
    expect(byLabel(results, 'granite').monthlyCostUsd).toBeGreaterThan(0);
    expect((res.body.breakEven as BreakEven[]).map((b) => [b.selfHost, b.api])).toEqual([['granite', 'hosted granite']]);
  });
});

describe('POST /compare: inline profiles', () => {
  it('accepts inline model, hardware and offering profiles and prices them from their own fields', async () => {
    const hw = hardwareBody({ usdPerGpuHour: 1.9 });
    const model = modelBody();
    const api = offeringBody({ inputUsdPerMtok: 0.4, cachedInputUsdPerMtok: 0.1, outputUsdPerMtok: 1.6, batchDiscountFraction: 0.5 });
    const workload = baseWorkload({ cachedInputShare: 0.25, batchShare: 0.2 });
    const res = await compare({
      workload,
      candidates: [
        { type: 'self-host', label: 'what-if', model, hardware: hw },
        { type: 'api', label: 'what-if api', offering: api },
      ],
    }).expect(200);
    const self = byLabel(res.body.results, 'what-if');
    expect(self.fits).toBe(true);
    expect(self.detail.assumptions.usdPerGpuHour).toBe(1.9);
    expectClose(self.monthlyCostUsd, self.detail.gpus * 1.9 * HOURS_PER_MONTH, 1e-12);
    expectClose(byLabel(res.body.results, 'what-if api').monthlyCostUsd, apiMonthlyCost(api as unknown as OfferingPrices, workload));
    const uses = res.body.profiles as { kind: string; id: string | null; version: number | null }[];
    for (const kind of ['model', 'hardware', 'apiOffering']) {
      expect(uses).toContainEqual(expect.objectContaining({ kind, id: null, version: null }));
    }
  });
});

describe('POST /compare: errors and representations', () => {
  it('lists every unknown id of the request in one 422', async () => {
    const res = await compare({
      workload: baseWorkload(),
      candidates: [
        { type: 'api', offering: 'openai-gpt-5' },
        { type: 'self-host', model: 'qwen3-8b', hardware: 'no-such-gpu' },
        { type: 'self-host', model: 'no-such-model', hardware: 'nvidia-l40s' },
        { type: 'api', offering: 'no-such-offering' },
      ],
    });
    const errors = expectProblem(res, 422, ['candidates.1.hardware', 'candidates.2.model', 'candidates.3.offering']);
    expect(errors.find((e) => e.field === 'candidates.1.hardware')?.message).toContain('no-such-gpu');
    expect(errors.find((e) => e.field === 'candidates.3.offering')?.message).toContain('no-such-offering');
  });

  it('answers 400 naming the field for an invalid body', async () => {
    expectProblem(await compare({ workload: baseWorkload(), candidates: [] }), 400, ['candidates']);
    expectProblem(
      await compare({ workload: baseWorkload({ outputTokensPerMonth: 0 }), candidates: [{ type: 'api', offering: 'openai-gpt-5' }] }),
      400,
      ['workload.outputTokensPerMonth'],
    );
    expectProblem(
      await compare({ workload: { ...baseWorkload(), extra: 1 }, candidates: [{ type: 'api', offering: 'openai-gpt-5' }] }),
      400,
      ['workload.extra'],
    );
  });

  it('answers text/csv with a header and one row per candidate when asked, matching the JSON figures', async () => {
    const body = {
      workload: baseWorkload(),
      candidates: [
        { type: 'api', offering: 'openai-gpt-5' },
        { type: 'self-host', label: 'Mine, "quoted"', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
        { type: 'self-host', label: 'llama', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
      ],
      constraints: { licenses: ['Apache-2.0'] },
    };
    const [json, csv] = await Promise.all([
      compare(body).expect(200),
      svc.http.post('/compare').set('accept', 'text/csv').send(body).buffer(true).parse(asText).expect(200),
    ]);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const { header, records } = csvRecords(csv.body as string);
    expect(header).toEqual(expect.arrayContaining(['index', 'label', 'type', 'excluded', 'monthlyCostUsd']));
    expect(records).toHaveLength(body.candidates.length);
    (json.body.results as Result[]).forEach((r, i) => {
      const row = records[i] as Record<string, string>;
      expect(Number(row.index)).toBe(r.index);
      expect(row.label).toBe(r.label);
      expect(row.type).toBe(r.type);
      expect(row.monthlyCostUsd === '' ? null : Number(row.monthlyCostUsd)).toBe(r.monthlyCostUsd);
      expect(row.excluded).toBe(r.excluded?.reason ?? '');
    });
    expect(records[1]?.label).toBe('Mine, "quoted"');
  });

  it('answers 406 problem+json for a media type it cannot produce', async () => {
    const res = await svc.http
      .post('/compare')
      .set('accept', 'image/png')
      .send({ workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5' }] });
    expectProblem(res, 406);
  });
});
