import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { expectClose, expectProblem, expectRounded, SHOWN_4SIG } from './helpers/comparison.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

function project(body: Record<string, unknown>) {
  return svc.http.post('/projections').send(body);
}

const baseline = { low: 5, high: 15 };

describe('POST /projections', () => {
  it('compounds hardware and architecture multipliers, each discounted by its realisation (the analysis example)', async () => {
    const hw = { low: 10, high: 10, realisation: 0.5 };
    const arch = { low: 5, high: 7 };
    const res = await project({ baselineUsdPerMtok: baseline, hardware: hw, architecture: arch }).expect(200);
    const b = res.body;
    // nominal = hardware × architecture
    expect(b.nominalMultiplier).toEqual({ low: hw.low * arch.low, high: hw.high * arch.high });
    expect(b.nominalMultiplier).toEqual({ low: 50, high: 70 });
    // realised = (hardware × 0.5) × (architecture × 1); central = midpoint
    const realisedLow = hw.low * hw.realisation * arch.low;
    const realisedHigh = hw.high * hw.realisation * arch.high;
    const central = (realisedLow + realisedHigh) / 2;
    expect(central).toBe(30);
    expect(b.realisedMultiplier).toEqual({ low: realisedLow, high: realisedHigh, central });
    expect(b.combinedFactor).toBe(central);
    expect(b.hardwareRealisation).toBe(0.5);
    expect(b.architectureRealisation).toBe(1);
    expect(b.architectureMultiplier).toEqual({ low: arch.low, high: arch.high });
    // $5–$15 ÷ 30 = $0.1667–$0.50 per Mtok
    // $/Mtok is shown to 4 significant digits.
    expectRounded(b.projectedAtCentralUsdPerMtok.low, baseline.low / central, 'sig4');
    expectRounded(b.projectedAtCentralUsdPerMtok.high, baseline.high / central, 'sig4');
    expect(b.projectedAtCentralUsdPerMtok.low).toBe(0.1667);
    expect(b.projectedAtCentralUsdPerMtok.high).toBeCloseTo(0.5, 10);
    // Widest range: low ÷ realised high … high ÷ realised low
    expectRounded(b.projectedRangeUsdPerMtok.low, baseline.low / realisedHigh, 'sig4');
    expectRounded(b.projectedRangeUsdPerMtok.high, baseline.high / realisedLow, 'sig4');
    expect(b.steps.length).toBeGreaterThan(0);
    for (const s of b.steps) expect(typeof s).toBe('string');
  });

  it('defaults the hardware realisation to 0.5 (a vendor claim) and the architecture realisation to 1', async () => {
    const res = await project({ baselineUsdPerMtok: baseline, hardware: { low: 4, high: 4 }, architecture: { low: 2, high: 2 } }).expect(
      200,
    );
    expect(res.body).toMatchObject({ hardwareRealisation: 0.5, architectureRealisation: 1 });
    expect(res.body.realisedMultiplier.central).toBe(4 * 0.5 * 2);
    const explicit = await project({
      baselineUsdPerMtok: baseline,
      hardware: { low: 4, high: 4, realisation: 1 },
      architecture: { low: 2, high: 2, realisation: 0.25 },
    }).expect(200);
    expect(explicit.body.realisedMultiplier.central).toBe(4 * 1 * 2 * 0.25);
  });

  it('takes the architecture multiplier of a named model from the engine; total ÷ active is only the nominal bound', async () => {
    const model = (await svc.http.get('/models/gemma-4-26b-a4b').expect(200)).body;
    expect(model.architecture).toBe('moe');
    const ratio = model.totalParamsB / model.activeParamsB;
    const res = await project({
      baselineUsdPerMtok: baseline,
      hardware: { low: 10, high: 10 },
      architecture: { model: 'gemma-4-26b-a4b' },
    }).expect(200);
    const b = res.body;
    expect(b.architectureBasis).toMatchObject({
      model: 'gemma-4-26b-a4b',
      reference: 'dense-equivalent',
      referenceHardware: 'nvidia-h100-sxm',
      inputTokens: 1000,
      outputTokens: 1000,
    });
    expectRounded(b.architectureBasis.nominalTotalOverActive, ratio, 'sig4');
    // Multipliers and rates are shown to 4 significant digits: relations between them hold within that.
    const m = b.architectureBasis.modelTokensPerSecondPerGpu / b.architectureBasis.referenceTokensPerSecondPerGpu;
    expectClose(b.architectureMultiplier.low, m, SHOWN_4SIG);
    expectClose(b.architectureMultiplier.high, m, SHOWN_4SIG);
    // Memory-bound decode reads nearly every expert at the KV-limited batch: far below 6.6x.
    expect(m).toBeGreaterThan(0.9);
    expect(m).toBeLessThan(ratio / 2);
    const central = 10 * 0.5 * m;
    expectClose(b.realisedMultiplier.central, central, SHOWN_4SIG);
    expectClose(b.projectedAtCentralUsdPerMtok.low, baseline.low / central, 2 * SHOWN_4SIG);
    expectClose(b.projectedAtCentralUsdPerMtok.high, baseline.high / central, 2 * SHOWN_4SIG);
    expect(Array.isArray(b.steps) && b.steps.length > 0).toBe(true);
    expect(b.steps.every((s: unknown) => typeof s === 'string' && s.length > 0)).toBe(true);
  });

  it('against Gemma 4 31B dense, the multiplier equals the ratio of the /estimates per-GPU throughputs (one engine, one answer)', async () => {
    const shape = { hardware: 'nvidia-b200-hgx', inputTokens: 2000, outputTokens: 500 };
    const moe = (
      await svc.http
        .post('/estimates')
        .send({ model: 'gemma-4-26b-a4b', ...shape })
        .expect(200)
    ).body;
    const dense = (
      await svc.http
        .post('/estimates')
        .send({ model: 'gemma-4-31b', ...shape })
        .expect(200)
    ).body;
    const res = await project({
      baselineUsdPerMtok: baseline,
      hardware: { low: 1, high: 1, realisation: 1 },
      architecture: {
        model: 'gemma-4-26b-a4b',
        reference: 'gemma-4-31b',
        referenceHardware: 'nvidia-b200-hgx',
        inputTokens: 2000,
        outputTokens: 500,
      },
    }).expect(200);
    // Both routes show rates to 4 significant digits; the multiplier is their unrounded ratio, shown to 4.
    expectClose(res.body.architectureMultiplier.low, moe.outputTokensPerSecondPerGpu / dense.outputTokensPerSecondPerGpu, SHOWN_4SIG);
    expect(res.body.architectureBasis.modelTokensPerSecondPerGpu).toBe(moe.outputTokensPerSecondPerGpu);
    expect(res.body.architectureBasis.referenceTokensPerSecondPerGpu).toBe(dense.outputTokensPerSecondPerGpu);
  });

  it('answers 422 naming architecture.reference / architecture.referenceHardware for unknown profiles', async () => {
    const body = { baselineUsdPerMtok: baseline, hardware: { low: 10, high: 10 } };
    expectProblem(await project({ ...body, architecture: { model: 'gemma-4-26b-a4b', reference: 'nope' } }), 422, [
      'architecture.reference',
    ]);
    expectProblem(await project({ ...body, architecture: { model: 'gemma-4-26b-a4b', referenceHardware: 'nope' } }), 422, [
      'architecture.referenceHardware',
    ]);
  });

  it('answers 422 naming architecture.model for an unknown model', async () => {
    const res = await project({ baselineUsdPerMtok: baseline, hardware: { low: 10, high: 10 }, architecture: { model: 'no-such-model' } });
    const [problem] = expectProblem(res, 422, ['architecture.model']);
    expect(problem?.message).toContain('no-such-model');
  });

  it('refuses a range whose high is below its low, naming the field', async () => {
    const cases = [
      {
        body: { baselineUsdPerMtok: { low: 15, high: 5 }, hardware: { low: 10, high: 10 }, architecture: { low: 5, high: 7 } },
        field: 'baselineUsdPerMtok.high',
      },
      { body: { baselineUsdPerMtok: baseline, hardware: { low: 10, high: 2 }, architecture: { low: 5, high: 7 } }, field: 'hardware.high' },
      {
        body: { baselineUsdPerMtok: baseline, hardware: { low: 10, high: 10 }, architecture: { low: 7, high: 5 } },
        field: 'architecture.high',
      },
    ];
    for (const { body, field } of cases) {
      const res = await project(body);
      expect([400, 422]).toContain(res.status);
      expectProblem(res, res.status, [field]);
    }
  });

  it('answers 400 naming the field for an invalid body', async () => {
    expectProblem(
      await project({ baselineUsdPerMtok: baseline, hardware: { low: 10, high: 10, realisation: 1.5 }, architecture: { low: 5, high: 7 } }),
      400,
      ['hardware.realisation'],
    );
    expectProblem(
      await project({ baselineUsdPerMtok: { low: 0, high: 15 }, hardware: { low: 10, high: 10 }, architecture: { low: 5, high: 7 } }),
      400,
      ['baselineUsdPerMtok.low'],
    );
    expectProblem(await project({ baselineUsdPerMtok: baseline, architecture: { low: 5, high: 7 } }), 400, ['hardware']);
  });
});
