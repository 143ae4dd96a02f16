import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey, scenarioBody } from './helpers/auth.js';
import { expectProblem } from './helpers/comparison.js';

/** Scenarios belong to the key that created them (docs/auth.md, "Ownership"). */
const ADMIN = adminSecret();
let svc: TestService;
let alice: { id: string; secret: string };
let bob: { id: string; secret: string };

beforeAll(async () => {
  svc = await startTestService({ ADMIN_API_KEY: ADMIN, LOAD_REFERENCE_DATA: true });
  alice = await createKey(svc.http, ADMIN, 'alice', ['write']);
  bob = await createKey(svc.http, ADMIN, 'bob', ['write']);
});
afterAll(async () => svc?.close());

const as = (secret: string) => ({ authorization: bearer(secret) });

describe('scenario ownership', () => {
  it("another owner's scenario answers 404 on every read and write, and is left unchanged", async () => {
    const created = await svc.http
      .post('/scenarios')
      .set(as(alice.secret))
      .send(scenarioBody({ name: 'alice plan' }))
      .expect(201);
    const id = created.body.id as string;
    const paths = ['', '/evaluation', '/break-even', '/break-even.svg', '/sensitivity', '/sensitivity.svg'];
    for (const p of paths) {
      expectProblem(await svc.http.get(`/scenarios/${id}${p}`).set(as(bob.secret)), 404);
      expectProblem(await svc.http.get(`/scenarios/${id}${p}`), 404);
    }
    expectProblem(
      await svc.http
        .put(`/scenarios/${id}`)
        .set(as(bob.secret))
        .send(scenarioBody({ name: 'taken' })),
      404,
    );
    expectProblem(await svc.http.patch(`/scenarios/${id}`).set(as(bob.secret)).send({ name: 'taken' }), 404);
    expectProblem(await svc.http.delete(`/scenarios/${id}`).set(as(bob.secret)), 404);
    const own = await svc.http.get(`/scenarios/${id}`).set(as(alice.secret)).expect(200);
    expect(own.body).toEqual(created.body);
    await svc.http.get(`/scenarios/${id}/evaluation`).set(as(alice.secret)).expect(200);
  });

  it('lists (with and without the name filter) only the caller’s scenarios; an admin key sees all', async () => {
    await svc.http
      .post('/scenarios')
      .set(as(bob.secret))
      .send(scenarioBody({ name: 'bob plan' }))
      .expect(201);
    const names = async (headers: Record<string, string>, query = '') =>
      (await svc.http.get(`/scenarios?limit=200${query}`).set(headers).expect(200)).body.items.map((s: { name: string }) => s.name).sort();
    const bobs = await names(as(bob.secret));
    expect(bobs).toEqual(['bob plan']);
    expect(await names(as(bob.secret), '&name=plan')).toEqual(['bob plan']);
    expect((await svc.http.get('/scenarios?name=plan').set(as(bob.secret))).body.total).toBe(1);
    expect(await names(as(alice.secret), '&name=PLAN')).toEqual(['alice plan']);
    expect(await names({})).toEqual([]);
    expect(await names(as(ADMIN), '&name=plan')).toEqual(['alice plan', 'bob plan']);
  });

  it('an admin key reads, changes and deletes any scenario; the owner stays the creator', async () => {
    const created = await svc.http.post('/scenarios').set(as(alice.secret)).send(scenarioBody()).expect(201);
    const id = created.body.id as string;
    await svc.http.patch(`/scenarios/${id}`).set(as(ADMIN)).send({ description: 'reviewed' }).expect(200);
    const seen = await svc.http.get(`/scenarios/${id}`).set(as(alice.secret)).expect(200);
    expect(seen.body.description).toBe('reviewed');
    const row = await svc.db.prisma.scenario.findUnique({ where: { id } });
    expect(row?.ownerKeyId).toBe(alice.id);
    await svc.http.delete(`/scenarios/${id}`).set(as(ADMIN)).expect(204);
    expectProblem(await svc.http.get(`/scenarios/${id}`).set(as(alice.secret)), 404);
  });
});
