import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf } from '../auth/actor.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';

/** Routes that run the cost engine: they share the RATE_LIMIT_MAX budget whatever their method. */
const COMPUTE_ROUTES = new Set(['/compare', '/compare/batch', '/estimates', '/projections']);

/** Operational routes probes and scrapers call: never limited. */
const EXEMPT_ROUTES = new Set(['/health', '/ready', '/metrics']);

type LimitConfig = Pick<Config, 'RATE_LIMIT_MAX' | 'RATE_LIMIT_READ_MAX' | 'RATE_LIMIT_WRITE_MAX'>;

export interface Budget {
  name: 'compute' | 'read' | 'write' | 'exempt';
  /** Requests per minute per client; null when exempt. */
  max: number | null;
}

/**
 * Which per-minute budget a request draws on, from its method and route pattern:
 * computing routes → `RATE_LIMIT_MAX`; other GET/HEAD/OPTIONS → `RATE_LIMIT_READ_MAX`; other
 * methods → `RATE_LIMIT_WRITE_MAX`; /health, /ready, /metrics → none.
 */
export function rateLimitBudget(method: string, routeUrl: string | undefined, config: LimitConfig): Budget {
  if (routeUrl !== undefined && EXEMPT_ROUTES.has(routeUrl)) return { name: 'exempt', max: null };
  if (routeUrl !== undefined && COMPUTE_ROUTES.has(routeUrl)) return { name: 'compute', max: config.RATE_LIMIT_MAX };
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') return { name: 'read', max: config.RATE_LIMIT_READ_MAX };
  return { name: 'write', max: config.RATE_LIMIT_WRITE_MAX };
}

/** Who is counted: the API key when the request carries one (src/auth/actor.ts), else the client IP. */
export function clientOf(req: FastifyRequest): string {
  const { keyId } = actorOf(req);
  return keyId !== null ? `key:${keyId}` : `ip:${req.ip}`;
}

function budgetOf(req: FastifyRequest, config: LimitConfig): Budget {
  return rateLimitBudget(req.method, req.routeOptions.url, config);
}

/**
 * Per-client rate limits (@fastify/rate-limit, in-memory store: each instance counts its own
 * clients) with three separate budgets per minute (see `rateLimitBudget`). Counted in a
 * route-level onRequest hook: after the keys room's app-level onRequest hook has set the actor
 * (Fastify runs app-level hooks first), before the body is read or validated (rejected requests
 * count too; a request refused 401/403 by the keys room does not reach the limiter). Over budget → 429 problem+json with `Retry-After` and
 * the IETF draft headers `RateLimit-Limit`, `RateLimit-Remaining`, `RateLimit-Reset` (also sent
 * on every counted response).
 */
export async function registerRateLimits(app: FastifyInstance, config: LimitConfig): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: 60_000,
    enableDraftSpec: true,
    allowList: (req) => budgetOf(req, config).name === 'exempt',
    keyGenerator: (req) => `${budgetOf(req, config).name}:${clientOf(req)}`,
    max: (req) => budgetOf(req, config).max ?? Number.MAX_SAFE_INTEGER,
    errorResponseBuilder: (req, ctx) => {
      const budget = budgetOf(req, config);
      return new AppError(
        429,
        'Too many requests',
        `Rate limit of ${ctx.max} ${budget.name} requests per minute reached for this client; retry after ${ctx.after}.`,
      );
    },
  });
}
