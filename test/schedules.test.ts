import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunRepository } from '../src/runs/repository.js';
import type { Run } from '../src/runs/types.js';
import { freshDatabase, startTestService, type TestDatabase, type TestService } from './helpers/app.js';
import { expectProblem } from './helpers/comparison.js';
import { offeringBody } from './helpers/fixtures.js';

/**
 * Schedules (docs/runs.md): validation, GET /schedules, POST /schedules/run-due, and the
 * catch-up rule (ticks missed while no instance ran give one run at the next start). SQLite, and
 * PostgreSQL in the PostgreSQL pass. The two-instance claim test is test/schedules-multi-instance.test.ts.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const EVERY_SECOND = '* * * * * *';

let offering: string;
const scenarioBody = (extra: Record<string, unknown> = {}) => ({
  name: `scheduled ${Date.now()} ${Math.random()}`,
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [{ type: 'api', offering }],
  ...extra,
});

async function allRuns(svc: TestService, scenarioId: string): Promise<Run[]> {
  return (await createRunRepository(svc.db).list(scenarioId, { limit: 200, offset: 0 })).items.reverse();
}

describe('schedules on one instance', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ SCHEDULER_ENABLED: false, NOTIFY_DELIVERY_ENABLED: false, NOTIFY_ALLOWED_HOSTS: 'hooks.example.com' });
    const body = offeringBody();
    await svc.http.post('/api-offerings').send(body).expect(201);
    offering = body.id as string;
  });
  afterAll(async () => svc.close());

  it('rejects a bad cron, an unknown zone and a bad webhook URL with 400 naming the field, writing nothing', async () => {
    const before = (await svc.http.get('/scenarios').expect(200)).body.total;
    const cases: [Record<string, unknown>, string][] = [
      [{ schedule: { cron: 'every day', timezone: 'UTC' } }, 'schedule.cron'],
      [{ schedule: { cron: '61 * * * *', timezone: 'UTC' } }, 'schedule.cron'],
      [{ schedule: { cron: '0 0 30 2 *', timezone: 'UTC' } }, 'schedule.cron'],
      [{ schedule: { cron: '0 6 * * *', timezone: 'Mars/Olympus_Mons' } }, 'schedule.timezone'],
      [{ notify: { url: 'ftp://hooks.example.com/x', on: ['run-failed'] } }, 'notify.url'],
      [{ notify: { url: 'https://hooks.example.com/x', on: [] } }, 'notify.on'],
      [{ notify: { url: 'https://hooks.example.com/x', on: ['price-rose'] } }, 'notify.on.0'],
      [{ notify: { url: 'http://169.254.169.254/latest/meta-data', on: ['run-failed'] } }, 'notify.url'],
    ];
    for (const [extra, field] of cases) {
      const errors = expectProblem(await svc.http.post('/scenarios').send(scenarioBody(extra)), 400);
      expect(errors.map((e) => e.field)).toContain(field);
    }
    expect((await svc.http.get('/scenarios').expect(200)).body.total).toBe(before);
    expect((await svc.http.get('/schedules').expect(200)).body.items).toEqual([]);
    const id = (await svc.http.post('/scenarios').send(scenarioBody()).expect(201)).body.id;
    expectProblem(await svc.http.patch(`/scenarios/${id}`).send({ schedule: { cron: '* * *', timezone: 'UTC' } }), 400);
    expectProblem(
      await svc.http.patch(`/scenarios/${id}`).send({ notify: { url: 'https://evil.example.net/', on: ['run-failed'] } }),
      400,
      ['notify.url'],
    );
    const after = (await svc.http.get(`/scenarios/${id}`).expect(200)).body;
    expect(after).not.toHaveProperty('schedule');
    expect(after).not.toHaveProperty('notify');
    expect(after.version).toBe(1);
  });

  it('stores a schedule, lists its next due time, and removes it with null', async () => {
    const res = await svc.http
      .post('/scenarios')
      .send(
        scenarioBody({
          schedule: { cron: '0 6 * * 1-5', timezone: 'Europe/Paris' },
          notify: { url: 'https://hooks.example.com/a', secret: 'x'.repeat(20), on: ['run-failed'] },
        }),
      )
      .expect(201);
    const id = res.body.id;
    // 06:00 in Paris (UTC+1 in winter) is 05:00 UTC, on a weekday.
    const due = new Date(res.body.schedule.nextDueAt);
    expect(due.getUTCHours()).toBe(5);
    expect(due.getUTCMinutes()).toBe(0);
    expect([1, 2, 3, 4, 5]).toContain(due.getUTCDay());
    expect(due.getTime()).toBeGreaterThan(Date.now());
    expect(res.body.notify).toEqual({
      url: 'https://hooks.example.com/a',
      secretSet: true,
      on: ['run-failed'],
      breakEvenThresholdPercent: 10,
    });
    const list = (await svc.http.get('/schedules').expect(200)).body.items;
    expect(list).toContainEqual({
      scenarioId: id,
      scenarioName: res.body.name,
      cron: '0 6 * * 1-5',
      timezone: 'Europe/Paris',
      nextDueAt: res.body.schedule.nextDueAt,
    });
    // PATCH without the secret keeps it; null removes schedule and webhook.
    const patched = (
      await svc.http
        .patch(`/scenarios/${id}`)
        .send({ notify: { url: 'https://hooks.example.com/b', on: ['cheapest-changed'] } })
        .expect(200)
    ).body;
    expect(patched.notify).toMatchObject({ url: 'https://hooks.example.com/b', secretSet: true });
    const cleared = (await svc.http.patch(`/scenarios/${id}`).send({ schedule: null, notify: null }).expect(200)).body;
    expect(cleared).not.toHaveProperty('schedule');
    expect(cleared).not.toHaveProperty('notify');
    expect((await svc.http.get('/schedules').expect(200)).body.items.map((s: { scenarioId: string }) => s.scenarioId)).not.toContain(id);
  });

  it('run-due runs each due scenario once, whatever the number of missed ticks', async () => {
    const id = (
      await svc.http
        .post('/scenarios')
        .send(scenarioBody({ schedule: { cron: EVERY_SECOND, timezone: 'UTC' } }))
        .expect(201)
    ).body.id;
    const firstDue = (await svc.http.get(`/scenarios/${id}`).expect(200)).body.schedule.nextDueAt;
    await sleep(3300); // three or more ticks pass with the scheduler off
    const calledAt = Date.now();
    const ran = (await svc.http.post('/schedules/run-due').expect(200)).body.ran;
    expect(ran).toHaveLength(1);
    expect(ran[0]).toMatchObject({ scenarioId: id, scheduledFor: firstDue, status: 'ok' });
    const runs = await allRuns(svc, id);
    expect(runs.map((r) => [r.trigger, r.actor, r.scheduledFor])).toEqual([['schedule', 'scheduler', firstDue]]);
    const next = (await svc.http.get(`/scenarios/${id}`).expect(200)).body.schedule.nextDueAt;
    // The schedule moved past the missed ticks, to the first tick after the call.
    expect(new Date(next).getTime()).toBeGreaterThan(calledAt);
    expect(new Date(next).getTime()).toBeGreaterThanOrEqual(new Date(firstDue).getTime() + 3000);
    await svc.http.delete(`/scenarios/${id}?runs=delete`).expect(204);
  });
});

describe('catch-up after every instance was stopped', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => database.drop());

  it('runs the ticks missed while down once, then resumes every tick', async () => {
    const config = { SCHEDULER_POLL_MS: 100, NOTIFY_DELIVERY_ENABLED: false };
    const first = await startTestService(config, database);
    const body = offeringBody();
    await first.http.post('/api-offerings').send(body).expect(201);
    offering = body.id as string;
    const id = (
      await first.http
        .post('/scenarios')
        .send(scenarioBody({ schedule: { cron: EVERY_SECOND, timezone: 'UTC' } }))
        .expect(201)
    ).body.id;
    await sleep(2500);
    await first.close();
    const stoppedAt = Date.now();
    await sleep(3500);
    const restartedAt = Date.now();
    const second = await startTestService(config, database);
    await sleep(2500);
    await second.http.patch(`/scenarios/${id}`).send({ schedule: null }).expect(200);
    await sleep(300);
    const runs = await allRuns(second, id);
    await second.close();

    const tickOf = (r: Run) => new Date(r.scheduledFor as string).getTime();
    const ticks = runs.map(tickOf);
    expect(new Set(ticks).size).toBe(ticks.length); // no tick twice
    // Which instance ran what is told by when the run was stored, not by its tick: the first
    // instance may still claim a tick while it closes, and the second claims its catch-up only
    // once it has started (which can take more than a tick on a loaded machine).
    const byFirst = runs.filter((r) => new Date(r.createdAt).getTime() < restartedAt).map(tickOf);
    const bySecond = runs.filter((r) => new Date(r.createdAt).getTime() >= restartedAt).map(tickOf);
    expect(byFirst.length).toBeGreaterThanOrEqual(2);
    expect(Math.max(...byFirst)).toBeLessThan(stoppedAt + 1000);
    // 3+ ticks missed while down → one catch-up run, for the oldest missed tick (the one after
    // the first instance's last), run by the second instance: no other run of it is for a tick
    // from before its start.
    const [catchUp, ...rest] = bySecond;
    expect(catchUp).toBe(Math.max(...byFirst) + 1000);
    expect(catchUp as number).toBeLessThan(restartedAt - 2000);
    expect(rest.filter((t) => t < restartedAt)).toEqual([]);
    expect(rest.length).toBeGreaterThanOrEqual(1);
    // Before the stop and after the catch-up, every tick ran once, one second apart.
    for (const part of [byFirst, rest])
      for (let i = 1; i < part.length; i++) expect((part[i] as number) - (part[i - 1] as number)).toBe(1000);
  });
});
