import { ageInDays } from '../audit/dates.js';
import { type CalcWarning, warning } from '../calc/warnings.js';
import type { CompareRequest } from '../schemas/compare.js';
import { labelledWarnings } from '../services/comparison/presentation.js';
import type { ComparisonResult } from '../services/comparison.js';
import type { ProfileUse } from '../services/references.js';

/**
 * How old the prices behind a comparison are. The prices live in API offerings (per-token
 * prices) and hardware profiles (GPU-hour and purchase prices); a price's age is the whole
 * number of days from its profile's `asOf` to the evaluation date. Pure: the date is passed in.
 */
export interface FreshnessOptions {
  /** The date the prices are judged at: now for a current evaluation, the asOf day for a past one. */
  at: Date;
  /** Prices older than this many days draw a `stale-price` warning (PRICE_STALE_DAYS). */
  staleDays: number;
}

export type AgedProfileUse = ProfileUse & { priceAgeDays: number | null };

const PRICED: ReadonlySet<ProfileUse['kind']> = new Set(['apiOffering', 'hardware']);

/**
 * The result with `priceAgeDays` on every profile used (null for model profiles, which carry no
 * price) and a `stale-price` warning on each candidate whose price is older than `staleDays`.
 * Example: an offering with asOf 2026-01-01 judged at 2026-06-01 with staleDays 90 → 151 days, warned.
 */
export function withFreshness(
  request: CompareRequest,
  result: ComparisonResult,
  { at, staleDays }: FreshnessOptions,
): ComparisonResult & { profiles: AgedProfileUse[] } {
  // Literals and Object.assign rather than object spreads: on Node 20 `{ ...u, newKey }` costs
  // microseconds and gives every copy its own hidden class.
  const profiles = result.profiles.map(
    (u): AgedProfileUse => ({
      kind: u.kind,
      id: u.id,
      version: u.version,
      updatedAt: u.updatedAt,
      asOf: u.asOf,
      source: u.source,
      priceAgeDays: PRICED.has(u.kind) ? ageInDays(u.asOf, at) : null,
    }),
  );
  const results = result.results.map((r) => {
    const c = request.candidates[r.index];
    if (!c || r.excluded) return r;
    const stale = staleWarning(c, profiles, at, staleDays);
    if (stale === null) return r;
    return Object.assign({}, r, { warnings: [...r.warnings, stale] });
  });
  return Object.assign({}, result, {
    results,
    profiles,
    warnings: labelledWarnings(results),
  });
}

/** The `stale-price` warning of candidate `c` when its price is older than `staleDays`, else null. */
function staleWarning(
  c: CompareRequest['candidates'][number],
  profiles: AgedProfileUse[],
  at: Date,
  staleDays: number,
): CalcWarning | null {
  const kind: ProfileUse['kind'] = c.type === 'api' ? 'apiOffering' : 'hardware';
  const ref: unknown = c.type === 'api' ? c.offering : c.hardware;
  const use =
    typeof ref === 'string'
      ? profiles.find((u) => u.kind === kind && u.id === ref)
      : { asOf: (ref as { asOf: string }).asOf, id: null, priceAgeDays: ageInDays((ref as { asOf: string }).asOf, at) };
  if (!use || use.priceAgeDays === null || use.priceAgeDays <= staleDays) return null;
  const what = kind === 'apiOffering' ? 'API offering' : 'hardware profile';
  const name = use.id ? `${what} '${use.id}'` : `inline ${what}`;
  return warning(
    'stale-price',
    `The price of ${name} is ${use.priceAgeDays} days old (asOf ${use.asOf}), older than the ${staleDays}-day threshold (PRICE_STALE_DAYS); check it against its source.`,
  );
}
