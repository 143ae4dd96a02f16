/**
 * Examples of the problem+json bodies each status code answers with, for the OpenAPI document:
 * the shared Problem schema carries one (400) example, so every error response gets its own.
 * Titles and details follow src/errors.ts and src/http/problem.ts.
 */
import { DATABASE_UNAVAILABLE_DETAIL } from '../errors.js';

const REQUEST_ID = '5f0c6a8e-2b1d-4c3e-9f7a-1d2e3f4a5b6c';
const SCENARIO_ID = '23724ed5-3726-4d4b-ae95-b99c710f4656';

/** What `{id}` stands for under each top-level path, and its sample value. */
const RESOURCES: Record<string, { noun: string; id: string }> = {
  hardware: { noun: 'hardware', id: 'nvidia-h100-sxm' },
  models: { noun: 'model', id: 'llama-3.3-70b' },
  'api-offerings': { noun: 'API offering', id: 'openai-gpt-5' },
  scenarios: { noun: 'scenario', id: SCENARIO_ID },
  'batch-jobs': { noun: 'batch job', id: '0b6f3c1e-8a2d-4f7b-9c5e-2d1a4b3c6e7f' },
  keys: { noun: 'API key', id: 'k_4f7b9c5e2d1a' },
};

interface ProblemExample {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

const typeOf = (title: string) => `https://breakeven.dev/problems/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/** The problem body `status` answers on `method` `path` (an OpenAPI path template), or undefined for an unknown code. */
export function problemExample(status: number, method: string, path: string): ProblemExample | undefined {
  const resource = RESOURCES[path.split('/')[1] ?? ''];
  const instance = path.replace('{id}', resource?.id ?? 'id').replace('{runId}', '41');
  const body = (title: string, detail: string, errors?: ProblemExample['errors']): ProblemExample => ({
    type: typeOf(title),
    title,
    status,
    detail,
    instance,
    requestId: REQUEST_ID,
    ...(errors ? { errors } : {}),
  });
  switch (status) {
    case 400:
      return method === 'get' || method === 'delete'
        ? body('Invalid request', 'The query string is invalid: 1 problem(s).', [
            { field: 'limit', message: 'Too big: expected number to be <=200' },
          ])
        : body('Invalid request', 'The request body is invalid: 1 problem(s).', [
            { field: 'candidates', message: 'Invalid input: expected array, received undefined' },
          ]);
    case 401:
      return body('Unauthorized', 'The API key is not valid.');
    case 403:
      return body('Forbidden', "This operation needs an API key with the 'write' scope; this key has: read.");
    case 404:
      return path.includes('{runId}')
        ? body('Not found', "No run with id '41'.")
        : body('Not found', `No ${resource?.noun ?? 'resource'} with id '${resource?.id ?? 'id'}'.`);
    case 406:
      return body('Not acceptable', 'The Accept header names no representation this operation offers (application/json, text/csv).');
    case 409:
      return body('Conflict', 'The record changed during the request; read it again and retry.');
    case 412:
      return body(
        'Precondition failed',
        `The ${resource?.noun ?? 'record'} '${resource?.id ?? 'id'}' is at version 2, not 1; fetch it again and retry.`,
      );
    case 413:
      return body('Payload too large', 'Request body is too large');
    case 415:
      return body('Unsupported media type', 'Unsupported Media Type: text/plain');
    case 422:
      return body('Unprocessable request', 'The request references 1 unknown profile id(s).', [
        { field: 'candidates.1.model', message: "no model profile with id 'llama-9-1t'" },
      ]);
    case 502:
      return body('Bad gateway', 'The price source answered HTTP 500.');
    case 429:
      return body('Too many requests', 'Rate limit of 120 compute requests per minute reached for this client; retry after 42 seconds.');
    case 503:
      return path === '/ready'
        ? body('Service unavailable', 'Not ready: the database does not answer.')
        : body('Service unavailable', DATABASE_UNAVAILABLE_DETAIL);
    case 504:
      return body('Gateway timeout', 'The price source did not answer within 10000 ms (PRICE_SYNC_TIMEOUT_MS).');
    default:
      return undefined;
  }
}
