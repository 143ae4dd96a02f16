import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import {
  apiMonthlyCost,
  asText,
  baseWorkload,
  batchCsvBody,
  batchItems,
  csvRecords,
  expectClose,
  expectProblem,
  type OfferingPrices,
} from './helpers/comparison.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

type Line = {
  index: number;
  ok: boolean;
  result?: { results: { label: string; monthlyCostUsd: number | null }[] } & Record<string, unknown>;
  error?: { status: number; title: string; detail: string; errors: { field: string; message: string }[] };
};

function batch(items: unknown[], accept?: string) {
  const req = svc.http.post('/compare/batch');
  if (accept) req.set('accept', accept);
  return req.send({ items }).buffer(true).parse(asText);
}

const valid = (overrides: Record<string, unknown> = {}) => ({
  workload: baseWorkload({ cachedInputShare: 0.1 }),
  candidates: [
    { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    { type: 'api', offering: 'openai-gpt-5-mini' },
  ],
  ...overrides,
});

describe('POST /compare/batch', () => {
  it('streams one NDJSON line per item, in order; invalid items fail alone with 400 or 422 and field names', async () => {
    const items = [
      valid(),
      { workload: baseWorkload({ outputTokensPerMonth: -5 }), candidates: [{ type: 'api', offering: 'openai-gpt-5-mini' }] },
      valid({ candidates: [{ type: 'api', offering: 'openai-gpt-5' }] }),
      valid({ candidates: [{ type: 'self-host', model: 'qwen3-8b', hardware: 'no-such-gpu' }] }),
      valid({ candidates: [] }),
      valid({ assumptions: { opsUsdPerMonth: 2500 }, workload: baseWorkload({ peakToAverage: 4 }) }),
    ];
    const res = await batch(items).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = batchItems<Line>(res.body as string);
    expect(lines.map((l) => l.index)).toEqual(items.map((_, i) => i));
    expect(lines.map((l) => l.ok)).toEqual([true, false, true, false, false, true]);

    expect(lines[1]?.error).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'workload.outputTokensPerMonth' })] });
    expect(lines[3]?.error).toMatchObject({
      status: 422,
      errors: [{ field: 'candidates.0.hardware', message: expect.stringContaining('no-such-gpu') }],
    });
    expect(lines[4]?.error).toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'candidates' })] });
    for (const l of lines.filter((x) => !x.ok)) {
      expect(l.result).toBeUndefined();
      expect(l.error?.title).toEqual(expect.any(String));
      expect(l.error?.detail).toEqual(expect.any(String));
    }

    // Each valid item's result is exactly what POST /compare answers for the same body.
    for (const i of [0, 2, 5]) {
      const single = await svc.http.post('/compare').send(items[i]).expect(200);
      expect(lines[i]?.result, `item ${i}`).toEqual(single.body);
    }
  });

  // Documents a bug: errors.md says body fields are named by their JSON path and /compare names an
  // unknown field `workload.extra`, but a batch item names only the enclosing object (`workload`).
  it('names an unknown field of an item by its full path, as POST /compare does', async () => {
    const item = { workload: { ...baseWorkload(), extra: 1 }, candidates: [{ type: 'api', offering: 'openai-gpt-5-mini' }] };
    const single = await svc.http.post('/compare').send(item);
    expectProblem(single, 400, ['workload.extra']);
    const [line] = batchItems<Line>((await batch([item]).expect(200)).body as string);
    expect(line?.ok).toBe(false);
    expect(line?.error?.status).toBe(400);
    expect(line?.error?.errors.map((e) => e.field)).toEqual(['workload.extra']);
  });

  it('answers CSV with the item index on every row when asked', async () => {
    const items = [
      valid(),
      valid({ candidates: [{ type: 'api', offering: 'no-such-api' }] }),
      valid({ candidates: [{ type: 'api', offering: 'openai-gpt-5' }] }),
    ];
    const [csv, ndjson] = await Promise.all([batch(items, 'text/csv').expect(200), batch(items).expect(200)]);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const { header, records } = csvRecords(batchCsvBody(csv.body as string));
    expect(header.slice(0, 3)).toEqual(['item', 'ok', 'error']);
    expect(header).toEqual(expect.arrayContaining(['label', 'monthlyCostUsd']));
    const lines = batchItems<Line>(ndjson.body as string);
    // One row per candidate of a valid item, one row for a failed item.
    const expectedRows = lines.flatMap((l) =>
      l.ok
        ? (l.result?.results ?? []).map((r) => [String(l.index), 'true', r.label, r.monthlyCostUsd])
        : [[String(l.index), 'false', '', null]],
    );
    expect(
      records.map((r) => [
        r.item,
        r.ok,
        r.label,
        r.monthlyCostUsd === '' || r.monthlyCostUsd === undefined ? null : Number(r.monthlyCostUsd),
      ]),
    ).toEqual(expectedRows);
    const failed = records.find((r) => r.item === '1');
    expect(failed?.error).toContain('candidates.0.offering');
    expect(failed?.error).toContain('no-such-api');
  });

  it('refuses an empty batch (400), a batch over 10,000 items (413) and an unacceptable media type (406)', async () => {
    expectProblem(await svc.http.post('/compare/batch').send({ items: [] }), 400, ['items']);
    const small = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5-nano' }] };
    const tooMany = await svc.http.post('/compare/batch').send({ items: Array.from({ length: 10_001 }, () => small) });
    expectProblem(tooMany, 413);
    expect(tooMany.body.detail).toMatch(/10,?000/);
    expectProblem(
      await svc.http
        .post('/compare/batch')
        .set('accept', 'image/png')
        .send({ items: [small] }),
      406,
    );
  });

  it('completes a batch of 10,000 items, every line ok and in order', { timeout: 120_000 }, async () => {
    const o: OfferingPrices = (await svc.http.get('/api-offerings/openai-gpt-5-nano').expect(200)).body;
    const workloadOf = (i: number) => baseWorkload({ outputTokensPerMonth: 1e8 + i * 1e5, cachedInputShare: (i % 10) / 20 });
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      workload: workloadOf(i),
      candidates: [{ type: 'api', label: 'nano', offering: 'openai-gpt-5-nano' }],
    }));
    const res = await batch(items).expect(200);
    const lines = batchItems<Line>(res.body as string);
    expect(lines).toHaveLength(10_000);
    let ok = 0;
    lines.forEach((l, i) => {
      if (l.index === i && l.ok) ok++;
    });
    expect(ok).toBe(10_000);
    for (const i of [0, 1, 4_999, 9_999]) {
      expectClose(lines[i]?.result?.results[0]?.monthlyCostUsd, apiMonthlyCost(o, workloadOf(i)));
    }
  });
});
