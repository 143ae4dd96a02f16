import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export const API_VERSION = '0.1.0';

const DESCRIPTION = `Breakeven tells what LLM inference really costs: self-hosting an open-weight model on GPUs
you rent or buy, versus paying a closed API per token, and at what volume one becomes cheaper.

Every figure in the reference catalogue carries a source URL and an as-of date. Errors are RFC 9457
problem+json with the request id; validation errors list each offending field. Writes return an
ETag (the record's version) and accept If-Match to guard against lost updates.`;

/** Registers the OpenAPI generator (from the routes' zod schemas) and Swagger UI at /docs. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Breakeven', version: API_VERSION, description: DESCRIPTION, license: { name: 'Apache-2.0', identifier: 'Apache-2.0' } },
      servers: [{ url: 'http://localhost:3000', description: 'Local service (npm start)' }],
      tags: [
        { name: 'Hardware', description: 'GPU and accelerator profiles.' },
        { name: 'Models', description: 'Open-weight model profiles.' },
        { name: 'API offerings', description: 'Per-token API prices, closed and hosted open-weight.' },
        { name: 'Operations', description: 'Liveness, readiness and the API description.' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: true },
  });
}

/** The OpenAPI document as JSON and YAML, at stable top-level paths. */
export async function openApiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/openapi.yaml', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/yaml').send(app.swagger({ yaml: true })),
  );
}
