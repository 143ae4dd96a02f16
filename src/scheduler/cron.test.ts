import { describe, expect, it } from 'vitest';
import { FAR_FUTURE, nextDueAfter, scheduleProblems } from './cron.js';

const now = new Date('2026-12-02T10:00:00.500Z');

describe('scheduleProblems', () => {
  it('accepts 5- and 6-field expressions in a known zone', () => {
    expect(scheduleProblems({ cron: '0 6 * * 1-5', timezone: 'Europe/Paris' }, now)).toEqual([]);
    expect(scheduleProblems({ cron: '*/10 * * * * *', timezone: 'UTC' }, now)).toEqual([]);
  });
  it('names the field at fault', () => {
    expect(scheduleProblems({ cron: '61 * * * *', timezone: 'UTC' }, now).map((p) => p.field)).toEqual(['schedule.cron']);
    expect(scheduleProblems({ cron: 'daily', timezone: 'UTC' }, now).map((p) => p.field)).toEqual(['schedule.cron']);
    expect(scheduleProblems({ cron: '0 0 30 2 *', timezone: 'UTC' }, now)).toEqual([
      { field: 'schedule.cron', message: 'the expression never fires after now' },
    ]);
    expect(scheduleProblems({ cron: '0 6 * * *', timezone: 'Europe/Atlantis' }, now).map((p) => p.field)).toEqual(['schedule.timezone']);
  });
});

describe('nextDueAfter', () => {
  it('gives the first tick strictly after the time, in the zone', () => {
    expect(nextDueAfter({ cron: '* * * * * *', timezone: 'UTC' }, now).toISOString()).toBe('2026-12-02T10:00:01.000Z');
    // Wednesday 2 December 2026, 10:00 UTC; 06:00 New York (UTC−5) on Mondays is 11:00 UTC on 7 December.
    expect(nextDueAfter({ cron: '0 6 * * 1', timezone: 'America/New_York' }, now).toISOString()).toBe('2026-12-07T11:00:00.000Z');
    expect(nextDueAfter({ cron: '0 0 0 1 1 * 2026', timezone: 'UTC' }, now)).toEqual(FAR_FUTURE);
  });
});
