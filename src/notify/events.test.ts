import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Run, RunChanges } from '../runs/types.js';
import { parseAllowedHosts, urlRefusal } from './allowed-hosts.js';
import { eventsFor } from './events.js';
import { signBody } from './sign.js';
import type { NotifySettings } from './types.js';

const changes = (over: Partial<RunChanges> = {}): RunChanges => ({
  previousRunId: 'r1',
  changed: true,
  cheapest: null,
  monthlyCost: [],
  breakEven: [],
  newlyExcluded: [],
  stoppedFitting: [],
  addedCandidates: [],
  removedCandidates: [],
  profileChanges: [],
  scenarioVersion: null,
  ...over,
});
const run = (over: Partial<Run> = {}): Run => ({
  id: 'r2',
  scenarioId: 's',
  number: 2,
  createdAt: '2026-12-02T06:00:00.000Z',
  trigger: 'schedule',
  actor: 'scheduler',
  status: 'ok',
  scheduledFor: null,
  scenarioVersion: 1,
  evaluation: null,
  summary: null,
  changes: changes(),
  error: null,
  ...over,
});
const settings: NotifySettings = {
  url: 'https://x.test/',
  secret: null,
  on: ['cheapest-changed', 'break-even-moved', 'run-failed'],
  breakEvenThresholdPercent: 10,
};
const scenario = { id: 's', name: 'S' };
const move = (changePercent: number | null, toOutcome = 'breaks-even') => ({
  selfHost: 'gpu',
  api: 'api',
  fromOutcome: 'breaks-even',
  toOutcome,
  fromMonthlyTokens: 1e9,
  toMonthlyTokens: changePercent === null ? null : 1e9 * (1 + changePercent / 100),
  changePercent,
});

describe('eventsFor', () => {
  it('raises break-even-moved only at or above the threshold, or on an outcome change', () => {
    const names = (c: RunChanges, on = settings) => eventsFor(run({ changes: c }), scenario, on).map((e) => e.event);
    expect(names(changes({ breakEven: [move(9.99)] }))).toEqual([]);
    expect(names(changes({ breakEven: [move(-10)] }))).toEqual(['break-even-moved']);
    expect(names(changes({ breakEven: [move(null, 'never')] }))).toEqual(['break-even-moved']);
    expect(names(changes({ cheapest: { from: 'a', to: 'b' }, breakEven: [move(50)] }))).toEqual(['cheapest-changed', 'break-even-moved']);
    expect(names(changes({ cheapest: { from: 'a', to: 'b' } }), { ...settings, on: ['run-failed'] })).toEqual([]);
  });

  it('raises run-failed for a failed run, and nothing for a first run', () => {
    const failed = run({
      status: 'failed',
      changes: null,
      error: { status: 422, title: 'Unprocessable request', detail: 'x', errors: [] },
    });
    expect(eventsFor(failed, scenario, settings).map((e) => e.event)).toEqual(['run-failed']);
    expect(eventsFor(run({ changes: null }), scenario, settings)).toEqual([]);
  });
});

describe('signBody', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body', () => {
    // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
    expect(signBody('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect(signBody('{"a":1}', 'k')).toBe(`sha256=${createHmac('sha256', 'k').update('{"a":1}').digest('hex')}`);
  });
});

describe('urlRefusal', () => {
  const hosts = parseAllowedHosts(' hooks.example.com, *.corp.example ,');
  it('allows http(s) URLs to listed hosts and subdomains only', () => {
    expect(hosts).toEqual(['hooks.example.com', '*.corp.example']);
    expect(urlRefusal('https://hooks.example.com/x', hosts)).toBeNull();
    expect(urlRefusal('https://a.b.corp.example/x', hosts)).toBeNull();
    expect(urlRefusal('https://corp.example.evil.test/x', hosts)).toMatch(/not in NOTIFY_ALLOWED_HOSTS/);
    expect(urlRefusal('http://169.254.169.254/', hosts)).toMatch(/not in NOTIFY_ALLOWED_HOSTS/);
    expect(urlRefusal('file:///etc/passwd', [])).toMatch(/http or https/);
    expect(urlRefusal('https://user:pw@hooks.example.com/', hosts)).toMatch(/credentials/);
    expect(urlRefusal('https://anything.test/', [])).toBeNull();
  });
});
