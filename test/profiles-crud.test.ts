import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { hardwareBody, modelBody, offeringBody } from './helpers/fixtures.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());

const kinds = [
  { path: '/hardware', body: hardwareBody, patch: { memoryGb: 96 }, filter: ['vendor', 'TestVendor'] },
  { path: '/models', body: modelBody, patch: { nativeContextTokens: 32768 }, filter: ['architecture', 'dense'] },
  { path: '/api-offerings', body: offeringBody, patch: { outputUsdPerMtok: 12 }, filter: ['provider', 'TestAI'] },
] as const;

describe.each(kinds)('$path', ({ path, body, patch, filter }) => {
  it('creates (201 with Location and ETag), then gets the same record', async () => {
    const input = body();
    const created = await svc.http.post(path).send(input).expect(201);
    expect(created.headers.location).toBe(`${path}/${input.id}`);
    expect(created.headers.etag).toBe('"1"');
    expect(created.body).toMatchObject({ ...input, version: 1, notes: null });
    expect(Date.parse(created.body.createdAt)).not.toBeNaN();
    const got = await svc.http.get(`${path}/${input.id}`).expect(200);
    expect(got.body).toEqual(created.body);
    expect(got.headers.etag).toBe('"1"');
  });

  it('lists with a filter and paginates with total', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await svc.http.post(path).send(body()).expect(201)).body.id);
    const all = await svc.http
      .get(path)
      .query({ [filter[0]]: filter[1], limit: 200 })
      .expect(200);
    expect(all.body.total).toBeGreaterThanOrEqual(3);
    for (const id of ids) expect(all.body.items.map((x: { id: string }) => x.id)).toContain(id);
    const page = await svc.http.get(path).query({ limit: 2, offset: 1 }).expect(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body).toMatchObject({ limit: 2, offset: 1, total: all.body.total });
    expect(page.body.items[0].id).toBe(all.body.items[1].id);
    const none = await svc.http
      .get(path)
      .query({ [filter[0]]: 'no-such-value' })
      .expect(200);
    expect(none.body).toMatchObject({ items: [], total: 0 });
  });

  it('rejects a page size above the documented maximum', async () => {
    const res = await svc.http.get(path).query({ limit: 201 }).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'querystring.limit' })]);
  });

  it('answers 409 for a duplicate id and keeps the original', async () => {
    const input = body();
    await svc.http.post(path).send(input).expect(201);
    const dup = await svc.http
      .post(path)
      .send({ ...input, source: 'https://example.com/other' })
      .expect(409);
    expect(dup.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(dup.body.errors).toEqual([{ field: 'id', message: expect.stringContaining(String(input.id)) }]);
    const got = await svc.http.get(`${path}/${input.id}`).expect(200);
    expect(got.body.source).toBe(input.source);
  });

  it('replaces with PUT, bumping the version; omitted nullable fields become null', async () => {
    const input = body({ notes: 'first' });
    await svc.http.post(path).send(input).expect(201);
    const { id, notes: _n, ...rest } = input;
    const res = await svc.http.put(`${path}/${id}`).send(rest).expect(200);
    expect(res.body).toMatchObject({ ...rest, id, version: 2, notes: null });
    expect(res.headers.etag).toBe('"2"');
  });

  it('rejects PUT whose body id differs from the path', async () => {
    const input = body();
    await svc.http.post(path).send(input).expect(201);
    const res = await svc.http
      .put(`${path}/${input.id}`)
      .send({ ...input, id: 'another-id' })
      .expect(400);
    expect(res.body.errors[0].field).toBe('id');
  });

  it('patches some fields, keeping the rest', async () => {
    const input = body();
    await svc.http.post(path).send(input).expect(201);
    const res = await svc.http
      .patch(`${path}/${input.id}`)
      .set('content-type', 'application/merge-patch+json')
      .send(JSON.stringify({ ...patch, notes: 'patched' }))
      .expect(200);
    expect(res.body).toMatchObject({ ...input, ...patch, notes: 'patched', version: 2 });
  });

  it('honours If-Match: 412 on a stale version, success on the current one', async () => {
    const input = body();
    await svc.http.post(path).send(input).expect(201);
    await svc.http.patch(`${path}/${input.id}`).send({ notes: 'a' }).expect(200);
    const stale = await svc.http.patch(`${path}/${input.id}`).set('if-match', '"1"').send({ notes: 'b' }).expect(412);
    expect(stale.body.detail).toContain('version 2');
    await svc.http.put(`${path}/${input.id}`).set('if-match', '"1"').send(input).expect(412);
    await svc.http.delete(`${path}/${input.id}`).set('if-match', '"1"').expect(412);
    const ok = await svc.http.patch(`${path}/${input.id}`).set('if-match', '"2"').send({ notes: 'c' }).expect(200);
    expect(ok.body).toMatchObject({ notes: 'c', version: 3 });
    await svc.http.patch(`${path}/${input.id}`).set('if-match', 'garbage').send({ notes: 'd' }).expect(400);
  });

  it('deletes (204), after which the id is 404 everywhere', async () => {
    const input = body();
    await svc.http.post(path).send(input).expect(201);
    await svc.http.delete(`${path}/${input.id}`).expect(204);
    await svc.http.get(`${path}/${input.id}`).expect(404);
    await svc.http.delete(`${path}/${input.id}`).expect(404);
    await svc.http.put(`${path}/${input.id}`).send(input).expect(404);
    const res = await svc.http.patch(`${path}/${input.id}`).send({ notes: 'x' }).expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not found', detail: expect.stringContaining(String(input.id)) });
  });

  it('answers 400 for an id that is not a slug in the path', async () => {
    const res = await svc.http.get(`${path}/Not%20A%20Slug`).expect(400);
    expect(res.body.errors[0].field).toBe('params.id');
  });
});

describe('request ids', () => {
  it('echoes a given x-request-id and puts it in problem bodies', async () => {
    const res = await svc.http.get('/hardware/missing-id').set('x-request-id', 'trace-abc.123').expect(404);
    expect(res.headers['x-request-id']).toBe('trace-abc.123');
    expect(res.body.requestId).toBe('trace-abc.123');
  });

  it('generates one when none (or an unsafe one) is given', async () => {
    const a = await svc.http.get('/health').expect(200);
    expect(a.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const b = await svc.http.get('/health').set('x-request-id', 'bad id with spaces').expect(200);
    expect(b.headers['x-request-id']).not.toBe('bad id with spaces');
  });
});

describe('unknown routes', () => {
  it('answer 404 problem+json', async () => {
    const res = await svc.http.get('/no-such-route').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.status).toBe(404);
  });
});
