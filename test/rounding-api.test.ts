import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { csvRecords, parseNdjson } from './helpers/comparison.js';

/**
 * Rounding at the edge (docs/contract.md): every route that shows computed figures shows money in
 * cents, token counts whole and rates to 4 significant digits — JSON, CSV and NDJSON alike.
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const example = JSON.parse(readFileSync(new URL('../examples/compare-50k.json', import.meta.url), 'utf8'));

const isCents = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
const significantDigits = (v: number) => {
  if (v === 0) return 0;
  const digits = Math.abs(v).toPrecision(15).replace(/e.*$/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
};

/** Checks every number of a result tree by the kind its field name says; returns how many were checked per kind. */
function checkTree(value: unknown, key = '', inEcho = false, counts = { cents: 0, whole: 0, sig4: 0 }) {
  if (typeof value === 'number') {
    if (inEcho) return counts;
    if (/Usd(PerMonth|PerHour)?$|^swing$/.test(key) && !/PerMtok/.test(key)) {
      expect(isCents(value), `${key} = ${value} is not in cents`).toBe(true);
      counts.cents++;
    } else if (/Tokens(PerMonth)?$/.test(key)) {
      expect(Number.isInteger(value), `${key} = ${value} is not a whole token count`).toBe(true);
      counts.whole++;
    } else if (/PerSecond|PerMtok|^(input|output|blended)$|Months$|Share$|Utilization$/.test(key)) {
      expect(significantDigits(value), `${key} = ${value} has more than 4 significant digits`).toBeLessThanOrEqual(4);
      counts.sig4++;
    }
    return counts;
  }
  if (Array.isArray(value)) for (const v of value) checkTree(v, key, inEcho, counts);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) checkTree(v, k, inEcho || k === 'assumptions', counts);
  }
  return counts;
}

describe('rounding at the edge', () => {
  it('POST /compare (JSON): money in cents, token counts whole, rates and $/Mtok to 4 significant digits; assumptions echoed unrounded', async () => {
    const body = (await svc.http.post('/compare').send(example).expect(200)).body;
    const counts = checkTree(body);
    expect(counts.cents).toBeGreaterThan(50);
    expect(counts.whole).toBeGreaterThan(20);
    expect(counts.sig4).toBeGreaterThan(30);
    // The owned candidate's capital cost per month is not a whole-cent figure in the engine; shown in cents.
    const owned = body.results[6];
    expect(owned.monthlyCostUsd).toBe(29903.82);
    // Echoed inputs keep their digits: the request's 0.3 cached share and the profile's $184.06 colocation.
    expect(body.assumptions.workload.cachedInputShare).toBe(0.3);
    expect(owned.detail.assumptions.colocationUsdPerKwMonth).toBe(184.06);
  });

  it('CSV and NDJSON carry the same rounded figures as JSON', async () => {
    const json = (await svc.http.post('/compare').send(example).expect(200)).body;
    const csv = csvRecords((await svc.http.post('/compare').set('accept', 'text/csv').send(example).expect(200)).text);
    const lines = parseNdjson<{ result: typeof json }>(
      (
        await svc.http
          .post('/compare/batch')
          .send({ items: [example] })
          .expect(200)
      ).text,
    );
    const streamed = lines.find((l) => l.result)?.result;
    expect(streamed?.results.map((r: { monthlyCostUsd: number }) => r.monthlyCostUsd)).toEqual(
      json.results.map((r: { monthlyCostUsd: number }) => r.monthlyCostUsd),
    );
    json.results.forEach((r: { monthlyCostUsd: number; usdPerMtok: { blended: number } }, i: number) => {
      expect(Number(csv.records[i]?.monthlyCostUsd)).toBe(r.monthlyCostUsd);
      expect(Number(csv.records[i]?.blendedUsdPerMtok)).toBe(r.usdPerMtok.blended);
    });
    for (const rec of csv.records) {
      if (rec.breakEvenMonthlyTokens) expect(Number.isInteger(Number(rec.breakEvenMonthlyTokens))).toBe(true);
      if (rec.outputTokensPerSecondPerUser) expect(significantDigits(Number(rec.outputTokensPerSecondPerUser))).toBeLessThanOrEqual(4);
    }
  });

  it('POST /estimates: rates to 4 significant digits', async () => {
    const body = (
      await svc.http
        .post('/estimates')
        .send({ model: 'llama-3.3-70b', hardware: 'nvidia-h100-sxm', precision: 'fp8', inputTokens: 2000, outputTokens: 500 })
        .expect(200)
    ).body;
    expect(checkTree(body).sig4).toBeGreaterThanOrEqual(4);
  });

  it('a saved scenario evaluation, its curves and a stored run are rounded the same way', async () => {
    const id = (
      await svc.http
        .post('/scenarios')
        .send({ ...example, name: 'rounding' })
        .expect(201)
    ).body.id;
    const evaluation = (await svc.http.get(`/scenarios/${id}/evaluation`).expect(200)).body;
    expect(checkTree(evaluation).cents).toBeGreaterThan(50);
    const curves = (await svc.http.get(`/scenarios/${id}/break-even`).expect(200)).body;
    const c = checkTree(curves);
    expect(c.cents).toBeGreaterThan(10);
    expect(c.whole).toBeGreaterThan(10);
    const run = (await svc.http.post(`/scenarios/${id}/runs`).expect(201)).body;
    expect(checkTree(run).cents).toBeGreaterThan(5);
  });
});
