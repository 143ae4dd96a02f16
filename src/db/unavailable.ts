/**
 * Whether an error means that the database cannot be used right now — the server is down,
 * restarting or refusing connections, or the connection broke mid-query — rather than that the
 * query itself failed. Such a request is answered 503 with `Retry-After` (src/http/problem.ts),
 * never 500: the write it carried was not acknowledged, and the client may retry it
 * (docs/edge.md, "Durability").
 *
 * The errors come in several wrappers, so the whole chain is searched (`cause`,
 * `meta.driverAdapterError`): Prisma's connection codes (P1001 cannot reach, P1002/P1008 timed
 * out, P1017 connection closed, P2024 pool timeout, P2037 too many connections; P2028 when an
 * interactive transaction could not start within `maxWait` or outlived its `timeout`: Prisma
 * rolls it back, so nothing was written, and the cause is a busy database, e.g. a 100,000-item
 * batch job stored while PostgreSQL is held up by locks or load); a driver
 * adapter's error kind (DatabaseNotReachable, ConnectionClosed, SocketTimeout — which is also how
 * the better-sqlite3 adapter reports SQLITE_BUSY after the busy timeout —, TooManyConnections) or
 * PostgreSQL SQLSTATE (class 08 connection exception, 57P01–57P04 shutdown / starting up, 53300
 * too many connections); a socket errno; and node-postgres' own messages for a connection that
 * ended under a query ("Connection terminated unexpectedly").
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH']);
/** P2028 is also Prisma's code for transaction misuse (a bug); only its two time limits count. */
const TRANSACTION_TIME = /expired transaction|Unable to start a transaction in the given time/;
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-4]|53300)$/;
const PG_MESSAGES = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

export function isDatabaseUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [err];
  while (queue.length > 0) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null || seen.has(e) || seen.size > 8) continue;
    seen.add(e);
    const { code, kind, originalCode, message, cause, meta } = e as Record<string, unknown>;
    if (typeof code === 'string' && (PRISMA_CODES.has(code) || SOCKET_CODES.has(code))) return true;
    if (code === 'P2028' && typeof message === 'string' && TRANSACTION_TIME.test(message)) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
    for (const state of [code, originalCode]) if (typeof state === 'string' && SQLSTATE.test(state)) return true;
    if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
    queue.push(cause, (meta as Record<string, unknown> | undefined)?.driverAdapterError);
  }
  return false;
}
