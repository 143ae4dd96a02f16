/**
 * Calendar dates of the catalogue (`asOf`: `YYYY-MM-DD`, or `YYYY-MM` when a source gives only a
 * month) as instants. Pure.
 */
const DAY_MS = 86_400_000;

/** Midnight UTC at the start of `asOf`; a month alone means its first day. `'2026-03'` → 2026-03-01T00:00:00Z. */
export function startOfAsOf(asOf: string): Date {
  const [y, m, d] = asOf.split('-').map(Number);
  return new Date(Date.UTC(y as number, (m as number) - 1, d ?? 1));
}

/**
 * The first instant after the calendar day `date` (`YYYY-MM-DD`), UTC. An as-of query for a day
 * sees every value that became valid before this instant, i.e. during that day or earlier.
 * `'2026-06-01'` → 2026-06-02T00:00:00Z.
 */
export function endOfDay(date: string): Date {
  return new Date(startOfAsOf(date).getTime() + DAY_MS);
}

/** Whole days from `asOf` (start of its day) to `at`, floored, never negative. `('2026-01-01', 2026-01-31T12:00Z)` → 30. */
export function ageInDays(asOf: string, at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - startOfAsOf(asOf).getTime()) / DAY_MS));
}

/**
 * The UTC calendar day of `at`, as whole days since 1970-01-01: all that {@link ageInDays} reads
 * of `at`, since every `asOf` starts at a UTC midnight (so two instants of one UTC day give every
 * profile the same age). 2026-01-31T23:59Z and 2026-01-31T00:00Z → 20484; 2026-02-01T00:00Z → 20485.
 */
export function utcDay(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}
