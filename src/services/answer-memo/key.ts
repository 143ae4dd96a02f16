import type { CompareRequest } from '../../schemas/compare.js';

/**
 * The memo key of a presented comparison answer: everything the answer depends on, and nothing
 * else, so that equal keys can only mean equal answers.
 * - `request`: the zod-parsed /compare request (unknown keys refused, object keys in schema
 *   order), so `{"a":1,"b":2}` and `{"b":2,"a":1}` share a key. Written as JSON, except that -0
 *   stays -0 (JSON.stringify would write 0). The engine's defaults are applied after parsing, so
 *   a default sent and the same default left out are two keys: a miss, never a wrong answer.
 * - `catalogVersion`: the catalogue's own version of the snapshot computed against
 *   (catalogVersion in src/services/catalog.ts); every reload of profiles is a new version.
 * - `detail`: `full` or `none` (the answers differ).
 * - `freshness`: price ages and stale-price warnings (src/history/freshness.ts) read the
 *   evaluation instant only through its UTC day (`utcDay`, src/audit/dates.ts) and the stale
 *   threshold PRICE_STALE_DAYS; null when the answer carries no ages (batch jobs without them).
 * The comparison itself reads no clock, randomness or environment (src/calc, src/services/comparison).
 * Answers as of a date (`asOf`) are not memoised: they are rare, and would need the change log's
 * state in the key.
 */
/** `full`: results carry the engine's `detail`; `none`: `detail` is null (the `detail` query parameter). */
export type Detail = 'full' | 'none';

export interface AnswerKeyParts {
  request: CompareRequest;
  catalogVersion: string;
  detail: Detail;
  freshness: { day: number; staleDays: number } | null;
}

/**
 * Keeps -0 apart from 0 (1 / -0 is -Infinity). The string cannot be confused with a sent value:
 * every request field that takes a number takes no free text (the only unions with a number are
 * with the words `auto`, `none`, `measured`).
 */
function keepNegativeZero(_key: string, value: unknown): unknown {
  return value === 0 && Object.is(value, -0) ? '-0' : value;
}

/** `catalogVersion|detail|day/staleDays|request JSON`. */
export function answerKey({ request, catalogVersion, detail, freshness }: AnswerKeyParts): string {
  const fresh = freshness === null ? '-' : `${freshness.day}/${freshness.staleDays}`;
  return `${catalogVersion}|${detail}|${fresh}|${JSON.stringify(request, keepNegativeZero)}`;
}
