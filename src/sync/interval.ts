import type { FastifyInstance } from 'fastify';
import { runPriceSync, type SyncDeps } from './service.js';

/**
 * The optional scheduled sync (PRICE_SYNC_INTERVAL_MINUTES > 0): every interval, one applied
 * sync, logged with its counts. One run at a time; a failed run is logged and the next one tries
 * again. The timer does not keep the process alive and stops when the app closes.
 */
export function startSyncInterval(app: FastifyInstance, sync: SyncDeps, minutes: number): void {
  if (minutes <= 0) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const outcome = await runPriceSync(sync, { dryRun: false, requestId: null });
      app.log.info({ counts: outcome.counts, actor: outcome.actor }, 'scheduled price sync');
    } catch (err) {
      app.log.error({ err }, 'scheduled price sync failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), minutes * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}
