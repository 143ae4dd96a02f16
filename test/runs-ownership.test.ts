import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { adminSecret, bearer, createKey } from './helpers/auth.js';
import { expectProblem } from './helpers/comparison.js';
import { offeringBody } from './helpers/fixtures.js';

/**
 * Runs, history, deliveries and schedules follow scenario ownership (docs/auth.md): another
 * key's scenario answers 404; runs kept after a delete stay readable by the owner only; running
 * needs the write scope.
 */
const ADMIN = adminSecret();
let svc: TestService;
const keys: Record<string, { id: string; secret: string }> = {};

beforeAll(async () => {
  svc = await startTestService({ ADMIN_API_KEY: ADMIN, SCHEDULER_ENABLED: false, NOTIFY_DELIVERY_ENABLED: false });
  keys.alice = await createKey(svc.http, ADMIN, 'alice', ['read', 'write']);
  keys.bob = await createKey(svc.http, ADMIN, 'bob', ['read', 'write']);
  keys.reader = await createKey(svc.http, ADMIN, 'reader', ['read']);
});
afterAll(async () => svc.close());

describe('runs and ownership', () => {
  it('hides one key’s runs, history, deliveries and schedules from another key', async () => {
    const as = (who: string) => bearer((keys[who] as { secret: string }).secret);
    const offering = offeringBody();
    await svc.http.post('/api-offerings').set('authorization', bearer(ADMIN)).send(offering).expect(201);
    const id = (
      await svc.http
        .post('/scenarios')
        .set('authorization', as('alice'))
        .send({
          name: 'alice’s',
          workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
          candidates: [{ type: 'api', offering: offering.id }],
          schedule: { cron: '0 6 * * *', timezone: 'UTC' },
        })
        .expect(201)
    ).body.id;
    const run = (await svc.http.post(`/scenarios/${id}/runs`).set('authorization', as('alice')).expect(201)).body;
    expect(run.actor).toBe('alice');
    expectProblem(await svc.http.post(`/scenarios/${id}/runs`).set('authorization', as('reader')), 403);
    for (const path of [
      `/scenarios/${id}/runs`,
      `/scenarios/${id}/runs/${run.id}`,
      `/scenarios/${id}/runs/${run.id}/changes`,
      `/scenarios/${id}/history`,
      `/scenarios/${id}/deliveries`,
    ]) {
      expectProblem(await svc.http.get(path).set('authorization', as('bob')), 404);
      await svc.http.get(path).set('authorization', as('alice')).expect(200);
      await svc.http.get(path).set('authorization', bearer(ADMIN)).expect(200);
    }
    expectProblem(await svc.http.post(`/scenarios/${id}/runs`).set('authorization', as('bob')), 404);
    const scheduleIds = async (who: string) =>
      (await svc.http.get('/schedules').set('authorization', who).expect(200)).body.items.map((s: { scenarioId: string }) => s.scenarioId);
    expect(await scheduleIds(as('alice'))).toEqual([id]);
    expect(await scheduleIds(as('bob'))).toEqual([]);
    expect(await scheduleIds(bearer(ADMIN))).toEqual([id]);

    // Kept after the delete: still alice's only.
    await svc.http.delete(`/scenarios/${id}`).set('authorization', as('alice')).expect(204);
    expect((await svc.http.get(`/scenarios/${id}/runs`).set('authorization', as('alice')).expect(200)).body.total).toBe(1);
    expectProblem(await svc.http.get(`/scenarios/${id}/runs`).set('authorization', as('bob')), 404);
    expectProblem(await svc.http.get(`/scenarios/${id}/runs`), 404);
  });
});
