import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, BadRequestError, ConflictError, UnprocessableError } from '../errors.js';
import type { IdempotencyRepository } from '../repositories/idempotency.js';
import { actorOf } from './actor.js';

/** How long a completed response is replayed for the same key, ms (24 h). */
export const REPLAY_WINDOW_MS = 24 * 3600 * 1000;
/**
 * How long a first request holds its key while running, ms. Longer than any request may take
 * (REQUEST_TIMEOUT_MS defaults to 30 s), so that a key whose process died is free again after it.
 */
export const IN_FLIGHT_LEASE_MS = 120_000;
/** Response headers stored and replayed with the body. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

/** The header as the route schemas document it (`headers: idempotencyHeaders.shape`). */
export const idempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be 1 to 255 visible ASCII characters')
  .optional()
  .describe(
    'Makes the create safe to retry: the same key with the same body within 24 h replays the first response (with `idempotent-replayed: true`); with another body answers 422; while the first request runs, 409.',
  );

/** JSON text with object keys sorted at every depth, so that key order does not change a fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 of the method, route, path parameters and canonical body of a request. */
function fingerprintOf(req: FastifyRequest): string {
  return createHash('sha256')
    .update(canonicalJson([req.method, req.routeOptions.url, req.params ?? null, req.body ?? null]))
    .digest('hex');
}

interface Claim {
  owner: string;
  key: string;
}
const CLAIM = Symbol('idempotency claim');
type WithClaim = FastifyRequest & { [CLAIM]?: Claim };

/**
 * `Idempotency-Key` for routes declaring `config: { idempotent: true }` (docs/auth.md,
 * "Idempotency"). Keys are per API key (anonymous requests share one space). The first request
 * claims the key in the database; its 2xx response is stored and replayed for 24 h; a failed one
 * frees the key. State lives in the database, so it holds across instances and restarts.
 * Register on the root instance, after the auth hooks (the owner is the authenticated actor).
 */
export function registerIdempotency(app: FastifyInstance, store: IdempotencyRepository, now: () => number = Date.now): void {
  const purge = setInterval(() => {
    store.purgeExpired(new Date(now())).catch((err: unknown) => app.log.warn({ err }, 'could not purge expired idempotency keys'));
  }, 3_600_000);
  purge.unref();
  app.addHook('onClose', async () => clearInterval(purge));

  // Documents (and validates) the header on every idempotent route.
  app.addHook('onRoute', (route) => {
    if (!(route.config as { idempotent?: boolean } | undefined)?.idempotent || !route.schema) return;
    const headers = route.schema.headers as z.ZodObject | undefined;
    route.schema = {
      ...route.schema,
      headers: headers
        ? headers.extend({ 'idempotency-key': idempotencyKeyHeader })
        : z.object({ 'idempotency-key': idempotencyKeyHeader }),
    };
  });

  app.addHook('preHandler', async (req: WithClaim, reply) => {
    if (!req.routeOptions.config.idempotent) return;
    const given = req.headers['idempotency-key'];
    if (given === undefined) return;
    const parsed = idempotencyKeyHeader.safeParse(given);
    if (!parsed.success || parsed.data === undefined) {
      throw new BadRequestError('The Idempotency-Key header is invalid.', [
        { field: 'headers.idempotency-key', message: 'must be 1 to 255 visible ASCII characters' },
      ]);
    }
    const key = parsed.data;
    const owner = actorOf(req).keyId ?? 'anonymous';
    const fingerprint = fingerprintOf(req);
    // Two tries: an entry may expire or be released between a failed claim and the read.
    for (let attempt = 0; attempt < 2; attempt++) {
      const at = now();
      if (await store.claim(owner, key, fingerprint, new Date(at + IN_FLIGHT_LEASE_MS), new Date(at))) {
        req[CLAIM] = { owner, key };
        return;
      }
      const entry = await store.find(owner, key);
      if (!entry) continue;
      if (entry.state === 'in-flight') {
        const error = new ConflictError('A request with this Idempotency-Key is still in progress; retry later.', [
          { field: 'headers.idempotency-key', message: 'in progress' },
        ]);
        throw new AppError(error.status, error.title, error.message, error.errors, { 'retry-after': '1' });
      }
      if (entry.fingerprint !== fingerprint) {
        throw new UnprocessableError('This Idempotency-Key was used with a different request; use a new key for a new request.', [
          { field: 'headers.idempotency-key', message: 'already used with a different request body or route' },
        ]);
      }
      const { status, headers, body } = entry.response;
      for (const [name, value] of Object.entries(headers)) reply.header(name, value);
      reply.header('idempotent-replayed', 'true');
      return reply
        .code(status)
        .serializer((payload: unknown) => payload as string)
        .send(body);
    }
    throw new ConflictError('This Idempotency-Key changed state during the request; retry.', [
      { field: 'headers.idempotency-key', message: 'changed during the request' },
    ]);
  });

  app.addHook('onSend', async (req: WithClaim, reply, payload) => {
    const claim = req[CLAIM];
    if (!claim) return payload;
    req[CLAIM] = undefined;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string';
    if (!ok) {
      await store.release(claim.owner, claim.key);
      return payload;
    }
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply.getHeader(name);
      if (value !== undefined) headers[name] = String(value);
    }
    await store.complete(claim.owner, claim.key, { status: reply.statusCode, headers, body: payload }, new Date(now() + REPLAY_WINDOW_MS));
    return payload;
  });
}
