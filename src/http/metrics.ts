import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { CatalogStats } from '../services/catalog.js';

/**
 * Prometheus metrics (GET /metrics, text exposition format). One registry per app instance, so
 * several apps in one process (tests) do not collide.
 */
export interface Metrics {
  registry: Registry;
  comparisons: Counter;
  batchItems: Counter;
  databaseErrors: Counter;
}

type HitCounts = { hits: number; misses: number };

export function createMetrics(cacheStats: CatalogStats, costModels: HitCounts, answers: HitCounts): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics: Metrics = {
    registry,
    comparisons: new Counter({
      name: 'breakeven_comparisons_total',
      help: 'Comparisons evaluated (POST /compare, scenario evaluations and each valid batch item).',
      registers: [registry],
    }),
    batchItems: new Counter({
      name: 'breakeven_batch_items_total',
      help: 'Items processed by POST /compare/batch, by outcome.',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    databaseErrors: new Counter({
      name: 'breakeven_database_errors_total',
      help: 'Requests that failed because the database failed (including readiness checks).',
      registers: [registry],
    }),
  };
  /** A counter that reads its total from `read` at each scrape (caches keep their own counts). */
  const counted = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counted('breakeven_profile_cache_hits_total', 'Profile lookups served from the in-memory catalogue.', () => cacheStats.hits);
  counted('breakeven_profile_cache_misses_total', 'Profile lookups that (re)loaded a kind from the database.', () => cacheStats.misses);
  counted('breakeven_cost_model_cache_hits_total', 'Self-host replica models reused from the cost-model cache.', () => costModels.hits);
  counted(
    'breakeven_cost_model_cache_misses_total',
    'Self-host replica models computed (not in the cost-model cache).',
    () => costModels.misses,
  );
  counted(
    'breakeven_answer_memo_hits_total',
    'Comparison answers (POST /compare, scenario evaluations, batch items) served from the answer memo.',
    () => answers.hits,
  );
  counted(
    'breakeven_answer_memo_misses_total',
    'Comparison answers computed and stored in the answer memo (not found in it).',
    () => answers.misses,
  );
  return metrics;
}

/** Request counts and durations by route template and status, and the /metrics route. */
export async function registerMetrics(app: FastifyInstance, metrics: Metrics): Promise<void> {
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route template and status code.',
    labelNames: ['method', 'route', 'status'],
    registers: [metrics.registry],
  });
  const durations = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route template and status code, seconds.',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    durations.observe(labels, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { scope: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}

/** True for errors raised by the database layer (Prisma, its driver adapters, the drivers). */
export function isDatabaseError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { name?: unknown; code?: unknown };
  const name = typeof e.name === 'string' ? e.name : '';
  return (
    name.startsWith('Prisma') ||
    name === 'SqliteError' ||
    name === 'DriverAdapterError' ||
    (typeof e.code === 'string' && /^P\d{4}$/.test(e.code))
  );
}
