import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { problemBody, sendProblem } from './problem.js';

/**
 * Errors Node's HTTP parser raises before any Fastify request exists (Fastify's `clientErrorHandler`
 * hook), answered as problem+json on the raw socket, which is then closed:
 * - `ERR_HTTP_REQUEST_TIMEOUT` (headers or body not received within HEADERS_TIMEOUT_MS /
 *   REQUEST_TIMEOUT_MS) → 408;
 * - `HPE_HEADER_OVERFLOW` (headers over Node's 16 KiB limit) → 431;
 * - every other parser error (malformed request line, bad or conflicting Content-Length /
 *   Transfer-Encoding, invalid header characters) → 400.
 * A reset or already destroyed socket gets nothing: there is no one to answer.
 */
export function clientErrorProblem(err: NodeJS.ErrnoException): AppError {
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new AppError(408, 'Request timeout', 'The request was not received in full within the time allowed.');
  }
  if (err.code === 'HPE_HEADER_OVERFLOW') {
    return new AppError(431, 'Request header fields too large', 'The request headers exceed the size this server accepts (16 KiB).');
  }
  return new AppError(400, 'Malformed request', `The request is not valid HTTP/1.1 (${err.code ?? 'parse error'}).`);
}

export function makeClientErrorHandler(app: { log: FastifyInstance['log'] }) {
  return function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const problem = clientErrorProblem(err);
    const requestId = randomUUID();
    app.log.info({ code: err.code, status: problem.status, requestId }, 'client error');
    if (socket.writable) {
      const body = JSON.stringify(problemBody(problem, requestId));
      socket.write(
        `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
          'Content-Type: application/problem+json\r\n' +
          `Content-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\n` +
          'Connection: close\r\n\r\n' +
          body,
      );
    }
    socket.destroy();
  };
}

/**
 * Fastify's `frameworkErrors` hook: errors raised while routing, before the route's own error
 * handler applies. A URL that is not valid percent-encoding (FST_ERR_BAD_URL) or a path parameter
 * over the length limit (FST_ERR_MAX_PARAM_LENGTH) → 400 naming the URL.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-request-id', request.id);
  if (err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(
      request,
      reply,
      new AppError(400, 'Invalid request', `The URL ${request.url} is not valid: ${err.message}`, [{ field: 'url', message: err.message }]),
    );
    return;
  }
  request.log.error({ err }, 'routing failed');
  sendProblem(
    request,
    reply,
    new AppError(500, 'Internal server error', 'An unexpected error occurred; the request id identifies it in the logs.'),
  );
}
