import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit/routes.js';
import { KeyAuthenticator } from './auth/authenticator.js';
import { registerIdempotency } from './auth/idempotency.js';
import { KeyService } from './auth/keys-service.js';
import { registerAuth, warnIfUnprotected } from './auth/plugin.js';
import { keyRoutes } from './auth/routes.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { frameworkErrors, makeClientErrorHandler } from './http/client-errors.js';
import { registerJsonDepthLimit } from './http/json-depth.js';
import { registerRateLimits } from './http/limits.js';
import { pressureReason, registerLoadShedding } from './http/load-shedding.js';
import { requestLogSerializer } from './http/log-redaction.js';
import { createMetrics, isDatabaseError, type Metrics, registerMetrics } from './http/metrics.js';
import { openApiRoutes, registerOpenApi } from './http/openapi.js';
import { registerProblemHandlers } from './http/problem.js';
import { registerSecurity } from './http/security.js';
import { Lifecycle } from './http/shutdown.js';
import { serverTimeouts } from './http/timeouts.js';
import { registerBatchJobs } from './jobs/register.js';
import { parseAllowedHosts } from './notify/allowed-hosts.js';
import { DeliveryWorker } from './notify/delivery.js';
import { createNotifyRepository } from './notify/repository.js';
import { createRepositories, type Repositories } from './repositories/index.js';
import { batchRoutes } from './routes/comparison/batch.js';
import { comparisonRoutes } from './routes/comparison/index.js';
import { healthRoutes } from './routes/health.js';
import { deliveryRoutes } from './routes/notify/index.js';
import { profileRoutes } from './routes/profiles/index.js';
import { runRoutes } from './routes/runs/index.js';
import { scenarioHybridRoutes } from './routes/scenarios/hybrid.js';
import { scenarioRoutes } from './routes/scenarios/index.js';
import { scheduleRoutes } from './routes/schedules/index.js';
import { createRunRepository } from './runs/repository.js';
import { ScenarioSettings } from './runs/scenario-settings.js';
import { RunService } from './runs/service.js';
import { createScheduleRepository } from './scheduler/repository.js';
import { Scheduler } from './scheduler/scheduler.js';
import { AnswerMemo } from './services/answer-memo/memo.js';
import { ProfileCatalog } from './services/catalog.js';
import { ChartRenderPool } from './services/charts/render-pool.js';
import { ChartWorkers } from './services/charts/render-workers.js';
import { CostModelCache } from './services/comparison/cost-model-cache.js';
import type { ComparisonResult } from './services/comparison.js';
import { createScenarioService } from './services/scenarios/service.js';
import { startSyncInterval } from './sync/interval.js';
import { syncRoutes } from './sync/routes.js';
import { bundledDataset, remoteDataset } from './sync/source.js';

export interface AppDeps {
  db: Database;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: Writable;
  /** The clock: write times, price ages, sync dates. Tests inject a fixed one; default `new Date()`. */
  now?: () => Date;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

declare module 'fastify' {
  interface FastifyInstance {
    repos: Repositories;
    metrics: Metrics;
    /** The injected clock (AppDeps.now). */
    now: () => Date;
    /** Shutdown state: draining, and the signal that cuts in-flight streams (src/http/shutdown.ts). */
    lifecycle: Lifecycle;
  }
}

/**
 * Builds the Fastify application. It does not listen: src/server.ts does, and tests use
 * `app.inject` or `app.listen({ port: 0 })`.
 */
export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  // The socket-level handler needs the app's logger, which exists only once Fastify is built.
  let clientErrorHandler: (err: NodeJS.ErrnoException, socket: Socket) => void = () => {};
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]'],
      serializers: { req: requestLogSerializer },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      ...(process.stdout.isTTY && process.env.NODE_ENV !== 'production' ? { transport: { target: 'pino-pretty' } } : {}),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    ...serverTimeouts(config),
    clientErrorHandler: (err, socket) => clientErrorHandler(err, socket),
    frameworkErrors,
    // Requests reaching a closing server are served (with Connection: close) rather than answered
    // by Fastify's non-problem 503: the drain step decides when traffic stops (src/http/shutdown.ts).
    return503OnClosing: false,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  clientErrorHandler = makeClientErrorHandler(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // A JSON API: plain text bodies are refused with 415 instead of being handed to validation.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/merge-patch+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  registerJsonDepthLimit(app);
  const repos = createRepositories(deps.db);
  app.decorate('repos', repos);
  const now = deps.now ?? (() => new Date());
  app.decorate('now', now);
  const catalog = new ProfileCatalog(repos, config.PROFILE_CACHE_TTL_MS);
  const costModels = new CostModelCache();
  // Answers of repeated identical comparisons (src/services/answer-memo), keyed by catalogue version.
  const memo = new AnswerMemo<ComparisonResult>(config.ANSWER_MEMO_ENTRIES);
  const answers = { costModels, memo };
  const metrics = createMetrics(catalog.stats, costModels, memo);
  app.decorate('metrics', metrics);
  registerProblemHandlers(app, (err) => {
    if (isDatabaseError(err)) metrics.databaseErrors.inc();
  });
  // Before any route: the auth hooks fix each route's scope as it is registered (docs/auth.md).
  const authenticator = new KeyAuthenticator(repos.apiKeys, config.AUTH_KEY_CACHE_TTL_MS);
  const keys = new KeyService(repos.apiKeys, authenticator);
  registerAuth(app, { config, authenticator });
  registerIdempotency(app, repos.idempotency);
  await registerMetrics(app, metrics);
  await registerSecurity(app, config);
  await registerRateLimits(app, config);
  await registerLoadShedding(app, config);
  const lifecycle = new Lifecycle();
  app.decorate('lifecycle', lifecycle);

  await registerOpenApi(app);
  await app.register(openApiRoutes);
  await app.register(healthRoutes, {
    db: deps.db,
    notReady: () => (lifecycle.draining ? 'The server is shutting down (draining).' : pressureReason(app)),
  });
  await app.register(profileRoutes, { repos, catalog, onWrite: (kind) => catalog.invalidate(kind), now });
  const history = { catalog, changeLog: repos.changeLog, now, staleDays: config.PRICE_STALE_DAYS };
  await app.register(comparisonRoutes, { catalog, answers: { ...history, ...answers } });
  await app.register(batchRoutes, { catalog, config, answers, now });
  // Runs, schedules and webhooks (docs/runs.md): background loops start when the app is ready.
  const runs = createRunRepository(deps.db);
  const schedules = createScheduleRepository(deps.db);
  const notify = createNotifyRepository(deps.db);
  const allowedHosts = parseAllowedHosts(config.NOTIFY_ALLOWED_HOSTS);
  const runService = new RunService({ scenarios: repos.scenarios, runs, catalog, costModels, log: app.log });
  const delivery = new DeliveryWorker({
    repo: notify,
    log: app.log,
    scenarioName: async (id) => (await repos.scenarios.get(id)).name,
    options: {
      allowedHosts,
      pollMs: config.NOTIFY_POLL_MS,
      maxAttempts: config.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: config.NOTIFY_RETRY_BASE_MS,
      timeoutMs: config.NOTIFY_TIMEOUT_MS,
    },
  });
  runService.onRun((run) => delivery.enqueue(run));
  const scheduler = new Scheduler({ schedules, runs: runService, log: app.log, pollMs: config.SCHEDULER_POLL_MS });
  const settings = new ScenarioSettings({ schedules, notify, runs, allowedHosts });
  // Every chart renders in worker threads (started on the first chart) and is cached: src/services/charts/render-pool.ts.
  const charts = new ChartRenderPool(new ChartWorkers({ size: config.CHART_WORKERS }));
  app.addHook('onClose', async () => charts.close());
  const scenarios = createScenarioService({ store: repos.scenarios, catalog, costModels, now, history, memo, settings, charts });
  await app.register(scenarioRoutes, { scenarios });
  await app.register(scenarioHybridRoutes, { scenarios, catalog, charts });
  await app.register(auditRoutes, { changeLog: repos.changeLog });
  const priceSyncUrl = config.PRICE_SYNC_URL;
  const sync = {
    db: deps.db,
    repos,
    now,
    load: () => (priceSyncUrl ? remoteDataset(priceSyncUrl, config.PRICE_SYNC_TIMEOUT_MS) : bundledDataset()),
    onWrite: () => catalog.invalidate('apiOfferings'),
  };
  await app.register(syncRoutes, { sync });
  startSyncInterval(app, sync, config.PRICE_SYNC_INTERVAL_MINUTES);
  await app.register(keyRoutes, { keys });
  await app.register(runRoutes, { runs, scenarios: repos.scenarios, service: runService, charts });
  await app.register(scheduleRoutes, { schedules, scheduler });
  await app.register(deliveryRoutes, { notify, runs, scenarios: repos.scenarios });
  app.addHook('onReady', async () => {
    if (config.SCHEDULER_ENABLED) scheduler.start();
    if (config.NOTIFY_DELIVERY_ENABLED) delivery.start();
  });
  // preClose: before the database is closed (onClose hooks in src/service.ts).
  app.addHook('preClose', async () => {
    await scheduler.stop();
    await delivery.stop();
  });
  await registerBatchJobs(app, { config, repos, catalog, answers, now });

  if (config.ADMIN_API_KEY) {
    const { created, revoked, isRevoked } = await keys.ensureBootstrap(config.ADMIN_API_KEY);
    if (isRevoked) app.log.warn('ADMIN_API_KEY names a revoked key: it stays revoked; set a new value (docs/auth.md)');
    if (created) app.log.info('ADMIN_API_KEY stored (hashed) as the API key bootstrap-admin');
    if (revoked > 0) app.log.warn({ revoked }, 'an earlier bootstrap-admin key with another secret was revoked');
  }
  await warnIfUnprotected(app, config, authenticator);
  await repos.idempotency.purgeExpired(new Date());
  return app;
}
