import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { hardwareBody, modelBody, offeringBody } from './helpers/fixtures.js';

/** Every rejected request must answer 4xx problem+json naming the field, and write nothing. */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ BODY_LIMIT_BYTES: 64 * 1024 });
});
afterAll(async () => svc.close());

async function counts(): Promise<number[]> {
  const paths = ['/hardware', '/models', '/api-offerings'];
  return Promise.all(paths.map(async (p) => (await svc.http.get(p).expect(200)).body.total as number));
}

type Case = { name: string; path: string; body: Record<string, unknown>; field: string };

const cases: Case[] = [
  { name: 'negative memory', path: '/hardware', body: hardwareBody({ memoryGb: -80 }), field: 'memoryGb' },
  { name: 'zero bandwidth', path: '/hardware', body: hardwareBody({ memoryBandwidthTBps: 0 }), field: 'memoryBandwidthTBps' },
  { name: 'string for a number', path: '/hardware', body: hardwareBody({ memoryGb: '80' }), field: 'memoryGb' },
  { name: 'absurdly large memory', path: '/hardware', body: hardwareBody({ memoryGb: 1e9 }), field: 'memoryGb' },
  { name: 'no compute figure at all', path: '/hardware', body: hardwareBody({ tflopsBf16: null, tflopsFp8: null }), field: 'tflopsBf16' },
  { name: 'price without its source', path: '/hardware', body: hardwareBody({ cloudPriceSource: undefined }), field: 'cloudPriceSource' },
  { name: 'unknown field', path: '/hardware', body: hardwareBody({ memoryGB: 80 }), field: 'memoryGB' },
  { name: 'missing required field', path: '/hardware', body: hardwareBody({ name: undefined }), field: 'name' },
  { name: 'null for a required field', path: '/hardware', body: hardwareBody({ vendor: null }), field: 'vendor' },
  { name: 'id not a slug', path: '/hardware', body: hardwareBody({ id: 'H100 SXM' }), field: 'id' },
  { name: 'source not a URL', path: '/hardware', body: hardwareBody({ source: 'datasheet' }), field: 'source' },
  { name: 'asOf not a date', path: '/hardware', body: hardwareBody({ asOf: 'last year' }), field: 'asOf' },
  { name: 'boolean as string', path: '/hardware', body: hardwareBody({ vendorClaim: 'yes' }), field: 'vendorClaim' },
  { name: 'active > total params', path: '/models', body: modelBody({ activeParamsB: 9 }), field: 'activeParamsB' },
  { name: 'fractional layer count', path: '/models', body: modelBody({ numLayers: 32.5 }), field: 'numLayers' },
  { name: 'unknown architecture', path: '/models', body: modelBody({ architecture: 'transformer' }), field: 'architecture' },
  { name: 'unknown precision', path: '/models', body: modelBody({ nativeWeightPrecision: 'fp3' }), field: 'nativeWeightPrecision' },
  { name: 'moe without experts', path: '/models', body: modelBody({ architecture: 'moe' }), field: 'numExperts' },
  {
    name: 'hybrid without SSM state',
    path: '/models',
    body: modelBody({ architecture: 'hybrid', numAttentionLayers: 4 }),
    field: 'ssmStateElementsPerLayer',
  },
  { name: 'custom licence without a name', path: '/models', body: modelBody({ license: 'custom' }), field: 'licenseName' },
  {
    name: 'sliding layers without a window',
    path: '/models',
    body: modelBody({ numSlidingWindowLayers: 16 }),
    field: 'slidingWindowTokens',
  },
  { name: 'negative price', path: '/api-offerings', body: offeringBody({ inputUsdPerMtok: -1 }), field: 'inputUsdPerMtok' },
  { name: 'discount of 100%', path: '/api-offerings', body: offeringBody({ batchDiscountFraction: 1 }), field: 'batchDiscountFraction' },
  { name: 'unknown kind', path: '/api-offerings', body: offeringBody({ kind: 'open' }), field: 'kind' },
  {
    name: 'tier prices without threshold',
    path: '/api-offerings',
    body: offeringBody({ longContextInputUsdPerMtok: 2.5 }),
    field: 'longContextInputUsdPerMtok',
  },
  {
    name: 'threshold without tier prices',
    path: '/api-offerings',
    body: offeringBody({ longContextThresholdTokens: 200000 }),
    field: 'longContextInputUsdPerMtok',
  },
];

describe('invalid bodies', () => {
  it.each(cases)('$path: $name → 400 naming $field, nothing written', async ({ path, body, field }) => {
    const before = await counts();
    const res = await svc.http.post(path).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, title: 'Invalid request', instance: path });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it('lists every bad field at once', async () => {
    const res = await svc.http
      .post('/hardware')
      .send(hardwareBody({ memoryGb: -1, memoryBandwidthTBps: 0, extra: true }))
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['extra', 'memoryBandwidthTBps', 'memoryGb']);
  });

  it('rejects a non-finite number written as 1e999 (parses to Infinity)', async () => {
    const before = await counts();
    const raw = JSON.stringify(hardwareBody()).replace('"memoryGb":80', '"memoryGb":1e999');
    const res = await svc.http.post('/hardware').set('content-type', 'application/json').send(raw).expect(400);
    expect(res.body.errors[0].field).toBe('memoryGb');
    expect(await counts()).toEqual(before);
  });

  it('rejects a patch that would make the record invalid, leaving it unchanged', async () => {
    const body = modelBody();
    await svc.http.post('/models').send(body).expect(201);
    const res = await svc.http.patch(`/models/${body.id}`).send({ activeParamsB: 70 }).expect(400);
    expect(res.body.errors[0].field).toBe('activeParamsB');
    const after = await svc.http.get(`/models/${body.id}`).expect(200);
    expect(after.body).toMatchObject({ activeParamsB: 8, version: 1 });
  });

  it('rejects unknown fields and wrong types in a patch', async () => {
    const body = hardwareBody();
    await svc.http.post('/hardware').send(body).expect(201);
    const res = await svc.http.patch(`/hardware/${body.id}`).send({ memoryGb: 'lots', colour: 'green' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['colour', 'memoryGb']);
    expect((await svc.http.get(`/hardware/${body.id}`)).body.version).toBe(1);
  });
});

describe('malformed requests', () => {
  it('malformed JSON → 400 problem+json', async () => {
    const before = await counts();
    const res = await svc.http.post('/hardware').set('content-type', 'application/json').send('{"id": "x",').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].field).toBe('body');
    expect(await counts()).toEqual(before);
  });

  it('empty JSON body → 400', async () => {
    await svc.http.post('/hardware').set('content-type', 'application/json').send('').expect(400);
  });

  it('a JSON array instead of an object → 400', async () => {
    const res = await svc.http.post('/hardware').send([hardwareBody()]).expect(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('wrong content type → 415 problem+json', async () => {
    const before = await counts();
    const res = await svc.http.post('/hardware').set('content-type', 'text/plain').send(JSON.stringify(hardwareBody())).expect(415);
    expect(res.body).toMatchObject({ status: 415, title: 'Unsupported media type' });
    expect(await counts()).toEqual(before);
  });

  it('oversized body → 413 problem+json', async () => {
    const before = await counts();
    const res = await svc.http
      .post('/hardware')
      .send(hardwareBody({ notes: 'x'.repeat(100 * 1024) }))
      .expect(413);
    expect(res.body).toMatchObject({ status: 413, title: 'Payload too large' });
    expect(await counts()).toEqual(before);
  });

  it('bad query parameters → 400 naming them', async () => {
    const res = await svc.http.get('/models').query({ limit: 'ten', colour: 'red' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['querystring.colour', 'querystring.limit']);
  });
});
