import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ChangeLogRepository } from '../repositories/change-log.js';
import { problemResponses } from '../schemas/common.js';
import { auditPageSchema, auditQuery } from './schemas.js';

/**
 * GET /audit: the change log, newest first, filtered by entity kind and id, actor and write time.
 * Scope: admin. The route carries `config.scope = 'admin'` for the keys room (src/auth) to
 * enforce; until that room is on main the route is open like every other read.
 */
export async function auditRoutes(app: FastifyInstance, { changeLog }: { changeLog: ChangeLogRepository }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/audit', {
    config: { scope: 'admin' },
    schema: {
      tags: ['Audit'],
      operationId: 'listAudit',
      summary: 'The audit trail: every write, newest first',
      description:
        'One entry per write of a profile, scenario, API key or price sync: who (actor), when (at), the request id, what (entity kind, id, action, version after the write), each changed field with its old and new value, and the record after the write. Admin scope once API keys are enabled.',
      querystring: auditQuery,
      response: { 200: auditPageSchema, ...problemResponses(400) },
    },
    handler: async (req) => {
      const { limit, offset, from, to, ...filter } = req.query;
      return changeLog.list({ ...filter, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) }, limit, offset);
    },
  });
}
