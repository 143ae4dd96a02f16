import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { expectClose, expectProblem, SHOWN_4SIG } from './helpers/comparison.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const base = { model: 'qwen3-8b', hardware: 'nvidia-h100-sxm', inputTokens: 1000, outputTokens: 500, concurrency: 4 };

describe('engine inputs of issue 14 over HTTP (/estimates)', () => {
  it('speculative decoding: echoed in the assumptions; per-user speed = tokens per step ÷ step time', async () => {
    const assumptions = { speculativeTokens: 3, draftAcceptanceRate: 0.5, draftCostShare: 0.1 };
    const on = (
      await svc.http
        .post('/estimates')
        .send({ ...base, assumptions })
        .expect(200)
    ).body;
    const off = (await svc.http.post('/estimates').send(base).expect(200)).body;
    expect(on.assumptions).toMatchObject(assumptions);
    expect(off.assumptions).toMatchObject({ speculativeTokens: 0, attentionDataParallel: false, prefillChunkTokens: 8192 });
    // τ = 1 + 0.5 + 0.25 + 0.125 = 1.875 tokens per step
    expect(on.outputTokensPerSecondPerUser).toBeGreaterThan(off.outputTokensPerSecondPerUser);
    expect(on.outputTokensPerSecondPerUser).toBeLessThan(1.875 * off.outputTokensPerSecondPerUser);
    expectClose(on.outputTokensPerSecond, on.outputTokensPerSecondPerUser * on.concurrency, SHOWN_4SIG);
  });

  it('attention data parallelism and the prefill chunk are accepted and echoed', async () => {
    const assumptions = { attentionDataParallel: true, prefillChunkTokens: 2048, tpComputeLossPerDoubling: 0.1 };
    const res = await svc.http
      .post('/estimates')
      .send({ ...base, assumptions })
      .expect(200);
    expect(res.body.assumptions).toMatchObject(assumptions);
  });

  it.each([
    [{ speculativeTokens: 17 }, 'assumptions.speculativeTokens'],
    [{ speculativeTokens: 1.5 }, 'assumptions.speculativeTokens'],
    [{ draftAcceptanceRate: 1.2 }, 'assumptions.draftAcceptanceRate'],
    [{ draftCostShare: -0.1 }, 'assumptions.draftCostShare'],
    [{ attentionDataParallel: 'yes' }, 'assumptions.attentionDataParallel'],
    [{ prefillChunkTokens: 0 }, 'assumptions.prefillChunkTokens'],
    [{ tpComputeLossPerDoubling: 1 }, 'assumptions.tpComputeLossPerDoubling'],
  ])('rejects %j with a 400 naming %s', async (assumptions, field) => {
    const res = await svc.http.post('/estimates').send({ ...base, assumptions });
    expectProblem(res, 400, [field]);
  });
});
