import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgresql, startTestService, type TestService } from './helpers/app.js';
import { scenarioBody } from './helpers/auth.js';
import { hardwareBody } from './helpers/fixtures.js';

/**
 * Concurrent version-checked writes answer the same on SQLite and PostgreSQL (issue 11): without
 * If-Match a PATCH/PUT is last-writer-wins (every one 200, none lost, the version counts them all);
 * with a stale If-Match the answer is 412, and only then. Runs in both passes (`npm run test:postgres`).
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const WRITERS = 50;
const statusCounts = (statuses: number[]) =>
  Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, statuses.filter((t) => t === s).length]));

describe(`concurrent writes (${onPostgresql ? 'PostgreSQL' : 'SQLite'})`, () => {
  it(`${WRITERS} parallel profile PATCHes without If-Match: all 200, every one applied once (version 1 + ${WRITERS})`, async () => {
    const body = hardwareBody();
    await svc.http.post('/hardware').send(body).expect(201);
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => svc.http.patch(`/hardware/${body.id}`).send({ notes: `writer ${i}` })),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 200: WRITERS });
    const versions = results.map((r) => r.body.version as number).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2));
    const last = results.find((r) => r.body.version === WRITERS + 1)?.body;
    expect((await svc.http.get(`/hardware/${body.id}`).expect(200)).body).toEqual(last);
    const revisions = await svc.http.get(`/hardware/${body.id}/revisions`).query({ limit: 200 }).expect(200);
    expect(revisions.body.total).toBe(WRITERS + 1);
  });

  it('parallel PATCHes of different fields without If-Match lose none of them (each merged onto the latest record)', async () => {
    const body = hardwareBody({ notes: null, interconnect: null, tdpWatts: null });
    await svc.http.post('/hardware').send(body).expect(201);
    const patches = [{ notes: 'checked' }, { interconnect: 'NVLink 5' }, { tdpWatts: 1000 }, { name: 'Renamed' }];
    const results = await Promise.all(patches.map((p) => svc.http.patch(`/hardware/${body.id}`).send(p)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    const got = (await svc.http.get(`/hardware/${body.id}`).expect(200)).body;
    expect(got).toMatchObject({ notes: 'checked', interconnect: 'NVLink 5', tdpWatts: 1000, name: 'Renamed', version: 5 });
  });

  it(`${WRITERS} parallel scenario PATCHes without If-Match: all 200 (version 1 + ${WRITERS})`, async () => {
    const created = await svc.http.post('/scenarios').send(scenarioBody()).expect(201);
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => svc.http.patch(`/scenarios/${created.body.id}`).send({ description: `writer ${i}` })),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 200: WRITERS });
    expect((await svc.http.get(`/scenarios/${created.body.id}`).expect(200)).body.version).toBe(WRITERS + 1);
  });

  it('parallel scenario PUTs without If-Match: all 200', async () => {
    const created = await svc.http.post('/scenarios').send(scenarioBody()).expect(201);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => svc.http.put(`/scenarios/${created.body.id}`).send(scenarioBody({ name: `put ${i}` }))),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 200: 20 });
    expect((await svc.http.get(`/scenarios/${created.body.id}`).expect(200)).body.version).toBe(21);
  });

  it(`${WRITERS} parallel PATCHes with the same If-Match: one 200, every other 412 (never 409)`, async () => {
    const body = hardwareBody();
    await svc.http.post('/hardware').send(body).expect(201);
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        svc.http
          .patch(`/hardware/${body.id}`)
          .set('if-match', '"1"')
          .send({ notes: `writer ${i}` }),
      ),
    );
    expect(statusCounts(results.map((r) => r.status))).toEqual({ 200: 1, 412: WRITERS - 1 });
    expect((await svc.http.get(`/hardware/${body.id}`).expect(200)).body.version).toBe(2);
  });
});
