import type { FastifyBaseLogger } from 'fastify';
import type { RunService } from '../runs/service.js';
import type { Run } from '../runs/types.js';
import { nextDueAfter } from './cron.js';
import type { ScheduleRepository } from './repository.js';

export interface DueRun {
  scenarioId: string;
  scheduledFor: string;
  runId: string | null;
  status: 'ok' | 'failed' | 'error';
}

/** Schedules claimed per poll at most; the rest wait for the next poll. */
const CLAIMS_PER_POLL = 100;

/**
 * Runs scheduled scenarios (docs/runs.md, "Schedules"). Every poll reads the schedules whose
 * `nextDueAt` has passed and claims each with one conditional UPDATE from that tick to the first
 * tick after now; only the instance whose UPDATE changed the row runs it. Ticks missed while no
 * instance was polling collapse into that one run (`scheduledFor` = the oldest missed tick).
 * Runs do not block the poll loop or requests; `stop` waits for the runs in flight.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = true;

  constructor(
    private readonly deps: {
      schedules: ScheduleRepository;
      runs: RunService;
      log: FastifyBaseLogger;
      pollMs: number;
      now?: () => Date;
    },
  ) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** Claims every due tick now; returns the claimed runs' promises (not awaited). */
  private async claimDue(): Promise<{ scenarioId: string; scheduledFor: Date; run: Promise<Run> }[]> {
    const now = this.now();
    const claimed = [];
    for (const s of await this.deps.schedules.due(now, CLAIMS_PER_POLL)) {
      if (!(await this.deps.schedules.claim(s.scenarioId, s.nextDueAt, nextDueAfter(s, now)))) continue;
      this.deps.log.info({ scenarioId: s.scenarioId, scheduledFor: s.nextDueAt.toISOString() }, 'schedule tick claimed');
      const run = this.deps.runs.run(s.scenarioId, { trigger: 'schedule', actor: 'scheduler', scheduledFor: s.nextDueAt });
      claimed.push({ scenarioId: s.scenarioId, scheduledFor: s.nextDueAt, run });
    }
    return claimed;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  /**
   * Runs every due scenario once (the CLI's `run-due`, POST /schedules/run-due) and waits for the
   * runs. Safe next to running schedulers: ticks another instance claimed are not run again.
   */
  async runDue(): Promise<DueRun[]> {
    const claimed = await this.claimDue();
    return Promise.all(
      claimed.map(async (c): Promise<DueRun> => {
        const base = { scenarioId: c.scenarioId, scheduledFor: c.scheduledFor.toISOString() };
        try {
          const run = await this.track(c.run);
          return { ...base, runId: run.id, status: run.status };
        } catch (err) {
          this.deps.log.error({ err, scenarioId: c.scenarioId }, 'scheduled run failed');
          return { ...base, runId: null, status: 'error' };
        }
      }),
    );
  }

  private async poll(): Promise<void> {
    try {
      for (const c of await this.claimDue()) {
        this.track(c.run).catch((err: unknown) => this.deps.log.error({ err, scenarioId: c.scenarioId }, 'scheduled run failed'));
      }
    } catch (err) {
      this.deps.log.error({ err }, 'scheduler poll failed');
    }
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      this.polling = this.poll().finally(() => {
        this.polling = null;
        if (!this.stopped) this.timer = setTimeout(loop, this.deps.pollMs);
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
    await Promise.allSettled([...this.inFlight]);
  }
}
