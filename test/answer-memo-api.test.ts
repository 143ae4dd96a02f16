import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload, batchItems } from './helpers/comparison.js';

/**
 * The answer memo (src/services/answer-memo) seen from the API: a repeated request answers
 * byte-identically, and no change it depends on — a profile write, the next day's price ages —
 * is ever answered from an older entry.
 */
let clock = new Date('2026-12-02T09:00:00Z');
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true }, undefined, () => clock);
});
afterAll(async () => svc.close());

const body = {
  workload: baseWorkload({ cachedInputShare: 0.2 }),
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } },
  ],
};

type Answer = {
  results: { monthlyCostUsd: number; detail: { pricesApplied?: { inputUsdPerMtok: number } } }[];
  profiles: { kind: string; id: string | null; priceAgeDays: number | null }[];
};

const compare = (b: unknown = body, query = '') =>
  svc.http
    .post(`/compare${query}`)
    .send(b as object)
    .expect(200);

async function memoCounts(): Promise<{ hits: number; misses: number }> {
  const text = (await svc.http.get('/metrics').expect(200)).text;
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
  return { hits: value('breakeven_answer_memo_hits_total'), misses: value('breakeven_answer_memo_misses_total') };
}

describe('answer memo over HTTP', () => {
  it('answers a repeated /compare byte-identically from the memo, in JSON, CSV and without detail', async () => {
    const first = await compare();
    const before = await memoCounts();
    const again = await compare({ candidates: body.candidates, workload: body.workload });
    expect(again.text).toBe(first.text);
    const csv = await svc.http.post('/compare').set('accept', 'text/csv').send(body).expect(200);
    expect(csv.text).toBe((await svc.http.post('/compare').set('accept', 'text/csv').send(body).expect(200)).text);
    const none = await compare(body, '?detail=none');
    expect((await compare(body, '?detail=none')).text).toBe(none.text);
    expect((await compare(body, '?detail=none')).text).toBe(none.text);
    expect(none.text).not.toBe(first.text);
    const after = await memoCounts();
    // An answer is stored on its key's second request: `again` (the second) and the first two
    // detail=none requests are computed; both CSVs and the third detail=none are hits.
    expect(after.hits - before.hits).toBe(3);
    expect(after.misses - before.misses).toBe(3);
  });

  it('a price changed through the API is in the very next /compare, and in the next scenario evaluation', async () => {
    const scenario = (
      await svc.http
        .post('/scenarios')
        .send({ name: 'memo', ...body })
        .expect(201)
    ).body as { id: string };
    const evaluate = async () => (await svc.http.get(`/scenarios/${scenario.id}/evaluation`).expect(200)).body as Answer;
    const before = (await compare()).body as Answer;
    expect((await evaluate()).results[0]).toEqual(before.results[0]);
    // The stored request is the /compare body: the evaluation shares its memo entry.
    const counts = await memoCounts();
    await evaluate();
    expect((await memoCounts()).hits).toBe(counts.hits + 1);
    const offering = (await svc.http.get('/api-offerings/openai-gpt-5').expect(200)).body as { inputUsdPerMtok: number };
    await svc.http
      .patch('/api-offerings/openai-gpt-5')
      .send({ inputUsdPerMtok: offering.inputUsdPerMtok * 2 })
      .expect(200);
    const after = (await compare()).body as Answer;
    expect(after.results[0]?.detail.pricesApplied?.inputUsdPerMtok).toBe(offering.inputUsdPerMtok * 2);
    expect(after.results[0]?.monthlyCostUsd).toBeGreaterThan(before.results[0]?.monthlyCostUsd as number);
    expect((await evaluate()).results[0]).toEqual(after.results[0]);
    await svc.http.patch('/api-offerings/openai-gpt-5').send({ inputUsdPerMtok: offering.inputUsdPerMtok }).expect(200);
    expect(((await compare()).body as Answer).results[0]).toEqual(before.results[0]);
  });

  it('a hardware profile write is seen at once too', async () => {
    const before = (await compare()).body as Answer;
    const hardware = (await svc.http.get('/hardware/nvidia-h100-sxm').expect(200)).body as { memoryGb: number };
    await svc.http
      .patch('/hardware/nvidia-h100-sxm')
      .send({ memoryGb: hardware.memoryGb / 2 })
      .expect(200);
    const after = (await compare()).body as Answer;
    expect(after.results[1]).not.toEqual(before.results[1]);
    await svc.http.patch('/hardware/nvidia-h100-sxm').send({ memoryGb: hardware.memoryGb }).expect(200);
    expect(((await compare()).body as Answer).results[1]).toEqual(before.results[1]);
  });

  it('price ages follow the clock: the same request the next day is recomputed with older prices', async () => {
    const today = (await compare()).body as Answer;
    clock = new Date('2026-12-02T23:59:59Z');
    expect((await compare()).body).toEqual(today);
    clock = new Date('2026-12-03T00:00:01Z');
    const tomorrow = (await compare()).body as Answer;
    const ages = (a: Answer) => a.profiles.filter((p) => p.priceAgeDays !== null).map((p) => p.priceAgeDays as number);
    expect(ages(tomorrow)).toEqual(ages(today).map((d) => d + 1));
  });

  it('answers a batch of repeated items with identical result lines, counting the repeats as hits', async () => {
    const before = await memoCounts();
    const res = await svc.http
      .post('/compare/batch')
      .send({ items: [body, { ...body, workload: baseWorkload() }, body, body] })
      .buffer(true)
      .parse(asText)
      .expect(200);
    const lines = batchItems<{ index: number; result: unknown }>(res.body as string);
    expect(JSON.stringify(lines[2]?.result)).toBe(JSON.stringify(lines[0]?.result));
    expect(JSON.stringify(lines[3]?.result)).toBe(JSON.stringify(lines[0]?.result));
    expect(JSON.stringify(lines[1]?.result)).not.toBe(JSON.stringify(lines[0]?.result));
    // The first item repeats the /compare body asked once before on this day (the clock moved):
    // computed and stored; the two repeats after it are hits; the other item is computed.
    const after = await memoCounts();
    expect(after.hits - before.hits).toBe(2);
    expect(after.misses - before.misses).toBe(2);
  });
});

describe('answer memo across profile reloads', () => {
  it('keeps serving an answer after the PROFILE_CACHE_TTL_MS reload when the profiles did not change', async () => {
    // TTL 1 ms: every request reloads the profiles from the database.
    const fresh = await startTestService({ LOAD_REFERENCE_DATA: true, PROFILE_CACHE_TTL_MS: 1 }, undefined, () => clock);
    try {
      const counts = async () => {
        const text = (await fresh.http.get('/metrics').expect(200)).text;
        const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? Number.NaN);
        return { hits: value('breakeven_answer_memo_hits_total'), reloads: value('breakeven_profile_cache_misses_total') };
      };
      const first = await fresh.http.post('/compare').send(body).expect(200);
      await fresh.http.post('/compare').send(body).expect(200); // the key's second request stores the answer
      const before = await counts();
      await new Promise((resolve) => setTimeout(resolve, 5));
      const again = await fresh.http.post('/compare').send(body).expect(200);
      const after = await counts();
      expect(after.reloads).toBeGreaterThan(before.reloads);
      expect(after.hits - before.hits).toBe(1);
      expect(again.text).toBe(first.text);
    } finally {
      await fresh.close();
    }
  });
});

describe('answer memo off (ANSWER_MEMO_ENTRIES=0)', () => {
  it('computes every answer and answers the same bytes', async () => {
    const off = await startTestService({ LOAD_REFERENCE_DATA: true, ANSWER_MEMO_ENTRIES: 0 }, undefined, () => clock);
    try {
      const a = await off.http.post('/compare').send(body).expect(200);
      const b = await off.http.post('/compare').send(body).expect(200);
      expect(b.text).toBe(a.text);
      const text = (await off.http.get('/metrics').expect(200)).text;
      expect(text).toMatch(/^breakeven_answer_memo_hits_total 0$/m);
      expect(text).toMatch(/^breakeven_answer_memo_misses_total 0$/m);
    } finally {
      await off.close();
    }
  });
});
