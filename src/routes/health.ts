import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Database, pendingMigrations } from '../db/database.js';
import { ServiceUnavailableError } from '../errors.js';
import { problemSchema } from '../schemas/common.js';

export interface HealthDeps {
  db: Database;
  /** Why the process should get no traffic now (draining, overloaded), or null. */
  notReady: () => string | null;
}

export async function healthRoutes(app: FastifyInstance, { db, notReady }: HealthDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/health', {
    config: { scope: 'public' },
    schema: {
      tags: ['Operations'],
      operationId: 'getHealth',
      summary: 'Liveness',
      description: 'Answers 200 while the process serves requests; does not touch the database.',
      response: { 200: z.object({ status: z.literal('ok') }).meta({ id: 'Health', examples: [{ status: 'ok' }] }) },
    },
    handler: async () => ({ status: 'ok' as const }),
  });
  r.get('/ready', {
    config: { scope: 'public' },
    schema: {
      tags: ['Operations'],
      operationId: 'getReady',
      summary: 'Readiness',
      description:
        'Answers 200 when the database answers and every migration of this build is applied; 503 otherwise, and also while the process shuts down (draining) or sheds load.',
      response: {
        200: z
          .object({ status: z.literal('ready'), migrationsApplied: z.number().int() })
          .meta({ id: 'Readiness', examples: [{ status: 'ready', migrationsApplied: 1 }] }),
        503: problemSchema,
      },
    },
    handler: async () => {
      const reason = notReady();
      if (reason !== null) throw new ServiceUnavailableError(reason);
      let pending: string[];
      try {
        pending = await pendingMigrations(db);
      } catch {
        app.metrics.databaseErrors.inc();
        throw new ServiceUnavailableError('The database does not answer.');
      }
      if (pending.length > 0) throw new ServiceUnavailableError(`Migrations not applied: ${pending.join(', ')}.`);
      return { status: 'ready' as const, migrationsApplied: db.expectedMigrations.length };
    },
  });
}
