import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { problemResponses } from '../schemas/common.js';
import { syncQuery, syncResponseSchema } from './schemas.js';
import { runPriceSync, type SyncDeps } from './service.js';

/**
 * POST /sync/api-prices. Scope: catalog:write — the route carries `config.scope` for the keys
 * room (src/auth) to enforce; until that room is on main it is open like every other write.
 */
export async function syncRoutes(app: FastifyInstance, { sync }: { sync: SyncDeps }): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().post('/sync/api-prices', {
    config: { scope: 'catalog:write' },
    schema: {
      tags: ['Price sync'],
      operationId: 'syncApiPrices',
      summary: 'Sync API prices from the @pydantic/genai-prices dataset',
      description:
        'Maps the dataset (the snapshot bundled in the package, or PRICE_SYNC_URL) onto the API offerings and returns the diff: added, changed (old/new per field, one step per dated price change), unchanged, held (edited by a person after the last sync, or deleted: never overwritten), scheduled (dated changes not started yet), unmapped (with the reason) and a readable `summary`. Without dryRun the diff is applied in one transaction as revisions by `sync:genai-prices@<version>`. Offerings the dataset lacks are never deleted; only price fields are written (data/reference/README.md, "Price sync"). 502/504 when PRICE_SYNC_URL cannot be read or is malformed; nothing is written then.',
      querystring: syncQuery,
      response: { 200: syncResponseSchema, ...problemResponses(400, 409, 412, 502, 504) },
    },
    handler: async (req) => {
      const outcome = await runPriceSync(sync, { dryRun: req.query.dryRun, requestId: req.id });
      const { plan } = outcome;
      return {
        dryRun: outcome.dryRun,
        applied: outcome.applied,
        actor: outcome.actor,
        dataset: { version: plan.datasetVersion, origin: plan.origin },
        counts: outcome.counts,
        added: plan.added.map(({ record: _r, ...a }) => a),
        changed: plan.changed.map((c) => ({ id: c.id, version: c.version, steps: c.steps.map(({ record: _r, ...s }) => s) })),
        unchanged: plan.unchanged,
        held: plan.held,
        scheduled: plan.scheduled,
        unmapped: plan.unmapped,
        notInDataset: plan.notInDataset,
        notes: plan.notes,
        summary: outcome.summary,
      };
    },
  });
}
