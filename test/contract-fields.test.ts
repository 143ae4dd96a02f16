import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { batchItems } from './helpers/comparison.js';

/** Issue 12 item 1: sizing fields at the top level of every result, indexes beside labels, CSV break-even columns. */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const body = {
  workload: { inputTokensPerMonth: 6e9, outputTokensPerMonth: 2e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' },
    { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm' },
    { type: 'api', offering: 'openai-gpt-5-mini' },
  ],
  constraints: { licenses: ['Apache-2.0'] },
};

interface Result {
  index: number;
  label: string;
  type: 'api' | 'self-host';
  excluded: { reason: string } | null;
  monthlyCostUsd: number | null;
  gpus: number | null;
  gpusPerReplica: number | null;
  replicas: number | null;
  outputTokensPerSecondPerUser: number | null;
  bottleneck: string | null;
  detail: {
    gpus: number;
    gpusPerReplica: number;
    replicas: number;
    throughput: { outputTokensPerSecondPerUser: number; bottleneck: string };
  } | null;
}
interface Pair {
  selfHost: string;
  selfHostIndex: number;
  api: string;
  apiIndex: number;
  outcome: string;
  monthlyTokens: number | null;
  paybackMonths: number | null;
}
interface Compare {
  results: Result[];
  cheapest: string | null;
  cheapestIndex: number | null;
  breakEven: Pair[];
  hybrid: Pair[];
}

function checkSizing(result: Compare) {
  const [api, gptOss, llama, mini] = result.results as [Result, Result, Result, Result];
  // gpt-oss-120b (Apache-2.0) on H100 is costed: top-level sizing is set and consistent.
  expect(gptOss.excluded).toBeNull();
  expect(gptOss.gpusPerReplica).toBeGreaterThanOrEqual(1);
  expect(gptOss.replicas).toBeGreaterThanOrEqual(1);
  expect(gptOss.gpus).toBe((gptOss.gpusPerReplica as number) * (gptOss.replicas as number));
  expect(gptOss.outputTokensPerSecondPerUser).toBeGreaterThan(0);
  // The workload is interactive (default): SLO sizing capped the concurrency below what memory
  // allows, so the service level is what binds (docs/cost-model.md, Bottleneck).
  expect(gptOss.bottleneck).toBe('latency-target');
  // Llama's licence is not Apache-2.0: excluded, so no sizing; API offerings have none either.
  expect(llama.excluded).not.toBeNull();
  for (const r of [api, llama, mini]) {
    expect([r.gpus, r.gpusPerReplica, r.replicas, r.outputTokensPerSecondPerUser, r.bottleneck]).toEqual([null, null, null, null, null]);
  }
  // cheapestIndex names the costed result with the lowest monthly cost, the one `cheapest` labels.
  const costed = result.results.filter((r) => r.monthlyCostUsd !== null);
  const min = Math.min(...costed.map((r) => r.monthlyCostUsd as number));
  const cheapest = result.results[result.cheapestIndex as number] as Result;
  expect(cheapest.monthlyCostUsd).toBe(min);
  expect(cheapest.label).toBe(result.cheapest);
  // One break-even and one hybrid entry per included self-host × API pair: (1,0) and (1,3), indexes matching labels.
  for (const pairs of [result.breakEven, result.hybrid]) {
    expect(pairs.map((p) => [p.selfHostIndex, p.apiIndex])).toEqual([
      [1, 0],
      [1, 3],
    ]);
    for (const p of pairs) {
      expect(p.selfHost).toBe(result.results[p.selfHostIndex]?.label);
      expect(p.api).toBe(result.results[p.apiIndex]?.label);
    }
  }
  return gptOss;
}

describe('top-level sizing fields and candidate indexes', () => {
  it('POST /compare: full detail agrees with the top-level fields', async () => {
    const full: Compare = (await svc.http.post('/compare').send(body).expect(200)).body;
    const gptOss = checkSizing(full);
    const d = gptOss.detail as NonNullable<Result['detail']>;
    expect([gptOss.gpus, gptOss.gpusPerReplica, gptOss.replicas]).toEqual([d.gpus, d.gpusPerReplica, d.replicas]);
    expect(gptOss.outputTokensPerSecondPerUser).toBe(d.throughput.outputTokensPerSecondPerUser);
    expect(gptOss.bottleneck).toBe(d.throughput.bottleneck);
  });

  it('POST /compare?detail=none keeps them', async () => {
    const compact: Compare = (await svc.http.post('/compare?detail=none').send(body).expect(200)).body;
    expect(compact.results.every((r) => r.detail === null)).toBe(true);
    checkSizing(compact);
  });

  it('POST /compare/batch carries them on every line', async () => {
    const res = await svc.http
      .post('/compare/batch?detail=none')
      .send({ items: [body] })
      .expect(200);
    const [line] = batchItems<{ ok: boolean; result: Compare }>(res.text);
    expect(line?.ok).toBe(true);
    checkSizing((line as { result: Compare }).result);
  });

  it('a self-host model that does not fit keeps gpusPerReplica and memory-capacity, no gpus/replicas', async () => {
    // Llama 3.3 70B in bf16 is ~141 GB of weights (70.6e9 × 2 bytes): it cannot fit one 80 GB H100.
    const oneGpu = {
      workload: body.workload,
      candidates: [
        { type: 'api', offering: 'openai-gpt-5' },
        { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', precision: 'bf16', gpus: 1 },
      ],
    };
    const res = await svc.http.post('/compare?detail=none').send(oneGpu).expect(200);
    const r = res.body.results[1] as Result & { fits: boolean };
    expect(r.fits).toBe(false);
    expect(r.monthlyCostUsd).toBeNull();
    expect([r.gpus, r.replicas, r.outputTokensPerSecondPerUser]).toEqual([null, null, null]);
    expect(r.gpusPerReplica).toBe(1);
    expect(r.bottleneck).toBe('memory-capacity');
    expect(res.body.breakEven[0]).toMatchObject({ selfHostIndex: 1, apiIndex: 0, outcome: 'does-not-fit' });
  });
});

describe('CSV break-even columns', () => {
  it('each row reports its pair with the cheapest costed candidate of the other kind', async () => {
    const json: Compare = (await svc.http.post('/compare').send(body).expect(200)).body;
    const res = await svc.http.post('/compare').set('accept', 'text/csv').send(body).expect(200);
    const [header, ...rows] = res.text
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    const col = (name: string) => (header as string[]).indexOf(name);
    for (const name of [
      'gpus',
      'gpusPerReplica',
      'replicas',
      'bottleneck',
      'breakEvenVsIndex',
      'breakEvenOutcome',
      'breakEvenMonthlyTokens',
    ]) {
      expect(col(name)).toBeGreaterThanOrEqual(0);
    }
    const [api, gptOss, llama, mini] = json.results as [Result, Result, Result, Result];
    const cheaperApi = (api.monthlyCostUsd as number) <= (mini.monthlyCostUsd as number) ? api : mini;
    const pair = json.breakEven.find((p) => p.apiIndex === cheaperApi.index) as Pair;
    const row = (i: number) => rows[i] as string[];
    // Self-host row: against the cheaper API.
    expect(row(1)[col('breakEvenVsIndex')]).toBe(String(cheaperApi.index));
    expect(row(1)[col('breakEvenOutcome')]).toBe(pair.outcome);
    expect(row(1)[col('breakEvenMonthlyTokens')]).toBe(pair.monthlyTokens === null ? '' : String(pair.monthlyTokens));
    expect(row(1)[col('gpus')]).toBe(String(gptOss.gpus));
    // API rows: against the only costed self-host (index 1); the excluded row has none.
    expect(row(0)[col('breakEvenVsIndex')]).toBe('1');
    expect(row(3)[col('breakEvenVsIndex')]).toBe('1');
    expect(row(2)[col('breakEvenVsIndex')]).toBe('');
    expect(llama.excluded).not.toBeNull();
  });
});
