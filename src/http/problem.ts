import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { AppError, DatabaseUnavailableError, type FieldProblem, MethodNotAllowedError } from '../errors.js';
import { RouteMethods } from './method-not-allowed.js';
import { type IssueLike, issuesToProblems } from './zod-problems.js';

/**
 * The single error handler (and the not-found handler: 405 with `Allow` when the path exists with
 * other methods, else 404): every error becomes RFC 9457 problem+json carrying the request id.
 * 4xx keep their message; 5xx hide internals (the log has them).
 */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, err: AppError): FastifyReply {
  for (const [name, value] of Object.entries(err.headers)) reply.header(name, value);
  return reply
    .code(err.status)
    .type('application/problem+json')
    .send(problemBody(err, request.id, request.url));
}

/** The problem+json document of an error; `instance` is left out when there is no request URL to name. */
export function problemBody(err: AppError, requestId: string, instance?: string): Record<string, unknown> {
  const body: Record<string, unknown> = { type: err.type, title: err.title, status: err.status, detail: err.message };
  if (instance !== undefined) body.instance = instance;
  body.requestId = requestId;
  if (err.errors.length > 0) body.errors = err.errors;
  return body;
}

/** Fastify's own client errors, by code, as (status, title). */
const FASTIFY_CLIENT_ERRORS: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'Unsupported media type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'Invalid request'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'Invalid request'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'Invalid request'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'Payload too large'],
};

export function toAppError(err: FastifyError | Error): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return new DatabaseUnavailableError();
  // Body fields are named by their JSON path; query, params and headers fields get their location as prefix.
  if (hasZodFastifySchemaValidationErrors(err)) {
    const location = (err as FastifyError).validationContext ?? 'body';
    const issues: IssueLike[] = err.validation.map((v) => ({
      ...(v.params as IssueLike),
      code: v.keyword,
      message: v.message,
      path: v.instancePath.split('/').filter((p) => p !== ''),
    }));
    const errors: FieldProblem[] = issuesToProblems(issues).map((p) => ({
      ...p,
      field: location === 'body' ? p.field : p.field === 'body' ? location : `${location}.${p.field}`,
    }));
    return new AppError(400, 'Invalid request', `The request ${location} is invalid: ${errors.length} problem(s).`, errors);
  }
  const fe = err as FastifyError;
  if (fe.code && FASTIFY_CLIENT_ERRORS[fe.code]) {
    const [status, title] = FASTIFY_CLIENT_ERRORS[fe.code] as [number, string];
    const field = status === 413 || status === 415 ? [] : [{ field: 'body', message: fe.message }];
    return new AppError(status, title, fe.message, field);
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(fe.statusCode, 'Invalid request', fe.message);
  }
  return new AppError(500, 'Internal server error', 'An unexpected error occurred; the request id identifies it in the logs.');
}

export function registerProblemHandlers(app: FastifyInstance, onServerError: (err: unknown) => void = () => {}): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const problem = toAppError(err);
    if (problem.status >= 500) onServerError(err);
    // 503 (draining, shedding load, database down) is a state of the service, not a failed request.
    if (problem.status >= 500 && problem.status !== 503) {
      request.log.error({ err, responseValidation: isResponseSerializationError(err) }, 'request failed');
    } else if (problem instanceof DatabaseUnavailableError) {
      request.log.warn({ err }, 'database unavailable');
    } else {
      request.log.info({ status: problem.status, detail: problem.message }, 'request rejected');
    }
    return sendProblem(request, reply, problem);
  });
  const routeMethods = new RouteMethods(app);
  app.setNotFoundHandler((request, reply) => {
    const allowed = routeMethods.allowed(request.url);
    if (allowed.length > 0) {
      const path = request.url.split('?')[0] ?? request.url;
      return sendProblem(request, reply.header('allow', allowed.join(', ')), new MethodNotAllowedError(request.method, path, allowed));
    }
    return sendProblem(request, reply, new AppError(404, 'Not found', `No route ${request.method} ${request.url}.`));
  });
}
