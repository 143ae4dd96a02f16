import closeWithGrace from 'close-with-grace';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createService } from './service.js';

/** The only file that listens: parse config, build, listen, shut down gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const { app } = await createService(config);
  closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.lifecycle.shutdown(app, { drainMs: config.SHUTDOWN_DRAIN_MS, graceMs: config.SHUTDOWN_GRACE_MS });
  });
  await app.listen({ port: config.PORT, host: config.HOST });
}

main().catch((err: unknown) => {
  process.stderr.write(`Breakeven failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
