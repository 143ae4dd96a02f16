/**
 * Bench only (bench/auth.ts): one trivial route, `GET`/`POST /ok` answering {"ok":true}, with the
 * service's HTTP edge of issue #11 registered exactly as src/app.ts does it (API-key auth and
 * Idempotency-Key hooks, helmet + CORS, per-client rate limits, load shedding), or without any of
 * it (`EDGE=off`). The route itself costs nothing, so the difference between the two is what the
 * edge adds to every request of the service. Run in its own process, like the baseline.
 */
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { KeyAuthenticator } from '../src/auth/authenticator.js';
import { registerIdempotency } from '../src/auth/idempotency.js';
import { KeyService } from '../src/auth/keys-service.js';
import { registerAuth } from '../src/auth/plugin.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { registerRateLimits } from '../src/http/limits.js';
import { registerLoadShedding } from '../src/http/load-shedding.js';
import { registerSecurity } from '../src/http/security.js';
import { createRepositories } from '../src/repositories/index.js';

const config = loadConfig(process.env);
const edge = process.env.EDGE !== 'off';
const app = Fastify({ logger: { level: config.LOG_LEVEL } });
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
if (edge) {
  const db = await openDatabase(config.DATABASE_URL);
  app.addHook('onClose', async () => db.close());
  const repos = createRepositories(db);
  const authenticator = new KeyAuthenticator(repos.apiKeys, config.AUTH_KEY_CACHE_TTL_MS);
  registerAuth(app, { config, authenticator });
  registerIdempotency(app, repos.idempotency);
  await registerSecurity(app, config);
  await registerRateLimits(app, config);
  await registerLoadShedding(app, config);
  if (config.ADMIN_API_KEY) await new KeyService(repos.apiKeys, authenticator).ensureBootstrap(config.ADMIN_API_KEY);
}
// A read: open to anonymous callers (AUTH_READS=open), accepted with any key.
app.route({ method: ['GET', 'POST'], url: '/ok', config: { scope: 'read' }, handler: async () => ({ ok: true }) });

const close = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ port: config.PORT, host: config.HOST });
