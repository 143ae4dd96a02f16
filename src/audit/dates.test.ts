import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ageInDays, endOfDay, startOfAsOf, utcDay } from './dates.js';

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
  it('utcDay numbers the UTC calendar day', () => {
    expect(utcDay(new Date('2026-01-31T00:00:00Z'))).toBe(20484);
    expect(utcDay(new Date('2026-01-31T23:59:59.999Z'))).toBe(20484);
    expect(utcDay(new Date('2026-02-01T00:00:00Z'))).toBe(20485);
  });
  it('ageInDays depends on `at` only through utcDay (what the answer memo keys by)', () => {
    const day = fc.integer({ min: 18_000, max: 30_000 });
    const instantOf = (d: number, ms: number) => new Date(d * 86_400_000 + ms);
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }),
        fc.boolean(),
        day,
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.integer({ min: 0, max: 86_399_999 }),
        (asOfDate, monthOnly, d, ms1, ms2) => {
          const asOf = asOfDate.toISOString().slice(0, monthOnly ? 7 : 10);
          const a = instantOf(d, ms1);
          const b = instantOf(d, ms2);
          expect(utcDay(a)).toBe(utcDay(b));
          expect(ageInDays(asOf, a)).toBe(ageInDays(asOf, b));
        },
      ),
    );
  });
});
