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
  constructor(detail: string) {
    super(503, 'Service unavailable', detail);
  }
}
