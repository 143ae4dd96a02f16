import { describe, expect, it } from 'vitest';
import { ageInDays, endOfDay, startOfAsOf } from './dates.js';

describe('catalogue dates', () => {
  it('reads a day and a month-only date as UTC midnight', () => {
    expect(startOfAsOf('2026-03-13').toISOString()).toBe('2026-03-13T00:00:00.000Z');
    expect(startOfAsOf('2026-03').toISOString()).toBe('2026-03-01T00:00:00.000Z');
  });
  it('the end of a day is the next midnight', () => {
    expect(endOfDay('2026-06-01').toISOString()).toBe('2026-06-02T00:00:00.000Z');
    expect(endOfDay('2026-12-31').toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });
  it('age in whole days, floored and never negative', () => {
    expect(ageInDays('2026-01-01', new Date('2026-01-31T12:00:00Z'))).toBe(30);
    expect(ageInDays('2026-01', new Date('2026-01-01T23:59:59Z'))).toBe(0);
    expect(ageInDays('2026-02-01', new Date('2026-01-01T00:00:00Z'))).toBe(0);
  });
});
