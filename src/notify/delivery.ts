import type { FastifyBaseLogger } from 'fastify';
import type { Run } from '../runs/types.js';
import { urlRefusal } from './allowed-hosts.js';
import { eventsFor } from './events.js';
import type { NotifyRepository } from './repository.js';
import { SIGNATURE_HEADER, signBody } from './sign.js';

export interface DeliveryOptions {
  allowedHosts: readonly string[];
  pollMs: number;
  maxAttempts: number;
  /** Delay before retry n (1-based) is retryBaseMs × 2^(n−1). */
  retryBaseMs: number;
  timeoutMs: number;
}

const BATCH = 50;

/**
 * Webhook delivery through an outbox (docs/runs.md, "Notifications"). `enqueue` only writes
 * rows (called right after a run is stored), so a slow or dead receiver never delays a run or a
 * request; the background loop POSTs due rows, each leased with a conditional UPDATE so that two
 * instances do not send the same attempt, and retries 5xx answers and network errors with
 * exponential backoff up to `maxAttempts`. Other 4xx answers fail at once (the receiver refused).
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private stopped = true;

  constructor(
    private readonly deps: {
      repo: NotifyRepository;
      log: FastifyBaseLogger;
      options: DeliveryOptions;
      scenarioName: (id: string) => Promise<string>;
    },
  ) {}

  /** Writes the events a run raises under its scenario's webhook settings to the outbox. */
  async enqueue(run: Run): Promise<void> {
    const settings = await this.deps.repo.settings(run.scenarioId);
    if (!settings) return;
    const scenario = { id: run.scenarioId, name: await this.deps.scenarioName(run.scenarioId) };
    const at = new Date();
    for (const m of eventsFor(run, scenario, settings)) {
      const body = JSON.stringify({ ...m.payload, emittedAt: at.toISOString() });
      await this.deps.repo.enqueue({
        scenarioId: run.scenarioId,
        runId: run.id,
        event: m.event,
        url: settings.url,
        body,
        signature: settings.secret ? signBody(body, settings.secret) : null,
        at,
      });
    }
    if (!this.stopped) this.wake();
  }

  /** Sends every due delivery once (one attempt each) and waits for them. */
  async deliverDue(): Promise<number> {
    const { repo, options } = this.deps;
    const now = new Date();
    let sent = 0;
    await Promise.all(
      (await repo.due(now, BATCH)).map(async (d) => {
        const lease = new Date(now.getTime() + options.timeoutMs + options.pollMs);
        if (!(await repo.claim(d.id, d.nextAttemptAtDate, lease))) return;
        sent++;
        const started = performance.now();
        let statusCode: number | null = null;
        let error: string | null = null;
        const refusal = urlRefusal(d.url, options.allowedHosts);
        if (refusal) error = `not sent: ${refusal}`;
        else {
          try {
            const res = await fetch(d.url, {
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'user-agent': 'breakeven-webhook',
                'x-breakeven-event': d.event,
                'x-breakeven-delivery': d.id,
                ...(d.signature ? { [SIGNATURE_HEADER]: d.signature } : {}),
              },
              body: d.body,
              redirect: 'manual',
              signal: AbortSignal.timeout(options.timeoutMs),
            });
            statusCode = res.status;
            await res.body?.cancel();
          } catch (err) {
            error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
          }
        }
        const attempt = { at: new Date().toISOString(), statusCode, error, ms: Math.round(performance.now() - started) };
        const attempts = d.attempts + 1;
        const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
        const retryable = !refusal && (statusCode === null || statusCode >= 500 || statusCode === 429);
        const status = ok ? 'delivered' : retryable && attempts < options.maxAttempts ? 'pending' : 'failed';
        const nextAttemptAt = status === 'pending' ? new Date(Date.now() + options.retryBaseMs * 2 ** (attempts - 1)) : null;
        await repo.recordAttempt(d.id, attempt, { status, nextAttemptAt });
        if (status === 'failed') this.deps.log.warn({ deliveryId: d.id, statusCode, error }, 'webhook delivery failed');
      }),
    );
    return sent;
  }

  private wake(): void {
    if (this.polling || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), 0);
  }

  private tick(): void {
    this.timer = null;
    this.polling = this.deliverDue()
      .then(() => undefined)
      .catch((err: unknown) => this.deps.log.error({ err }, 'webhook delivery loop failed'))
      .finally(() => {
        this.polling = null;
        if (!this.stopped) this.timer = setTimeout(() => this.tick(), this.deps.options.pollMs);
      });
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.tick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }
}
