import type { Scope } from './actor.js';

/** Every scope a key can hold (docs/auth.md, "Scopes"). */
export const SCOPES = ['read', 'write', 'catalog:write', 'admin'] as const satisfies readonly Scope[];

/**
 * What a route requires, declared once per route as `config: { scope }` (docs/auth.md):
 * a scope, or `public` for routes open to anyone whatever the settings (health, readiness, docs).
 */
export type RouteScope = Scope | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The scope a request to this route needs; see src/auth/scopes.ts and docs/auth.md. */
    scope?: RouteScope;
    /** The route honours `Idempotency-Key` (src/auth/idempotency.ts). */
    idempotent?: boolean;
  }
}

/**
 * Whether a key holding `held` may call a route requiring `needed`: `admin` may do everything,
 * and any key may read.
 */
export function grants(held: readonly Scope[], needed: Scope): boolean {
  return held.includes('admin') || held.includes(needed) || (needed === 'read' && held.length > 0);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The scope a route requires: the one it declares, else `read` for GET/HEAD/OPTIONS and `admin`
 * (the most restrictive) for any other method, so that a write route that forgets to declare its
 * scope is closed rather than open.
 */
export function requiredScope(method: string | string[], declared: RouteScope | undefined): RouteScope {
  if (declared) return declared;
  const methods = Array.isArray(method) ? method : [method];
  return methods.every((m) => SAFE_METHODS.has(m.toUpperCase())) ? 'read' : 'admin';
}
