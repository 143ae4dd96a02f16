import { afterAll, describe, expect, it } from 'vitest';
import { readReferenceData } from '../src/db/reference-data.js';
import { freshDatabase, startTestService } from './helpers/app.js';

const data = readReferenceData();
const location = await freshDatabase();
afterAll(() => location.drop());

describe('reference data file', () => {
  it('validates with the API schemas (readReferenceData would throw otherwise) and has unique ids', () => {
    for (const list of [data.hardware, data.models, data.apiOfferings]) {
      const ids = list.map((r) => r.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('contains the hardware the analysis names, Vera Rubin flagged as vendor claims', () => {
    const ids = data.hardware.map((h) => h.id);
    for (const pattern of [/vera-rubin/, /b200/, /gb200/, /h100-sxm/, /h200/, /a100/, /b300/, /l40s/, /mi300x/, /mi325x/, /mi355x/]) {
      expect(
        ids.some((id) => pattern.test(id)),
        String(pattern),
      ).toBe(true);
    }
    const rubin = data.hardware.find((h) => /vera-rubin/.test(h.id));
    expect(rubin?.vendorClaim).toBe(true);
    expect(rubin).toMatchObject({ memoryGb: 288, memoryBandwidthTBps: 22 });
  });

  it('contains the models the analysis names, with Llama 4 under a custom licence', () => {
    const byId = new Map(data.models.map((m) => [m.id, m]));
    for (const id of [
      'gemma-4-26b-a4b',
      'gemma-4-31b',
      'gpt-oss-120b',
      'gpt-oss-20b',
      'qwen3-32b',
      'qwen3-30b-a3b',
      'deepseek-v3',
      'deepseek-r1',
    ]) {
      expect(byId.has(id), id).toBe(true);
    }
    expect(byId.get('gemma-4-26b-a4b')?.architecture).toBe('moe');
    expect(data.models.some((m) => m.family.startsWith('Granite 4.0') && m.architecture === 'hybrid')).toBe(true);
    expect(data.models.some((m) => /mistral-large/.test(m.id))).toBe(true);
    expect(data.models.some((m) => /llama-3\.\d-70b/.test(m.id))).toBe(true);
    expect(data.models.some((m) => /llama-3\.\d-8b/.test(m.id))).toBe(true);
    const llama4 = data.models.filter((m) => m.family === 'Llama 4');
    expect(llama4.length).toBeGreaterThan(0);
    for (const m of llama4) expect(m.license).toBe('custom');
  });

  it('contains flagship and small API offerings of OpenAI, Anthropic and Google', () => {
    for (const provider of ['OpenAI', 'Anthropic', 'Google']) {
      const closed = data.apiOfferings.filter((o) => o.provider === provider && o.kind === 'closed');
      expect(closed.length, provider).toBeGreaterThanOrEqual(2);
      const prices = closed.map((o) => o.outputUsdPerMtok);
      expect(Math.max(...prices) / Math.min(...prices), provider).toBeGreaterThan(3);
    }
  });

  it('cites a source and a date on every record and every price', () => {
    for (const r of [...data.hardware, ...data.models, ...data.apiOfferings]) {
      expect(r.source, r.id).toMatch(/^https?:\/\//);
      expect(r.asOf, r.id).toMatch(/^\d{4}-\d{2}/);
    }
    for (const h of data.hardware) {
      if (h.usdPerGpuHour !== null) expect(h.cloudPriceSource, h.id).toMatch(/^https?:\/\//);
      if (h.purchaseUsdPerGpu !== null) expect(h.purchasePriceSource, h.id).toMatch(/^https?:\/\//);
    }
  });
});

describe('loading at start-up', () => {
  it('loads everything into an empty database on first start', async () => {
    const svc = await startTestService({ LOAD_REFERENCE_DATA: true }, location);
    try {
      const models = await svc.http.get('/models').query({ limit: 200 }).expect(200);
      expect(models.body.total).toBe(data.models.length);
      const hw = await svc.http.get('/hardware').query({ limit: 200 }).expect(200);
      expect(hw.body.total).toBe(data.hardware.length);
      const api = await svc.http.get('/api-offerings').query({ limit: 200 }).expect(200);
      expect(api.body.total).toBe(data.apiOfferings.length);
      const gemma = await svc.http.get('/models/gemma-4-26b-a4b').expect(200);
      const { id, ...fields } = data.models.find((m) => m.id === 'gemma-4-26b-a4b') as Record<string, unknown>;
      expect(gemma.body).toMatchObject({ id, ...fields, version: 1 });
      // A user edits one record and deletes another.
      await svc.http.patch('/models/gemma-4-26b-a4b').send({ notes: 'edited by a user' }).expect(200);
      await svc.http.delete('/models/gpt-oss-20b').expect(204);
    } finally {
      await svc.close();
    }
  });

  it('on restart duplicates nothing, keeps the edit and does not resurrect the deletion', async () => {
    const svc = await startTestService({ LOAD_REFERENCE_DATA: true }, location);
    try {
      const models = await svc.http.get('/models').query({ limit: 200 }).expect(200);
      expect(models.body.total).toBe(data.models.length - 1);
      expect((await svc.http.get('/models/gemma-4-26b-a4b').expect(200)).body).toMatchObject({
        notes: 'edited by a user',
        version: 2,
      });
      await svc.http.get('/models/gpt-oss-20b').expect(404);
      const hw = await svc.http.get('/hardware').query({ limit: 200 }).expect(200);
      expect(hw.body.total).toBe(data.hardware.length);
    } finally {
      await svc.close();
    }
  });
});
