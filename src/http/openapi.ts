import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { SECURITY_SCHEME } from '../auth/plugin.js';
import { tidySchemas } from './openapi-components.js';
import { BATCH_CSV_EXAMPLE, COMPARE_CSV_EXAMPLE, NDJSON_EXAMPLE } from './openapi-examples.js';
import { problemExample } from './openapi-problems.js';
import { DOCS_CSP } from './security.js';

export const API_VERSION = '0.1.0';

const DESCRIPTION = [
  'Breakeven tells what LLM inference really costs: self-hosting an open-weight model on GPUs you rent or buy, versus paying a closed API per token, and at what volume one becomes cheaper.',
  'Every figure in the reference catalogue carries a source URL and an as-of date. Errors are RFC 9457 problem+json with the request id; validation errors list each offending field (400 for a malformed or schema-invalid request, 422 for a well-formed one that cannot be evaluated). Writes return an ETag (the record version) and accept If-Match to guard against lost updates.',
].join('\n\n');

const STATUS_TEXT: Record<string, string> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted: the work continues in the background; the Location header names where to follow it.',
  '204': 'No content',
  '400': 'Invalid request: malformed JSON or a field that fails validation (errors lists each).',
  '401': 'No API key where one is needed, or one that is malformed, unknown or revoked (WWW-Authenticate: Bearer).',
  '403': 'The API key lacks the scope this operation needs, or no key is configured and the service listens beyond loopback.',
  '404': 'No such resource.',
  '406': 'The Accept header names no representation this operation offers.',
  '409': 'Conflict: duplicate id, or the record changed during the request.',
  '412': 'If-Match names a version that is no longer current.',
  '413': 'Request body larger than the limit.',
  '415': 'Content-Type is not application/json.',
  '422': 'Well-formed request that cannot be evaluated (unknown profile id, impossible inputs).',
  '502': 'The upstream source answered with an error or with data that does not validate.',
  '429':
    'Too many requests: this client used its per-minute budget for this kind of operation (Retry-After says when to retry; RateLimit-* headers on every counted response). docs/edge.md, Rate limits.',
  '503':
    'Service unavailable: the database cannot be used or is too busy, or the service sheds load. Nothing was carried out; retry after Retry-After seconds (docs/errors.md).',
  '504': 'The upstream source did not answer in time.',
};

type ResponseObject = {
  $ref?: string;
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown; example?: unknown }>;
};

const READY_503 = 'Not ready: the database does not answer, a migration is pending, or the process drains or sheds load.';
const RETRY_AFTER = { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 0 } };
type Operation = { operationId?: string; security?: unknown[]; responses?: Record<string, ResponseObject> };
type OpenApiDoc = {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown>; responses?: Record<string, unknown> };
};

/** An NDJSON body: a string whose every line is a JSON document matching `line` (a schema). */
const ndjsonBody = (line: unknown) => ({
  schema: {
    type: 'string',
    contentMediaType: 'application/x-ndjson',
    contentSchema: line,
    description: 'NDJSON: one JSON document per line, each matching contentSchema (a BatchLine per item, then a BatchEnd).',
    examples: [NDJSON_EXAMPLE],
  },
});
const NDJSON_DESCRIPTION =
  'OK: an NDJSON stream (application/x-ndjson), one JSON document per line: a BatchLine per item in item order, then one BatchEnd (contentSchema: the schema of one line). Read the body as text and parse each line.';

/**
 * Success media types of operations that answer more than JSON. `schema` keeps the generated JSON
 * schema; `ndjson`, `csv` and `svg` are string bodies (what a client reads: openapi-fetch with
 * `parseAs: 'text'`). The NDJSON body names the schema of one line in `contentSchema` (what
 * OpenAPI 3.2 calls the `itemSchema` of a sequential media type; this document is 3.1).
 */
const SUCCESS_MEDIA_TYPES: Record<string, Record<string, 'schema' | 'ndjson' | 'csv' | 'batchCsv' | 'svg'>> = {
  compare: { 'application/json': 'schema', 'text/csv': 'csv' },
  compareBatch: { 'application/x-ndjson': 'ndjson', 'text/csv': 'batchCsv' },
  getBatchJobResults: { 'application/x-ndjson': 'ndjson', 'text/csv': 'batchCsv' },
  getScenarioBreakEvenChart: { 'image/svg+xml': 'svg' },
  getScenarioSensitivityChart: { 'image/svg+xml': 'svg' },
  getScenarioHistoryChart: { 'image/svg+xml': 'svg' },
  getScenarioHybridChart: { 'image/svg+xml': 'svg' },
};

const STRING_BODIES = {
  csv: { schema: { type: 'string', description: 'CSV (RFC 4180), one row per candidate.' }, example: COMPARE_CSV_EXAMPLE },
  batchCsv: {
    schema: { type: 'string', description: 'CSV (RFC 4180), one row per candidate per item, then the `# end` trailer line.' },
    example: BATCH_CSV_EXAMPLE,
  },
  svg: {
    schema: {
      type: 'string',
      description: 'An SVG document (image/svg+xml).',
      examples: ['<svg xmlns="http://www.w3.org/2000/svg" width="800" height="480" role="img">…</svg>'],
    },
  },
};

/** Paths the rate limits never count (src/http/limits.ts). */
const RATE_LIMIT_EXEMPT = new Set(['/health', '/ready', '/metrics']);
/** Paths that never answer 503: liveness and metrics are exempt from load shedding and read no database. */
const NEVER_UNAVAILABLE = new Set(['/health', '/metrics']);

/** The JSON content (the Problem schema) of some error response in the document, to declare 429 and 503 with. */
function anyProblemContent(doc: OpenApiDoc): { schema?: unknown } | undefined {
  for (const item of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const [code, res] of Object.entries(op.responses ?? {})) {
        const content = res.content?.['application/json'];
        if (Number(code) >= 400 && content?.schema) return { schema: content.schema };
      }
    }
  }
  return undefined;
}

/**
 * Post-processes the generated document: 429 and 503 on every operation that can answer them, success media types beyond JSON, error responses served
 * as application/problem+json with an example of their own status, a meaningful description
 * instead of "Default Response", and `security: []` on the operations that need no key.
 */
function describeResponses(doc: OpenApiDoc): OpenApiDoc {
  const problemContent = anyProblemContent(doc);
  if (problemContent) {
    const shared = (code: 429 | 503, path: string) => ({
      description: STATUS_TEXT[String(code)] ?? '',
      headers: { 'Retry-After': RETRY_AFTER },
      content: { 'application/problem+json': { ...problemContent, example: problemExample(code, 'post', path) } },
    });
    doc.components ??= {};
    doc.components.responses = {
      ...doc.components.responses,
      TooManyRequests: shared(429, '/compare'),
      ServiceUnavailable: shared(503, '/scenarios'),
    };
  }
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      op.security ??= [];
      // Answers every operation can give, declared (shared components) so that generated clients type them.
      if (problemContent) {
        op.responses ??= {};
        const responses = op.responses;
        if (!RATE_LIMIT_EXEMPT.has(path)) responses['429'] ??= { $ref: '#/components/responses/TooManyRequests' };
        if (!NEVER_UNAVAILABLE.has(path)) responses['503'] ??= { $ref: '#/components/responses/ServiceUnavailable' };
      }
      const media = op.operationId ? SUCCESS_MEDIA_TYPES[op.operationId] : undefined;
      const ok = op.responses?.['200'];
      if (media && ok) {
        const jsonContent = ok.content?.['application/json'] ?? {};
        ok.content = Object.fromEntries(
          Object.entries(media).map(([type, kind]) => [
            type,
            kind === 'schema' ? jsonContent : kind === 'ndjson' ? ndjsonBody(jsonContent.schema) : STRING_BODIES[kind],
          ]),
        );
        if (media['application/x-ndjson']) ok.description = NDJSON_DESCRIPTION;
      }
      for (const [code, res] of Object.entries(op.responses ?? {})) {
        if (res.$ref !== undefined) continue;
        if (res.description === undefined || res.description === 'Default Response') {
          res.description = (path === '/ready' && code === '503' ? READY_503 : STATUS_TEXT[code]) ?? res.description ?? '';
        }
        if (code === '503') res.headers ??= { 'Retry-After': RETRY_AFTER };
        const problem = res.content?.['application/json'];
        if (Number(code) >= 400 && problem) {
          const example = problemExample(Number(code), method, path);
          res.content = { 'application/problem+json': example ? { ...problem, example } : problem };
        }
      }
    }
  }
  return tidySchemas(doc);
}

/** Registers the OpenAPI generator (from the routes' zod schemas) and Swagger UI at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Breakeven',
        version: API_VERSION,
        description: DESCRIPTION,
        license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
      },
      servers: [{ url: '/', description: 'The service serving this document' }],
      tags: [
        { name: 'Hardware', description: 'GPU and accelerator profiles.' },
        { name: 'Models', description: 'Open-weight model profiles.' },
        { name: 'API offerings', description: 'Per-token API prices, closed and hosted open-weight.' },
        { name: 'Comparison', description: 'Sizing, comparisons, break-even volumes and projections.' },
        { name: 'Scenarios', description: 'Saved comparisons, re-evaluated against current profiles.' },
        { name: 'API keys', description: 'Key management for admin keys (docs/auth.md).' },
        { name: 'Operations', description: 'Liveness, readiness and the API description.' },
      ],
      components: {
        securitySchemes: {
          [SECURITY_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description:
              'An API key, `Authorization: Bearer bk_…`. Each operation lists the scope it needs: read (any key; needed only with AUTH_READS=key), write, catalog:write, admin. See docs/auth.md.',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (input) =>
      describeResponses(jsonSchemaTransformObject(input) as OpenApiDoc) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
    staticCSP: DOCS_CSP,
  });
}

/** The OpenAPI document as JSON and YAML, at stable top-level paths. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { config: { scope: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/openapi.yaml', { config: { scope: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  );
}
