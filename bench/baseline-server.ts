/**
 * The bare baseline: plain Fastify with the same logger level as the service, one route
 * answering GET and POST with {"ok":true}. Run in its own process by bench/run.ts; its rate
 * is what the machine, Node.js, Fastify and the load generator allow without any application
 * work, so service ÷ baseline isolates the cost of Breakeven's own code.
 */
import Fastify from 'fastify';

const app = Fastify({ logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
app.route({ method: ['GET', 'POST'], url: '/ok', handler: async () => ({ ok: true }) });

const close = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', close);
process.once('SIGINT', close);

await app.listen({ port: Number(process.env.PORT ?? 3001), host: process.env.HOST ?? '127.0.0.1' });
