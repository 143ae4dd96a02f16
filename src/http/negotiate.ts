import type { FastifyRequest } from 'fastify';
import { NotAcceptableError } from '../errors.js';

/**
 * Picks the representation for a response from the Accept header: the offered media type with
 * the highest q-value (ties go to the first offered). No Accept header, or `*\/*`, gives the
 * first offered type. 406 when none is acceptable.
 */
export function negotiate<T extends string>(req: FastifyRequest, offered: readonly [T, ...T[]]): T {
  const header = req.headers.accept;
  if (!header) return offered[0];
  const ranges = header.split(',').map((part) => {
    const [type = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return { type: type.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
  });
  let best: { type: T; q: number } | null = null;
  for (const candidate of offered) {
    const [major] = candidate.split('/');
    const q = Math.max(
      0,
      ...ranges
        .filter((r) => r.type === candidate || r.type === `${major}/*` || r.type === '*/*')
        .map((r) => (Number.isFinite(r.q) ? r.q : 0)),
    );
    if (q > 0 && (!best || q > best.q)) best = { type: candidate, q };
  }
  if (!best) throw new NotAcceptableError(`This operation answers ${offered.join(' or ')}; the Accept header allows none of them.`);
  return best.type;
}
