import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { batchItems } from './helpers/comparison.js';

/** `?detail=none`: the compact form of /compare and /compare/batch results. */
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
  ],
  constraints: { licenses: ['Apache-2.0'] },
};

type Result = { detail: unknown; label: string };

describe('detail=none', () => {
  it('POST /compare leaves out each detail and keeps everything else identical', async () => {
    const full = (await svc.http.post('/compare').send(body).expect(200)).body;
    const compact = (await svc.http.post('/compare?detail=none').send(body).expect(200)).body;
    expect(full.results.some((r: Result) => r.detail !== null)).toBe(true);
    expect(compact.results.every((r: Result) => r.detail === null)).toBe(true);
    const strip = (x: { results: Result[] }) => ({ ...x, results: x.results.map((r) => ({ ...r, detail: null })) });
    expect(compact).toEqual(strip(full));
    expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length);
  });

  it('POST /compare/batch applies it to every line', async () => {
    const res = await svc.http
      .post('/compare/batch?detail=none')
      .send({ items: [body, body] })
      .expect(200);
    const lines = batchItems<{ ok: boolean; result: { results: Result[] } }>(res.text);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line.ok).toBe(true);
      expect(line.result.results.every((r: Result) => r.detail === null)).toBe(true);
    }
  });

  it('an unknown value is a 400 naming the query parameter', async () => {
    const res = await svc.http.post('/compare?detail=some').send(body).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['querystring.detail']);
  });
});
