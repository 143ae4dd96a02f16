import type { Config } from '../config.js';

/**
 * Socket and request timeouts of the HTTP server (Node's http.Server, set through Fastify's options):
 * - `headersTimeout` = min(HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS): the request line and headers
 *   must arrive within it, however slowly they trickle in (the slow-loris guard) → 408 and close;
 * - `requestTimeout` = REQUEST_TIMEOUT_MS: the whole request (headers and body) → 408 and close;
 * - `connectionsCheckingInterval`: how often Node checks those two deadlines. Node's default is
 *   30 s, which would let a slow client hold a socket up to 30 s past its deadline; a quarter of
 *   the headers timeout, between 100 ms and 1 s, keeps the overshoot small;
 * - `connectionTimeout` (socket idle) = 2 × REQUEST_TIMEOUT_MS: closes a socket on which nothing
 *   moves at all (e.g. a client that stopped reading a response); longer than the request timeout so
 *   a stalled request gets its 408 first;
 * - `keepAliveTimeout` = KEEP_ALIVE_TIMEOUT_MS between requests on a kept-alive connection.
 */
export function serverTimeouts(config: Config) {
  const headersTimeout = Math.min(config.HEADERS_TIMEOUT_MS, config.REQUEST_TIMEOUT_MS);
  return {
    requestTimeout: config.REQUEST_TIMEOUT_MS,
    connectionTimeout: 2 * config.REQUEST_TIMEOUT_MS,
    keepAliveTimeout: config.KEEP_ALIVE_TIMEOUT_MS,
    http: {
      headersTimeout,
      connectionsCheckingInterval: Math.min(1_000, Math.max(100, Math.floor(headersTimeout / 4))),
    },
  };
}
