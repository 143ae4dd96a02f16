import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, IN_FLIGHT_LEASE_MS } from '../src/auth/idempotency.js';
import { freshDatabase, startTestService, type TestDatabase, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey, scenarioBody } from './helpers/auth.js';
import { expectProblem } from './helpers/comparison.js';
import { hardwareBody } from './helpers/fixtures.js';

/** Idempotency-Key on creating POSTs (docs/auth.md, "Idempotency"). */
const ADMIN = adminSecret();
let database: TestDatabase;
let svc: TestService;
let writer: { id: string; secret: string };
let other: { id: string; secret: string };

beforeAll(async () => {
  database = await freshDatabase();
  svc = await startTestService({ ADMIN_API_KEY: ADMIN, LOAD_REFERENCE_DATA: true }, database);
  writer = await createKey(svc.http, ADMIN, 'writer', ['write', 'catalog:write']);
  other = await createKey(svc.http, ADMIN, 'other', ['write']);
});
afterAll(async () => {
  await svc?.close();
  await database?.drop();
});

const post = (s: TestService, path: string, key: string, body: object, secret = writer.secret) =>
  s.http.post(path).set('authorization', bearer(secret)).set('idempotency-key', key).send(body);
const scenarioCount = () => svc.db.prisma.scenario.count();

describe('Idempotency-Key', () => {
  it('replays the first response (status, body, Location, ETag) for the same key and body; one record is written', async () => {
    const body = scenarioBody();
    const before = await scenarioCount();
    const first = await post(svc, '/scenarios', 'create-1', body).expect(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // Same body, keys in another order: the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const again = await post(svc, '/scenarios', 'create-1', reordered).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    for (const h of ['location', 'etag', 'content-type']) expect(again.headers[h], h).toBe(first.headers[h]);
    expect(await scenarioCount()).toBe(before + 1);
  });

  it('works on profile creates too, and holds across a restart (stored in the database)', async () => {
    const body = hardwareBody();
    const first = await post(svc, '/hardware', 'hw-1', body).expect(201);
    await svc.close();
    svc = await startTestService({ ADMIN_API_KEY: ADMIN, LOAD_REFERENCE_DATA: true }, database);
    const again = await post(svc, '/hardware', 'hw-1', body).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    // Without the header the same body is a second create: 409 duplicate id.
    expectProblem(await svc.http.post('/hardware').set('authorization', bearer(writer.secret)).send(body), 409);
  });

  it('the same key with a different body (or route) answers 422 and writes nothing', async () => {
    await post(svc, '/scenarios', 'create-2', scenarioBody()).expect(201);
    const before = await scenarioCount();
    const res = await post(svc, '/scenarios', 'create-2', scenarioBody());
    expectProblem(res, 422, ['headers.idempotency-key']);
    expectProblem(await post(svc, '/hardware', 'create-2', hardwareBody()), 422, ['headers.idempotency-key']);
    expect(await scenarioCount()).toBe(before);
  });

  it('answers 409 with Retry-After while the first request is in flight', async () => {
    const now = new Date();
    await svc.app.repos.idempotency.claim(writer.id, 'busy', 'any', new Date(now.getTime() + IN_FLIGHT_LEASE_MS), now);
    const before = await scenarioCount();
    const res = await post(svc, '/scenarios', 'busy', scenarioBody());
    expectProblem(res, 409, ['headers.idempotency-key']);
    expect(res.headers['retry-after']).toBe('1');
    expect(await scenarioCount()).toBe(before);
  });

  it('concurrent requests with one key create one scenario; the others are replays or 409', async () => {
    const body = scenarioBody();
    const before = await scenarioCount();
    const results = await Promise.all(Array.from({ length: 6 }, () => post(svc, '/scenarios', 'race', body)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const ids = new Set(results.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(await scenarioCount()).toBe(before + 1);
  });

  it('keys are per API key: another key with the same Idempotency-Key makes its own request', async () => {
    const body = scenarioBody();
    const mine = await post(svc, '/scenarios', 'shared-name', body).expect(201);
    const theirs = await post(svc, '/scenarios', 'shared-name', body, other.secret).expect(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('a failed first request frees the key: the corrected retry with the same key is processed', async () => {
    const bad = scenarioBody({ candidates: [{ type: 'api', label: 'x', offering: 'no-such-offering' }] });
    expectProblem(await post(svc, '/scenarios', 'retry-after-422', bad), 422);
    const good = await post(svc, '/scenarios', 'retry-after-422', scenarioBody()).expect(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
  });

  it('an invalid header answers 400 naming it; routes that do not create ignore the header', async () => {
    expectProblem(await post(svc, '/scenarios', 'x'.repeat(256), scenarioBody()), 400, ['headers.idempotency-key']);
    const key = await svc.http
      .post('/keys')
      .set('authorization', bearer(ADMIN))
      .set('idempotency-key', 'k')
      .send({ name: 'n', scopes: ['read'] })
      .expect(201);
    const again = await svc.http
      .post('/keys')
      .set('authorization', bearer(ADMIN))
      .set('idempotency-key', 'k')
      .send({ name: 'n', scopes: ['read'] })
      .expect(201);
    expect(again.body.id).not.toBe(key.body.id);
    const stored = JSON.stringify(await svc.db.prisma.idempotencyRecord.findMany());
    expect(stored).not.toContain(key.body.secret);
  });
});

describe('expiry', () => {
  it('an expired entry no longer holds its key', async () => {
    const store = svc.app.repos.idempotency;
    const t0 = new Date('2026-01-01T00:00:00Z');
    expect(await store.claim('owner', 'k', 'f1', new Date(t0.getTime() + 1000), t0)).toBe(true);
    expect(await store.claim('owner', 'k', 'f2', new Date(t0.getTime() + 5000), new Date(t0.getTime() + 500))).toBe(false);
    expect(await store.claim('owner', 'k', 'f2', new Date(t0.getTime() + 5000), new Date(t0.getTime() + 1001))).toBe(true);
    expect((await store.find('owner', 'k'))?.fingerprint).toBe('f2');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order, drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined, e: null }, 3] })).toBe('{"a":[{"d":2,"e":null},3],"b":1}');
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});
