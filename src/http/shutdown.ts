import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';

export interface ShutdownTimes {
  /** SHUTDOWN_DRAIN_MS: how long the listener stays open with /ready at 503 before closing. */
  drainMs: number;
  /** SHUTDOWN_GRACE_MS: the whole shutdown, signal to exit. */
  graceMs: number;
}

/**
 * Graceful shutdown, in three steps from the signal (times from the start of shutdown):
 * 1. 0 → drainMs: `draining`; /ready answers 503 so a load balancer stops routing here, while
 *    every request (new ones included) is still served.
 * 2. drainMs: the app closes: no new connections, idle keep-alive connections closed (and every
 *    connection as soon as its response ends), in-flight requests (and streams) run on.
 * 3. graceMs − margin (margin = min(1 s, graceMs / 5)): `streamCut` aborts; a batch stream still
 *    running ends at its next item with an `{"type":"end","complete":false}` record (CSV: its
 *    trailer), so the client can tell it was cut. Half a margin later every connection still open
 *    is closed, so the process exits 0 within graceMs (close-with-grace's own limit, also graceMs,
 *    is then never reached).
 */
export class Lifecycle {
  private drainingSince: number | null = null;
  private readonly cut = new AbortController();

  get draining(): boolean {
    return this.drainingSince !== null;
  }

  /** Aborts when in-flight streams must end (shutdown step 3). */
  get streamCut(): AbortSignal {
    return this.cut.signal;
  }

  async shutdown(app: FastifyInstance, { drainMs, graceMs }: ShutdownTimes): Promise<void> {
    if (this.drainingSince !== null) return;
    this.drainingSince = performance.now();
    const margin = Math.min(1_000, graceMs / 5);
    const drain = Math.max(0, Math.min(drainMs, graceMs - 2 * margin));
    const timers = [
      setTimeout(() => this.cut.abort(), Math.max(drain, graceMs - margin)),
      setTimeout(() => app.server.closeAllConnections(), Math.max(drain, graceMs - margin / 2)),
    ];
    let reaper: NodeJS.Timeout | undefined;
    try {
      await sleep(drain);
      // A keep-alive connection whose response ends after the close started would otherwise stay
      // open until the keep-alive timeout: close each one as soon as it is idle.
      reaper = setInterval(() => app.server.closeIdleConnections(), 50);
      await app.close();
      app.log.info({ shutdownMs: Math.round(performance.now() - this.drainingSince) }, 'shutdown complete');
    } finally {
      clearInterval(reaper);
      for (const t of timers) clearTimeout(t);
    }
  }
}
