import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { writeContext } from '../audit/context.js';
import { problemResponses } from '../schemas/common.js';
import type { KeyService } from './keys-service.js';
import { createdKeySchema, keyCreateSchema, keyIdParams, keyListQuery, keyPageSchema, keySchema } from './schemas.js';

/** Key management for admin keys: create (the secret is shown once), list (no secrets), revoke. */
export async function keyRoutes(app: FastifyInstance, { keys }: { keys: KeyService }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/keys', {
    config: { scope: 'admin' },
    schema: {
      tags: ['API keys'],
      operationId: 'createApiKey',
      summary: 'Create an API key',
      description:
        'Answers the new key with its secret, which is shown this once and never stored (only its SHA-256 is). Not idempotent: a retry creates another key, so an Idempotency-Key is ignored here (a replay would have to store the secret).',
      body: keyCreateSchema,
      response: { 201: createdKeySchema, ...problemResponses(400, 413, 415) },
    },
    handler: async (req, reply) => {
      const { key, secret } = await keys.create(req.body.name, req.body.scopes, writeContext(req, app.now));
      reply.code(201).header('location', `/keys/${key.id}`).header('cache-control', 'no-store');
      return { ...key, secret };
    },
  });

  r.get('/keys', {
    config: { scope: 'admin' },
    schema: {
      tags: ['API keys'],
      operationId: 'listApiKeys',
      summary: 'List API keys (without secrets)',
      description: 'Oldest first, revoked keys included.',
      querystring: keyListQuery,
      response: { 200: keyPageSchema, ...problemResponses(400) },
    },
    handler: async (req) => keys.list(req.query),
  });

  r.delete('/keys/:id', {
    config: { scope: 'admin' },
    schema: {
      tags: ['API keys'],
      operationId: 'revokeApiKey',
      summary: 'Revoke an API key',
      description:
        'The key answers 401 from now on (on other instances within AUTH_KEY_CACHE_TTL_MS). Revoking twice keeps the first revocation time. Its scenarios stay, visible to admin keys.',
      params: keyIdParams,
      response: { 200: keySchema, ...problemResponses(400, 404) },
    },
    handler: async (req) => keys.revoke(req.params.id, writeContext(req, app.now)),
  });
}
