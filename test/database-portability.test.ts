import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HardwareProfile } from '../src/domain/profiles.js';
import type { Writable } from '../src/repositories/profile-repository.js';
import { onPostgresql, startTestService, type TestService } from './helpers/app.js';
import { hardwareBody, modelBody, offeringBody } from './helpers/fixtures.js';

/**
 * What must not depend on the database: this file runs on SQLite and, in the PostgreSQL pass, on
 * PostgreSQL (whose test databases use a time zone away from UTC, see helpers/database.ts).
 */
let svc: TestService;
const profiles = { hardware: hardwareBody(), model: modelBody(), offering: offeringBody() };
beforeAll(async () => {
  svc = await startTestService();
  await svc.http.post('/hardware').send(profiles.hardware).expect(201);
  await svc.http.post('/models').send(profiles.model).expect(201);
  await svc.http.post('/api-offerings').send(profiles.offering).expect(201);
});
afterAll(async () => svc.close());

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe(`storage behaviour (${onPostgresql ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('returns floats as written: 3.35, 0.125 and prices such as 2.49 exactly', async () => {
    const body = hardwareBody({ memoryBandwidthTBps: 3.35, usdPerGpuHour: 2.49, tflopsFp4: 0.125 });
    await svc.http.post('/hardware').send(body).expect(201);
    const got = (await svc.http.get(`/hardware/${body.id}`).expect(200)).body;
    expect([got.memoryBandwidthTBps, got.usdPerGpuHour, got.tflopsFp4]).toEqual([3.35, 2.49, 0.125]);
    const offering = (await svc.http.get(`/api-offerings/${profiles.offering.id}`).expect(200)).body;
    expect(offering).toMatchObject({ inputUsdPerMtok: 1.25, cachedInputUsdPerMtok: 0.125, batchDiscountFraction: 0.5 });
  });

  it('round-trips every float of up to 15 significant digits exactly', async () => {
    // Prisma writes 16 significant digits (prisma/prisma#11096), on both databases alike; figures
    // with 15 or fewer, which covers every price and specification, come back unchanged.
    const values = fc.sample(
      fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map((x) => Number(x.toPrecision(15))),
      { numRuns: 60, seed: 20261127 },
    );
    const records = values.map((memoryGb) => hardwareBody({ memoryGb }) as unknown as Writable<HardwareProfile>);
    expect(await svc.app.repos.hardware.insertMissing(records, { actor: 'test', requestId: null, at: new Date() })).toBe(records.length);
    const stored = new Map((await svc.app.repos.hardware.listAll()).map((h) => [h.id, h.memoryGb]));
    expect(records.map((r) => stored.get(r.id))).toEqual(values);
  });

  it('stores timestamps in UTC with millisecond precision, whatever the server time zone', async () => {
    const before = Date.now();
    const body = hardwareBody();
    const created = (await svc.http.post('/hardware').send(body).expect(201)).body;
    const after = Date.now();
    expect(created.createdAt).toMatch(ISO_MS);
    expect(Date.parse(created.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(created.createdAt)).toBeLessThanOrEqual(after + 1000);
    expect((await svc.http.get(`/hardware/${body.id}`).expect(200)).body).toEqual(created);
    const patched = (await svc.http.patch(`/hardware/${body.id}`).send({ notes: 'later' }).expect(200)).body;
    expect(patched.createdAt).toBe(created.createdAt);
    expect(patched.updatedAt).toMatch(ISO_MS);
    expect(Date.parse(patched.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));
    expect(Date.parse(patched.updatedAt)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('filters scenario names ignoring case (also beyond ASCII) and takes %, _ and \\ literally', async () => {
    const tag = `t${Date.now()}`;
    const names = ['Support Assistant', 'SUPPORT desk', 'Plan ÉTÉ', '100% sure', '100 percent', 'a_b', 'axb', 'back\\slash', 'backslash'];
    const request = {
      workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
      candidates: [
        { type: 'self-host', label: 'self', model: profiles.model.id, hardware: profiles.hardware.id },
        { type: 'api', label: 'api', offering: profiles.offering.id },
      ],
    };
    for (const name of names) {
      await svc.http
        .post('/scenarios')
        .send({ ...request, name: `${tag} ${name}` })
        .expect(201);
    }
    const found = async (q: string) => {
      const res = await svc.http
        .get('/scenarios')
        .query({ name: `${tag} ${q}`, limit: 200 })
        .expect(200);
      expect(res.body.total).toBe(res.body.items.length);
      return (res.body.items as { name: string }[]).map((s) => s.name.slice(tag.length + 1)).sort();
    };
    expect(await found('support')).toEqual(['SUPPORT desk', 'Support Assistant']);
    expect(await found('SUPPORT ASSISTANT')).toEqual(['Support Assistant']);
    expect(await found('plan été')).toEqual(['Plan ÉTÉ']);
    expect(await found('100%')).toEqual(['100% sure']);
    expect(await found('a_b')).toEqual(['a_b']);
    expect(await found('back\\')).toEqual(['back\\slash']);
    const all = await svc.http.get('/scenarios').query({ name: tag.toUpperCase(), limit: 200 }).expect(200);
    expect(all.body.total).toBe(names.length);
    const page = await svc.http.get('/scenarios').query({ name: tag.toUpperCase(), limit: 2, offset: 1 }).expect(200);
    expect(page.body).toMatchObject({ total: names.length, limit: 2, offset: 1, items: all.body.items.slice(1, 3) });
  });

  it('lets one of several concurrent writes with the same If-Match win; the others get 412 (never 409: the precondition failed)', async () => {
    const body = hardwareBody();
    await svc.http.post('/hardware').send(body).expect(201);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        svc.http
          .patch(`/hardware/${body.id}`)
          .set('if-match', '"1"')
          .send({ notes: `writer ${i}` }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.every((s) => [200, 412].includes(s))).toBe(true);
    const winner = results.find((r) => r.status === 200)?.body;
    expect((await svc.http.get(`/hardware/${body.id}`).expect(200)).body).toEqual(winner);
    expect(winner).toMatchObject({ version: 2 });
  });
});
