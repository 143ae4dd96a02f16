import Negotiator from 'negotiator';
import { NotAcceptableError } from '../errors.js';

/**
 * Picks the representation of a response from the request's Accept header `accept` (RFC 9110
 * §12.5.1) with the `negotiator` library: for each offered media type the most specific matching range gives its
 * q-value (so `application/json;q=0, *\/*` excludes JSON and allows everything else); the highest
 * q wins, then the more specific range, then the range the client listed first; offered types
 * matched by the same range (e.g. `*\/*`, or no Accept header) go to the first offered. Every
 * offered type is sent as UTF-8, so a range with `charset=utf-8` matches it and another charset
 * does not.
 * Throws NotAcceptableError (406) when every offered type has q=0 or matches no range.
 *
 * @example
 * negotiate(req.headers.accept, ['application/json', 'text/csv']); // application/json;q=0, *\/* → 'text/csv'
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  if (!accept) return offered[0];
  // Every representation this service sends is UTF-8: a range asking for that charset matches.
  const labelled = offered.map((t) => `${t};charset=utf-8`);
  const chosen = new Negotiator({ headers: { accept } }).mediaType(labelled);
  const type = chosen === undefined ? undefined : offered[labelled.indexOf(chosen)];
  if (!type) throw new NotAcceptableError(`This operation answers ${offered.join(' or ')}; the Accept header allows none of them.`);
  return type;
}
