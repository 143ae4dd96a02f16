import { BadRequestError } from '../errors.js';

/** The ETag of a stored record: its version, quoted. */
export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header demands, or undefined when the header is absent or `*`.
 * Accepts `"3"`, `W/"3"` and a bare `3`.
 */
export function expectedVersion(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
  if (!m) {
    throw new BadRequestError('If-Match must be an ETag returned by this service, e.g. "3".', [
      { field: 'headers.if-match', message: 'not an ETag of this service' },
    ]);
  }
  return Number(m[1]);
}
