import type { FastifyRequest } from 'fastify';

/** Name parts that mark a query parameter as a secret (compared after splitting on `_`, `-`, `.` and camelCase). */
const SECRET_PARTS = new Set([
  'token',
  'key',
  'apikey',
  'secret',
  'password',
  'passwd',
  'pwd',
  'auth',
  'authorization',
  'signature',
  'sig',
  'session',
  'credential',
  'credentials',
  'jwt',
  'bearer',
]);

function looksSecret(rawName: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(rawName.replace(/\+/g, ' '));
  } catch {
    name = rawName;
  }
  const parts = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return parts.some((p) => SECRET_PARTS.has(p));
}

/**
 * The URL with the value of every query parameter whose name looks like a secret (`token`,
 * `api_key`, `X-Api-Key`, `client_secret`, `accessToken`, `password`, ...) replaced by `[REDACTED]`.
 * Other parameters, their order and the path are kept byte for byte. Example:
 * `redactUrl('/a?name=x&token=abc')` → `'/a?name=x&token=[REDACTED]'`.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return looksSecret(name) ? `${name}=[REDACTED]` : pair;
    })
    .join('&');
  return `${url.slice(0, q)}?${query}`;
}

/** pino serializer for `req`: Fastify's default fields, with the URL redacted. */
export function requestLogSerializer(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: redactUrl(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
