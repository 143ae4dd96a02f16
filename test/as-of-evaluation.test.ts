import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { offeringBody } from './helpers/fixtures.js';

/**
 * Evaluation as of a date (src/history): a past evaluation is reproduced exactly after prices
 * changed, the response names the revisions used, a candidate whose profile did not exist then
 * is excluded with a reason, and every price carries its age. Expected figures by hand:
 * 100 M input + 20 M output tokens a month, no caching, no batch:
 *   June prices (2 in, 8 out $/Mtok):  100 × 2 + 20 × 8  = 360 USD/month
 *   July prices (3 in, 12 out $/Mtok): 100 × 3 + 20 × 12 = 540 USD/month
 */
let svc: TestService;
let clock = new Date('2026-06-01T10:00:00.000Z');
const workload = {
  inputTokensPerMonth: 1e8,
  outputTokensPerMonth: 2e7,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  cachedInputShare: 0,
  batchShare: 0,
};
const early = offeringBody({ id: 'asof-early', inputUsdPerMtok: 2, outputUsdPerMtok: 8, cachedInputUsdPerMtok: null, asOf: '2026-06-01' });
const late = offeringBody({ id: 'asof-late', inputUsdPerMtok: 1, outputUsdPerMtok: 1, cachedInputUsdPerMtok: null, asOf: '2026-07-01' });
const request = {
  workload,
  candidates: [
    { type: 'api', label: 'early', offering: 'asof-early' },
    { type: 'api', label: 'late', offering: 'asof-late' },
  ],
};
let scenarioId: string;

beforeAll(async () => {
  svc = await startTestService({ PRICE_STALE_DAYS: 5 }, undefined, () => clock);
  clock = new Date('2026-06-01T10:00:00.000Z');
  await svc.http.post('/api-offerings').send(early).expect(201);
  scenarioId = (
    await svc.http
      .post('/scenarios')
      .send({ name: 'as of', workload, candidates: [request.candidates[0]] })
      .expect(201)
  ).body.id;
  clock = new Date('2026-07-01T09:00:00.000Z');
  await svc.http.patch('/api-offerings/asof-early').send({ inputUsdPerMtok: 3, outputUsdPerMtok: 12, asOf: '2026-07-01' }).expect(200);
  await svc.http.post('/api-offerings').send(late).expect(201);
  await svc.http
    .put(`/scenarios/${scenarioId}`)
    .send({ name: 'as of', ...request })
    .expect(200);
  clock = new Date('2026-07-10T12:00:00.000Z');
});
afterAll(async () => svc?.close());

type Result = { label: string; monthlyCostUsd: number | null; excluded: { reason: string } | null; warnings: { code: string }[] };

describe('evaluation as of a date', () => {
  it('reproduces the June figure after the July price change, naming the revision used', async () => {
    const june = (await svc.http.post('/compare').query({ asOf: '2026-06-15' }).send(request).expect(200)).body;
    const [e, l] = june.results as Result[];
    expect(e?.monthlyCostUsd).toBe(360);
    expect(l?.excluded?.reason).toBe(
      "not available on 2026-06-15: the API offering 'asof-late' has no revision valid on 2026-06-15; its first is valid from 2026-07-01",
    );
    expect(l?.monthlyCostUsd).toBeNull();
    expect(june.cheapest).toBe('early');
    expect(june.asOf.date).toBe('2026-06-15');
    expect(june.asOf.revisions).toEqual([
      {
        kind: 'apiOffering',
        id: 'asof-early',
        revisionId: expect.any(Number),
        version: 1,
        revisionAt: '2026-06-01T10:00:00.000Z',
        effectiveAt: '2026-06-01T10:00:00.000Z',
      },
    ]);
    const revisions = (await svc.http.get('/api-offerings/asof-early/revisions').expect(200)).body.items;
    expect(june.asOf.revisions[0].revisionId).toBe(revisions.at(-1).revisionId);

    const now = (await svc.http.post('/compare').send(request).expect(200)).body;
    expect((now.results as Result[]).map((r) => r.monthlyCostUsd)).toEqual([540, 100 + 20]);
    expect(now.asOf).toBeUndefined();
  });

  it('the day of a change already uses it; a date before every profile excludes all candidates without failing', async () => {
    const july = (await svc.http.post('/compare').query({ asOf: '2026-07-01' }).send(request).expect(200)).body;
    expect((july.results as Result[]).map((r) => r.monthlyCostUsd)).toEqual([540, 120]);
    const may = (await svc.http.post('/compare').query({ asOf: '2026-05-01' }).send(request).expect(200)).body;
    expect((may.results as Result[]).every((r) => r.excluded !== null)).toBe(true);
    expect(may.cheapest).toBeNull();
    // An id never recorded is still a 422, as without asOf.
    await svc.http
      .post('/compare')
      .query({ asOf: '2026-06-15' })
      .send({ workload, candidates: [{ type: 'api', offering: 'never-existed' }] })
      .expect(422);
    await svc.http.post('/compare').query({ asOf: '2026-13-01' }).send(request).expect(400);
  });

  it('evaluates a saved scenario as of a date', async () => {
    const june = (await svc.http.get(`/scenarios/${scenarioId}/evaluation`).query({ asOf: '2026-06-15' }).expect(200)).body;
    expect((june.results as Result[]).map((r) => [r.label, r.monthlyCostUsd, r.excluded !== null])).toEqual([
      ['early', 360, false],
      ['late', null, true],
    ]);
    expect(june.asOf.revisions.map((r: { id: string; version: number }) => [r.id, r.version])).toEqual([['asof-early', 1]]);
    const now = (await svc.http.get(`/scenarios/${scenarioId}/evaluation`).expect(200)).body;
    expect((now.results as Result[]).map((r) => r.monthlyCostUsd)).toEqual([540, 120]);
    expect(now.evaluatedAt).toBe('2026-07-10T12:00:00.000Z');
  });

  it('states each price age and warns past PRICE_STALE_DAYS (5 here)', async () => {
    const now = (await svc.http.post('/compare').send(request).expect(200)).body;
    // Judged on 2026-07-10: both offerings have asOf 2026-07-01, 9 days.
    expect(now.profiles.map((p: { id: string; priceAgeDays: number }) => [p.id, p.priceAgeDays])).toEqual([
      ['asof-early', 9],
      ['asof-late', 9],
    ]);
    expect(now.warnings.filter((w: { code: string }) => w.code === 'stale-price')).toHaveLength(2);
    // As of 2026-06-03, the June revision (asOf 2026-06-01) was 2 days old: no warning.
    const fresh = (await svc.http.post('/compare').query({ asOf: '2026-06-03' }).send(request).expect(200)).body;
    expect(fresh.profiles.map((p: { priceAgeDays: number }) => p.priceAgeDays)).toEqual([2]);
    expect((fresh.results[0] as Result).warnings.some((w) => w.code === 'stale-price')).toBe(false);
    const old = (await svc.http.post('/compare').query({ asOf: '2026-06-20' }).send(request).expect(200)).body;
    expect((old.results[0] as Result).warnings.map((w) => w.code)).toContain('stale-price');
  });
});
