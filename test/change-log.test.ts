import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceData } from '../src/db/reference-data.js';
import { freshDatabase, startTestService, type TestDatabase, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey } from './helpers/auth.js';
import { baseWorkload } from './helpers/comparison.js';
import { hardwareBody, offeringBody } from './helpers/fixtures.js';

/**
 * The change log (src/audit): one row per write, in the write's transaction, serving GET /audit
 * and the profiles' revisions; soft delete and restore; as-of reads; reference data never
 * resurrected at restart. Runs on SQLite and (npm run test:postgres) PostgreSQL.
 */
let svc: TestService;
let clock = new Date('2026-06-01T10:00:00.000Z');
const now = () => clock;

beforeAll(async () => {
  svc = await startTestService({}, undefined, now);
});
afterAll(async () => svc?.close());

async function auditOf(entityKind: string, entityId: string) {
  const res = await svc.http.get('/audit').query({ entityKind, entityId, limit: 200 }).expect(200);
  return res.body as { total: number; items: Record<string, unknown>[] };
}

describe('profile writes', () => {
  it('record create, patch, replace, delete and restore with old/new values, actor, request id and version', async () => {
    const body = hardwareBody({ usdPerGpuHour: 2.5 });
    const id = body.id as string;
    clock = new Date('2026-06-01T10:00:00.000Z');
    await svc.http.post('/hardware').set('x-request-id', 'req-create').send(body).expect(201);
    clock = new Date('2026-06-02T10:00:00.000Z');
    await svc.http.patch(`/hardware/${id}`).set('x-request-id', 'req-patch').send({ usdPerGpuHour: 3 }).expect(200);
    clock = new Date('2026-06-03T10:00:00.000Z');
    const { version: _v, createdAt: _c, updatedAt: _u, ...stored } = (await svc.http.get(`/hardware/${id}`).expect(200)).body;
    await svc.http
      .put(`/hardware/${id}`)
      .set('x-request-id', 'req-put')
      .send({ ...stored, notes: 'replaced' })
      .expect(200);
    clock = new Date('2026-06-04T10:00:00.000Z');
    await svc.http.delete(`/hardware/${id}`).set('x-request-id', 'req-delete').expect(204);
    clock = new Date('2026-06-05T10:00:00.000Z');
    const restored = (await svc.http.post(`/hardware/${id}/restore`).set('x-request-id', 'req-restore').expect(200)).body;
    expect(restored.version).toBe(5);
    expect(restored.usdPerGpuHour).toBe(3);

    const audit = await auditOf('hardware', id);
    expect(audit.total).toBe(5);
    expect(audit.items.map((r) => [r.action, r.version, r.requestId, r.actor, r.at])).toEqual([
      ['restore', 5, 'req-restore', 'anonymous', '2026-06-05T10:00:00.000Z'],
      ['delete', 4, 'req-delete', 'anonymous', '2026-06-04T10:00:00.000Z'],
      ['update', 3, 'req-put', 'anonymous', '2026-06-03T10:00:00.000Z'],
      ['update', 2, 'req-patch', 'anonymous', '2026-06-02T10:00:00.000Z'],
      ['create', 1, 'req-create', 'anonymous', '2026-06-01T10:00:00.000Z'],
    ]);
    const [restore, del, put, patch, create] = audit.items;
    expect(patch?.changes).toEqual([{ field: 'usdPerGpuHour', old: 2.5, new: 3 }]);
    expect(put?.changes).toEqual([{ field: 'notes', old: null, new: 'replaced' }]);
    expect(del?.changes).toEqual([{ field: 'deletedAt', old: null, new: '2026-06-04T10:00:00.000Z' }]);
    expect(restore?.changes).toEqual([{ field: 'deletedAt', old: '2026-06-04T10:00:00.000Z', new: null }]);
    expect(create?.changes).toContainEqual({ field: 'memoryGb', old: null, new: 80 });
    expect(create?.record).toMatchObject({ id, usdPerGpuHour: 2.5, memoryGb: 80 });
    expect(create).toMatchObject({ source: body.source, valueAsOf: body.asOf, effectiveAt: '2026-06-01T10:00:00.000Z' });

    const revisions = (await svc.http.get(`/hardware/${id}/revisions`).query({ limit: 2, offset: 1 }).expect(200)).body;
    expect(revisions.total).toBe(5);
    expect(revisions.items.map((r: { action: string; version: number }) => [r.action, r.version])).toEqual([
      ['delete', 4],
      ['update', 3],
    ]);
  });

  it('a soft-deleted profile leaves lists, reads and comparisons, keeps its id, and comes back on restore', async () => {
    const body = offeringBody();
    const id = body.id as string;
    await svc.http.post('/api-offerings').send(body).expect(201);
    await svc.http.delete(`/api-offerings/${id}`).expect(204);
    const gone = await svc.http.get(`/api-offerings/${id}`).expect(404);
    expect(gone.body.detail).toMatch(/deleted at .*restore/);
    const list = (await svc.http.get('/api-offerings').query({ limit: 200 }).expect(200)).body;
    expect(list.items.map((o: { id: string }) => o.id)).not.toContain(id);
    const compare = { workload: baseWorkload(), candidates: [{ type: 'api', offering: id }] };
    await svc.http.post('/compare').send(compare).expect(422);
    const taken = await svc.http.post('/api-offerings').send(body).expect(409);
    expect(taken.body.detail).toMatch(/deleted; POST .*restore/);
    await svc.http.delete(`/api-offerings/${id}`).expect(404);
    await svc.http.post(`/api-offerings/${id}/restore`).expect(200);
    await svc.http.post(`/api-offerings/${id}/restore`).expect(409);
    await svc.http.post('/compare').send(compare).expect(200);
  });

  it('a failed write leaves no change-log row', async () => {
    const body = hardwareBody();
    const id = body.id as string;
    await svc.http.post('/hardware').send(body).expect(201);
    const before = (await auditOf('hardware', id)).total;
    await svc.http.patch(`/hardware/${id}`).set('if-match', '"7"').send({ notes: 'stale' }).expect(412);
    await svc.http.patch(`/hardware/${id}`).send({ memoryGb: -1 }).expect(400);
    await svc.http.post('/hardware').send(body).expect(409);
    await svc.http.post('/hardware/no-such-gpu/restore').expect(404);
    expect((await auditOf('hardware', id)).total).toBe(before);
    expect((await svc.http.get('/audit').query({ entityId: 'no-such-gpu' }).expect(200)).body.total).toBe(0);
  });

  it('reads a profile as of a date from its revisions', async () => {
    const body = offeringBody({ inputUsdPerMtok: 2, outputUsdPerMtok: 8 });
    const id = body.id as string;
    clock = new Date('2026-06-10T12:00:00.000Z');
    await svc.http.post('/api-offerings').send(body).expect(201);
    clock = new Date('2026-07-01T08:00:00.000Z');
    await svc.http.patch(`/api-offerings/${id}`).send({ inputUsdPerMtok: 3, outputUsdPerMtok: 12, asOf: '2026-07-01' }).expect(200);
    clock = new Date('2026-08-01T08:00:00.000Z');
    await svc.http.delete(`/api-offerings/${id}`).expect(204);

    const june = await svc.http.get(`/api-offerings/${id}`).query({ asOf: '2026-06-15' }).expect(200);
    expect(june.body).toMatchObject({ id, inputUsdPerMtok: 2, outputUsdPerMtok: 8, version: 1 });
    expect(june.headers['x-revision-id']).toMatch(/^\d+$/);
    // The day of a change sees it (asOf is the end of that day).
    expect((await svc.http.get(`/api-offerings/${id}`).query({ asOf: '2026-07-01' }).expect(200)).body).toMatchObject({
      inputUsdPerMtok: 3,
      version: 2,
    });
    const before = await svc.http.get(`/api-offerings/${id}`).query({ asOf: '2026-06-09' }).expect(404);
    expect(before.body.detail).toMatch(/no revision valid on 2026-06-09/);
    const after = await svc.http.get(`/api-offerings/${id}`).query({ asOf: '2026-08-02' }).expect(404);
    expect(after.body.detail).toMatch(/was deleted/);
    await svc.http.get(`/api-offerings/${id}`).query({ asOf: '2026-02-30' }).expect(400);
    // Revisions stay browsable after the delete.
    expect((await svc.http.get(`/api-offerings/${id}/revisions`).expect(200)).body.total).toBe(3);
  });
});

describe('scenario writes', () => {
  it('record create, update and delete with old/new values', async () => {
    const offering = offeringBody();
    await svc.http.post('/api-offerings').send(offering).expect(201);
    const body = { name: 'Audit me', workload: baseWorkload(), candidates: [{ type: 'api', offering: offering.id }] };
    const created = (await svc.http.post('/scenarios').set('x-request-id', 'scn-1').send(body).expect(201)).body;
    await svc.http.patch(`/scenarios/${created.id}`).send({ name: 'Audited' }).expect(200);
    await svc.http.delete(`/scenarios/${created.id}`).expect(204);
    const audit = await auditOf('scenario', created.id);
    expect(audit.items.map((r) => r.action)).toEqual(['delete', 'update', 'create']);
    expect(audit.items[1]?.changes).toEqual([{ field: 'name', old: 'Audit me', new: 'Audited' }]);
    expect(audit.items[2]).toMatchObject({ requestId: 'scn-1', version: 1 });
    expect(((audit.items[0]?.changes ?? []) as { field: string; new: unknown }[]).every((c) => c.new === null)).toBe(true);
    // Filters: by actor and by write time.
    const byTime = await svc.http
      .get('/audit')
      .query({ entityKind: 'scenario', from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' })
      .expect(200);
    expect(byTime.body.total).toBe(0);
    const byActor = await svc.http.get('/audit').query({ entityKind: 'scenario', actor: 'anonymous' }).expect(200);
    expect(byActor.body.total).toBeGreaterThanOrEqual(3);
  });
});

describe('API keys', () => {
  it('record key create and revoke under the admin key name, never the secret; /audit needs admin', async () => {
    const admin = adminSecret();
    const keyed = await startTestService({ ADMIN_API_KEY: admin });
    try {
      const key = await createKey(keyed.http, admin, 'auditor', ['read']);
      await keyed.http.delete(`/keys/${key.id}`).set('authorization', bearer(admin)).expect(200);
      await keyed.http.delete(`/keys/${key.id}`).set('authorization', bearer(admin)).expect(200);
      await keyed.http.get('/audit').expect(401);
      const audit = (
        await keyed.http.get('/audit').query({ entityKind: 'key', entityId: key.id }).set('authorization', bearer(admin)).expect(200)
      ).body;
      expect(audit.items.map((r: { action: string; actor: string }) => [r.action, r.actor])).toEqual([
        ['delete', 'bootstrap-admin'],
        ['create', 'bootstrap-admin'],
      ]);
      expect(audit.items[0].changes).toEqual([{ field: 'revokedAt', old: null, new: expect.any(String) }]);
      expect(JSON.stringify(audit)).not.toContain(key.secret);
    } finally {
      await keyed.close();
    }
  });
});

describe('reference data and restarts', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database?.drop());

  it('records each reference insert by reference-data, dated by its asOf; a restart never resurrects or overwrites', async () => {
    const data = readReferenceData();
    const first = await startTestService({ LOAD_REFERENCE_DATA: true }, database);
    const offering = data.apiOfferings[0] as { id: string; asOf: string; inputUsdPerMtok: number };
    const hardware = data.hardware[0] as { id: string };
    try {
      const total = data.hardware.length + data.models.length + data.apiOfferings.length;
      const loaded = (await first.http.get('/audit').query({ actor: 'reference-data', limit: 1 }).expect(200)).body;
      expect(loaded.total).toBe(total);
      const row = (await first.http.get(`/api-offerings/${offering.id}/revisions`).expect(200)).body.items[0];
      expect(row).toMatchObject({ action: 'create', actor: 'reference-data', effectiveAt: `${offering.asOf}T00:00:00.000Z` });
      await first.http.delete(`/hardware/${hardware.id}`).expect(204);
      await first.http.patch(`/api-offerings/${offering.id}`).send({ inputUsdPerMtok: 123 }).expect(200);
    } finally {
      await first.app.close();
    }
    const second = await startTestService({ LOAD_REFERENCE_DATA: true }, database);
    try {
      await second.http.get(`/hardware/${hardware.id}`).expect(404);
      expect((await second.http.get(`/api-offerings/${offering.id}`).expect(200)).body.inputUsdPerMtok).toBe(123);
      const loaded = (await second.http.get('/audit').query({ actor: 'reference-data', limit: 1 }).expect(200)).body;
      expect(loaded.total).toBe(data.hardware.length + data.models.length + data.apiOfferings.length);
    } finally {
      await second.app.close();
    }
  });
});
