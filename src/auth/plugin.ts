import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Config } from '../config.js';
import { ForbiddenError, UnauthorizedError } from '../errors.js';
import { problemSchema } from '../schemas/common.js';
import { ANONYMOUS } from './actor.js';
import type { KeyAuthenticator } from './authenticator.js';
import { grants, type RouteScope, requiredScope } from './scopes.js';

/** Name of the bearer scheme in the OpenAPI document (Swagger UI's "Authorize"). */
export const SECURITY_SCHEME = 'apiKey';

/** Routes registered by third-party plugins, open to anyone: Swagger UI and its assets. */
const PUBLIC_PREFIXES = ['/docs'];

/** Whether `host` is a loopback address (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(h);
}

/** The route's scope: its `config.scope`, or the default for its method (src/auth/scopes.ts). */
function scopeOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): RouteScope {
  const declared = (route.config as { scope?: RouteScope } | undefined)?.scope;
  if (!declared && PUBLIC_PREFIXES.some((p) => route.url === p || route.url.startsWith(`${p}/`))) return 'public';
  return requiredScope(route.method, declared);
}

/** One route and the scope it requires, as registered (HEAD routes Fastify adds for GETs included). */
export interface RouteScopeEntry {
  method: string;
  url: string;
  scope: RouteScope;
  /** Whether the route declares its scope (`config.scope`) rather than taking its method's default. */
  declared: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its scope, in registration order (docs/auth.md; the auth tests iterate it). */
    routeScopes: readonly RouteScopeEntry[];
  }
}

export interface AuthOptions {
  config: Pick<Config, 'HOST' | 'AUTH_READS'>;
  authenticator: KeyAuthenticator;
}

/**
 * Authentication and authorisation for every route (docs/auth.md). Register on the root instance
 * before any route: an onRoute hook fixes each route's scope (and documents it in the OpenAPI
 * document), an onRequest hook sets `request.actor` from `Authorization: Bearer <key>` and refuses
 * the request (401/403 problem+json) before its body is read when the actor may not call the route.
 */
export function registerAuth(app: FastifyInstance, { config, authenticator }: AuthOptions): void {
  const readsOpen = config.AUTH_READS === 'open';
  const loopback = isLoopback(config.HOST);

  const table: RouteScopeEntry[] = [];
  app.decorate('routeScopes', table);
  app.addHook('onRoute', (route) => {
    const declared = (route.config as { scope?: RouteScope } | undefined)?.scope !== undefined;
    const scope = scopeOf(route);
    route.config = { ...(route.config as object), scope };
    for (const method of [route.method].flat()) table.push({ method, url: route.url, scope, declared });
    if (scope === 'public' || !route.schema || route.schema.hide) return;
    const keyed = { [SECURITY_SCHEME]: [scope] };
    // Reads accept a key and need one only with AUTH_READS=key: `{}` marks the key optional.
    route.schema = {
      ...route.schema,
      security: scope === 'read' ? [{}, keyed] : [keyed],
      response: {
        ...(route.schema.response as object),
        401: problemSchema,
        403: problemSchema,
      },
    } as typeof route.schema;
  });

  async function actorFor(req: FastifyRequest) {
    const header = req.headers.authorization;
    if (header === undefined) return ANONYMOUS;
    const match = /^Bearer +([^\s]+) *$/i.exec(header);
    if (!match) throw new UnauthorizedError('The Authorization header must be `Bearer <API key>`.', 'invalid_request');
    const result = await authenticator.authenticate(match[1] as string, (err) => req.log.warn({ err }, 'could not record the API key use'));
    if (!result.ok) {
      throw new UnauthorizedError(
        result.reason === 'revoked' ? 'The API key has been revoked.' : 'The API key is not valid.',
        'invalid_token',
      );
    }
    return result.actor;
  }

  app.addHook('onRequest', async (req) => {
    // Unknown routes answer 404 to everyone.
    if (req.routeOptions.url === undefined) return;
    const scope = (req.routeOptions.config as { scope?: RouteScope }).scope ?? 'admin';
    if (scope === 'public') return;
    const actor = await actorFor(req);
    req.actor = actor;
    if (actor.keyId !== null) {
      if (!grants(actor.scopes, scope)) {
        throw new ForbiddenError(
          `This operation needs an API key with the '${scope}' scope; this key has: ${actor.scopes.join(', ')}.`,
          scope,
        );
      }
      return;
    }
    if (scope === 'read' && readsOpen) return;
    if (await authenticator.anyKeyExists()) {
      throw new UnauthorizedError(`This operation needs an API key with the '${scope}' scope: send Authorization: Bearer <key>.`);
    }
    if (!loopback) {
      throw new ForbiddenError(
        `No API key is configured and the service listens on ${config.HOST}, beyond loopback, so it refuses operations that need a key. Set ADMIN_API_KEY or run \`npm run keys:create -- --name admin --scopes admin\`, then send Authorization: Bearer <key> (docs/auth.md).`,
      );
    }
    // No key configured and loopback only: the first-try mode, announced at start (see warnIfUnprotected).
  });
}

/** Logs a loud warning at start when no API key exists (writes are open to anyone on loopback). */
export async function warnIfUnprotected(app: FastifyInstance, config: Pick<Config, 'HOST'>, authenticator: KeyAuthenticator) {
  if (await authenticator.anyKeyExists()) return;
  if (isLoopback(config.HOST)) {
    app.log.warn(
      'NO API KEY IS CONFIGURED: every write is UNPROTECTED (accepted from anyone who can reach 127.0.0.1). Set ADMIN_API_KEY or run `npm run keys:create -- --name admin --scopes admin` (docs/auth.md).',
    );
  } else {
    app.log.warn(
      `No API key is configured and HOST=${config.HOST} is not loopback: every write is REFUSED until a key exists. Set ADMIN_API_KEY or run \`npm run keys:create -- --name admin --scopes admin\` (docs/auth.md).`,
    );
  }
}
