import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { expectClose, expectProblem, SHOWN_4SIG } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const shape = { inputTokens: 1000, outputTokens: 500 };
/** Bytes per weight of each precision used below (bf16 = 2, fp8 = 1). */
const BYTES = { bf16: 2, fp8: 1 } as const;

function estimate(body: Record<string, unknown>) {
  return svc.http.post('/estimates').send(body);
}

/** A stored profile without its storage fields, usable as an inline profile. */
async function inlineCopy(path: string): Promise<Record<string, unknown>> {
  const { body } = await svc.http.get(path).expect(200);
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...rest } = body;
  return rest;
}

describe('POST /estimates', () => {
  it('README example (Llama 3.3 70B fp8 on H100): memory capacity binds at 1 GPU, and the recommended size is the one /compare costs', async () => {
    const body = {
      model: 'llama-3.3-70b',
      hardware: 'nvidia-h100-sxm',
      precision: 'fp8',
      inputTokens: 2000,
      outputTokens: 500,
      minOutputTokensPerSecondPerUser: 20,
    };
    const b = (await estimate(body).expect(200)).body;
    expect(b).toMatchObject({ fits: true, gpus: 1, concurrencySelection: 'target', targetsMet: true });
    // The KV cache holds 4 sequences of 2,500 tokens: memory, not the 20 tokens/s target, set the concurrency.
    expect(b.concurrency).toBe(b.memory.maxSequencesByMemory);
    expect(b.concurrencyReason).toBe('memory-capacity');
    expect(b.bottleneck).toBe('memory-capacity');
    expect(b.recommendedTensorParallel).toBeGreaterThan(1);
    expect(b.recommended.gpus).toBe(b.recommendedTensorParallel);
    expect(b.recommended.outputTokensPerSecondPerGpu).toBeGreaterThan(b.outputTokensPerSecondPerGpu);
    // /compare, batch class (no SLO sizing), same request shape and target: the same replica size.
    const workload = {
      inputTokensPerMonth: 1e9,
      outputTokensPerMonth: 2.5e8,
      inputTokensPerRequest: 2000,
      outputTokensPerRequest: 500,
      class: 'batch',
    };
    const candidate = {
      type: 'self-host',
      model: 'llama-3.3-70b',
      hardware: 'nvidia-h100-sxm',
      precision: 'fp8',
      minOutputTokensPerSecondPerUser: 20,
    };
    const compared = (
      await svc.http
        .post('/compare')
        .send({ workload, candidates: [candidate] })
        .expect(200)
    ).body;
    expect(compared.results[0].gpusPerReplica).toBe(b.recommendedTensorParallel);
    expect(compared.results[0].detail.concurrency).toBe(b.recommended.concurrency);
    // Given the recommended size, /estimates reports it as both sizes.
    const atRec = (await estimate({ ...body, gpus: b.recommendedTensorParallel }).expect(200)).body;
    expect(atRec.gpus).toBe(b.recommendedTensorParallel);
    expect(atRec.recommendedTensorParallel).toBe(b.recommendedTensorParallel);
    expect(atRec.outputTokensPerSecondPerGpu).toBe(b.recommended.outputTokensPerSecondPerGpu);
    expect(atRec.bottleneck).toBe(b.recommended.bottleneck);
  });

  it('a model that does not fit has no concurrency reason and no recommended size', async () => {
    const b = (
      await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', ...shape, assumptions: { maxTensorParallel: 1 } }).expect(200)
    ).body;
    expect(b).toMatchObject({
      fits: false,
      bottleneck: 'memory-capacity',
      concurrencyReason: null,
      recommendedTensorParallel: null,
      recommended: null,
    });
  });

  it('sizes a stored model on stored hardware, with throughput figures that agree with each other', async () => {
    const res = await estimate({
      model: 'qwen3-8b',
      hardware: 'nvidia-h100-sxm',
      ...shape,
      assumptions: { gpuMemoryUtilization: 0.85, maxConcurrentSequences: 64 },
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const b = res.body;
    expect(b.fits).toBe(true);
    expect(Number.isInteger(b.gpus) && b.gpus >= 1).toBe(true);
    expect(Number.isInteger(b.concurrency) && b.concurrency >= 1).toBe(true);
    // Without a target the concurrency is the largest memory and the engine limit allow.
    expect(b.concurrency).toBeLessThanOrEqual(64);
    expect(b.concurrencySelection).toBe('max-throughput');
    expect(b.targetsMet).toBeNull();
    // Rates are shown to 4 significant digits: the relations hold within that rounding.
    expectClose(b.outputTokensPerSecond, b.outputTokensPerSecondPerGpu * b.gpus, SHOWN_4SIG);
    expectClose(b.outputTokensPerSecond, b.outputTokensPerSecondPerUser * b.concurrency, SHOWN_4SIG);
    expectClose(b.timePerOutputTokenSeconds, 1 / b.outputTokensPerSecondPerUser, SHOWN_4SIG);
    expectClose(b.requestsPerSecond, b.outputTokensPerSecond / shape.outputTokens, SHOWN_4SIG);
    expect(b.timeToFirstTokenSeconds).toBeGreaterThan(0);
    expect(b.throughputSource).toBe('model');
    // The overrides given are echoed among the assumptions used.
    expect(b.assumptions).toMatchObject({ gpuMemoryUtilization: 0.85, maxConcurrentSequences: 64 });
    expectClose(b.memory.usableGbPerGpu, 80 * 0.85);
    expect(Array.isArray(b.warnings)).toBe(true);
    for (const w of b.warnings) expect(w).toEqual({ code: expect.any(String), message: expect.any(String) });
    expect(b.profiles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'model', id: 'qwen3-8b', version: 1 }),
        expect.objectContaining({ kind: 'hardware', id: 'nvidia-h100-sxm', version: 1 }),
      ]),
    );
  });

  it('without gpus picks the smallest group that holds the model (a 70B bf16 model needs more than one 80 GB GPU)', async () => {
    const model = (await svc.http.get('/models/llama-3.3-70b').expect(200)).body;
    const gpu = (await svc.http.get('/hardware/nvidia-h100-sxm').expect(200)).body;
    expect(model.nativeWeightPrecision).toBe('bf16');
    const weightsGb = model.totalParamsB * BYTES.bf16;
    const res = await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', ...shape }).expect(200);
    expect(res.body.fits).toBe(true);
    expect(res.body.gpus).toBeGreaterThan(1);
    expectClose(res.body.memory.weightsGb, weightsGb);
    expect(res.body.gpus * gpu.memoryGb * 0.9).toBeGreaterThan(weightsGb);
    // Every smaller tensor-parallel group (powers of two) is too small.
    for (let tp = 1; tp < res.body.gpus; tp *= 2) {
      const smaller = await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', ...shape, gpus: tp }).expect(200);
      expect(smaller.body.fits, `gpus ${tp}`).toBe(false);
    }
    // fp8 weights take half the memory.
    const fp8 = await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', ...shape, precision: 'fp8' }).expect(200);
    expectClose(fp8.body.memory.weightsGb, model.totalParamsB * BYTES.fp8);
    expect(fp8.body.gpus).toBeLessThanOrEqual(res.body.gpus);
  });

  it('answers fits:false with bottleneck memory-capacity and a does-not-fit warning for a model too large', async () => {
    const res = await estimate({
      model: 'deepseek-v3',
      hardware: 'nvidia-l40s',
      gpus: 1,
      ...shape,
      assumptions: { maxTensorParallel: 1 },
    }).expect(200);
    expect(res.body).toMatchObject({
      fits: false,
      gpus: 1,
      bottleneck: 'memory-capacity',
      concurrency: null,
      outputTokensPerSecond: null,
      outputTokensPerSecondPerUser: null,
    });
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toContain('does-not-fit');
  });

  it('with minOutputTokensPerSecondPerUser picks the largest concurrency that meets the target', async () => {
    const base = await estimate({ model: 'qwen3-8b', hardware: 'nvidia-h100-sxm', ...shape }).expect(200);
    const target = 60;
    // The target binds: at the throughput-maximising concurrency users get less than it.
    expect(base.body.outputTokensPerSecondPerUser).toBeLessThan(target);
    const res = await estimate({
      model: 'qwen3-8b',
      hardware: 'nvidia-h100-sxm',
      ...shape,
      minOutputTokensPerSecondPerUser: target,
    }).expect(200);
    expect(res.body.outputTokensPerSecondPerUser).toBeGreaterThanOrEqual(target);
    expect(res.body.concurrency).toBeLessThan(base.body.concurrency);
    expect(res.body).toMatchObject({ concurrencySelection: 'target', targetsMet: true });
    // One more concurrent sequence would miss the target.
    const above = await estimate({
      model: 'qwen3-8b',
      hardware: 'nvidia-h100-sxm',
      ...shape,
      concurrency: res.body.concurrency + 1,
    }).expect(200);
    expect(above.body.concurrencySelection).toBe('given');
    expect(above.body.outputTokensPerSecondPerUser).toBeLessThan(target);
  });

  it('accepts an inline (what-if) hardware profile: a copy of a stored GPU estimates the same, more memory needs fewer GPUs', async () => {
    const h100 = await inlineCopy('/hardware/nvidia-h100-sxm');
    const stored = await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', ...shape }).expect(200);
    const copy = await estimate({ model: 'llama-3.3-70b', hardware: h100, ...shape }).expect(200);
    expect(copy.body.gpus).toBe(stored.body.gpus);
    expect(copy.body.concurrency).toBe(stored.body.concurrency);
    expect(copy.body.outputTokensPerSecond).toBe(stored.body.outputTokensPerSecond);
    expect(copy.body.profiles).toContainEqual(expect.objectContaining({ kind: 'hardware', id: null, version: null }));

    // 160 GB × 0.9 = 144 GB usable holds the 140 GB of weights on one GPU.
    const big = hardwareBody({ name: 'What-if 160GB', memoryGb: 160 });
    const whatIf = await estimate({ model: 'llama-3.3-70b', hardware: big, ...shape }).expect(200);
    expect(whatIf.body.fits).toBe(true);
    expect(whatIf.body.gpus).toBe(1);
    expectClose(whatIf.body.memory.usableGbPerGpu, 160 * 0.9);
  });

  it('answers 422 problem+json naming the field and the id for unknown profile ids', async () => {
    const res = await estimate({ model: 'no-such-model', hardware: 'nvidia-h100-sxm', ...shape });
    const [problem] = expectProblem(res, 422, ['model']);
    expect(problem?.message).toContain('no-such-model');
    const both = await estimate({ model: 'no-such-model', hardware: 'no-such-gpu', ...shape });
    const errors = expectProblem(both, 422, ['model', 'hardware']);
    expect(errors.find((e) => e.field === 'hardware')?.message).toContain('no-such-gpu');
  });

  it('answers 400 naming the field for an invalid body', async () => {
    expectProblem(await estimate({ model: 'qwen3-8b', hardware: 'nvidia-h100-sxm', inputTokens: 0, outputTokens: 500 }), 400, [
      'inputTokens',
    ]);
    expectProblem(await estimate({ model: 'qwen3-8b', hardware: 'nvidia-h100-sxm', ...shape, assumptions: { utilization: 2 } }), 400, [
      'assumptions.utilization',
    ]);
    expectProblem(await estimate({ model: 'qwen3-8b', hardware: 'nvidia-h100-sxm', ...shape, bogus: true }), 400, ['bogus']);
    expectProblem(await estimate({ hardware: 'nvidia-h100-sxm', ...shape }), 400, ['model']);
  });

  it('discounts vendor-claim hardware by the vendor-claim realisation and warns', async () => {
    const res = await estimate({ model: 'llama-3.3-70b', hardware: 'nvidia-vera-rubin-nvl72', ...shape }).expect(200);
    expect(res.body.warnings.map((w: { code: string }) => w.code)).toContain('vendor-claim-hardware');
    expect(res.body.assumptions.realisationFactor).toBe(0.5);
    const tuned = await estimate({
      model: 'llama-3.3-70b',
      hardware: 'nvidia-vera-rubin-nvl72',
      ...shape,
      assumptions: { vendorClaimRealisation: 0.7 },
    }).expect(200);
    expect(tuned.body.assumptions.realisationFactor).toBe(0.7);
    // vendorClaimRealisation does not touch measured hardware.
    const h100 = await estimate({
      model: 'llama-3.3-70b',
      hardware: 'nvidia-h100-sxm',
      ...shape,
      assumptions: { vendorClaimRealisation: 0.7 },
    }).expect(200);
    expect(h100.body.assumptions.realisationFactor).toBe(1);
    expect(h100.body.warnings.map((w: { code: string }) => w.code)).not.toContain('vendor-claim-hardware');
  });
});
