/**
 * The bare baseline: plain Fastify with the same logger level as the service, one route
 * answering GET and POST with {"ok":true}, and, when BASELINE_RESPONSE_FILE names a JSON file, a
 * route `/same-size` answering with that document (parsed once at start, serialised by Fastify on
 * every request: a precomputed object of the same size as the service's answer). Run in its own
 * process by bench/run.ts; its rate is what the machine, Node.js, Fastify and the load generator
 * allow without any application work, so service ÷ baseline isolates the cost of Breakeven's own code.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
app.route({ method: ['GET', 'POST'], url: '/ok', handler: async () => ({ ok: true }) });
const responseFile = process.env.BASELINE_RESPONSE_FILE;
if (responseFile) {
  const precomputed: unknown = JSON.parse(readFileSync(responseFile, 'utf8'));
  app.route({ method: ['GET', 'POST'], url: '/same-size', handler: async () => precomputed });
}

const close = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
