/**
 * One error model for the service. Every error a client can cause is an AppError; the single
 * error handler (src/http/problem.ts) renders it as RFC 9457 problem+json with the request id.
 */
export interface FieldProblem {
  /** JSON path of the offending field, dot-separated (`candidates.0.hardware`), or `body`. */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly errors: FieldProblem[] = [],
    /** Response headers the problem needs (e.g. `WWW-Authenticate` on a 401). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  /** Problem type URI: a stable, documented slug (see docs/errors.md). */
  get type(): string {
    return `https://breakeven.dev/problems/${this.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}

export class BadRequestError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(400, 'Invalid request', detail, errors);
  }
}

export class UnprocessableError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(422, 'Unprocessable request', detail, errors);
  }
}

/** A bearer challenge (RFC 6750 section 3) for the WWW-Authenticate header. */
function bearerChallenge(error?: string, scope?: string): string {
  const parts = ['realm="breakeven"'];
  if (error) parts.push(`error="${error}"`);
  if (scope) parts.push(`scope="${scope}"`);
  return `Bearer ${parts.join(', ')}`;
}

/** 401: no key where one is needed, or a key that is malformed, unknown or revoked. */
export class UnauthorizedError extends AppError {
  constructor(detail: string, error?: 'invalid_request' | 'invalid_token') {
    super(401, 'Unauthorized', detail, [], { 'www-authenticate': bearerChallenge(error) });
  }
}

/** 403: a valid key without the scope the route needs, or writes refused on this install. */
export class ForbiddenError extends AppError {
  constructor(detail: string, scope?: string) {
    super(403, 'Forbidden', detail, [], scope ? { 'www-authenticate': bearerChallenge('insufficient_scope', scope) } : {});
  }
}

export class NotFoundError extends AppError {
  constructor(kind: string, id: string) {
    super(404, 'Not found', `No ${kind} with id '${id}'.`);
  }
}

export class ConflictError extends AppError {
  constructor(detail: string, errors: FieldProblem[] = []) {
    super(409, 'Conflict', detail, errors);
  }
}

export class PreconditionFailedError extends AppError {
  constructor(detail: string) {
    super(412, 'Precondition failed', detail);
  }
}

export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    path: string,
    /** The methods the path answers, for the `Allow` header. */
    readonly allowed: readonly string[],
  ) {
    super(405, 'Method not allowed', `${path} does not answer ${method}; it answers ${allowed.join(', ')}.`);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(detail: string) {
    super(413, 'Payload too large', detail);
  }
}

export class NotAcceptableError extends AppError {
  constructor(detail: string) {
    super(406, 'Not acceptable', detail);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(detail: string, headers: Record<string, string> = {}) {
    super(503, 'Service unavailable', detail, [], headers);
  }
}

/** Seconds a client is asked to wait when the database is unavailable (`Retry-After`). */
export const DATABASE_RETRY_AFTER_S = 2;

/** The detail of {@link DatabaseUnavailableError} (also the OpenAPI document's 503 example). */
export const DATABASE_UNAVAILABLE_DETAIL = 'The database is unavailable or too busy; the request was not carried out. Retry later.';

/** The database cannot be used right now (down, restarting, connection lost, too busy): nothing was written. */
export class DatabaseUnavailableError extends ServiceUnavailableError {
  constructor() {
    super(DATABASE_UNAVAILABLE_DETAIL, {
      'retry-after': String(DATABASE_RETRY_AFTER_S),
    });
  }
}
