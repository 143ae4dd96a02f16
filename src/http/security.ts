import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/**
 * Content-Security-Policy of every response except Swagger UI's: API JSON, problem documents, CSV
 * and the SVG charts. Nothing may load or run (`default-src 'none'`: an SVG opened as a document
 * cannot run a script or fetch anything); inline styles stay allowed so a chart opened on its own
 * renders as in an `<img>`. No page may frame a response (`frame-ancestors 'none'`).
 */
export const API_CSP = {
  'default-src': ["'none'"],
  'style-src': ["'unsafe-inline'"],
  'img-src': ['data:'],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * Content-Security-Policy of Swagger UI at /docs: its own scripts, styles and images (Swagger UI
 * ships no inline script; it sets inline styles and uses data: icons), "Try it out" calls to this
 * origin only, never framed.
 */
export const DOCS_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/** Headers the browser may read on a cross-origin response. */
const EXPOSED_HEADERS = [
  'ETag',
  'Location',
  'X-Request-Id',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Allow',
];

/**
 * Security headers (@fastify/helmet) on every response, a Cache-Control default, and CORS
 * (@fastify/cors) for the origins in CORS_ORIGINS only (none by default: no CORS header is sent
 * and preflights are not answered). Registered on the root instance before any route.
 * - nosniff, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, HSTS (ignored by browsers
 *   over plain HTTP), COOP/CORP same-origin (helmet's defaults), the CSP above;
 * - Cache-Control, when a route set none: `no-cache` on a response with an ETag (a client may keep
 *   it but must revalidate), `no-store` otherwise (computed results and errors are not cached).
 */
export async function registerSecurity(app: FastifyInstance, config: Pick<Config, 'CORS_ORIGINS'>): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', reply.hasHeader('etag') ? 'no-cache' : 'no-store');
    return payload;
  });
  if (config.CORS_ORIGINS.length > 0) {
    await app.register(cors, {
      origin: [...config.CORS_ORIGINS],
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Content-Type', 'Accept', 'Authorization', 'If-Match', 'Idempotency-Key', 'X-Request-Id'],
      exposedHeaders: EXPOSED_HEADERS,
      maxAge: 600,
    });
  }
}
