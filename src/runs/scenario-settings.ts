import type { z } from 'zod';
import { BadRequestError } from '../errors.js';
import { urlRefusal } from '../notify/allowed-hosts.js';
import type { NotifyRepository } from '../notify/repository.js';
import type { notifyInputSchema } from '../notify/schemas.js';
import { nextDueAfter, type ScheduleSpec } from '../scheduler/cron.js';
import type { ScheduleRepository } from '../scheduler/repository.js';
import type { RunRepository } from './repository.js';

type NotifyInput = z.output<typeof notifyInputSchema>;

/** A scenario body's `schedule` and `notify`: undefined leaves the stored one, null removes it. */
export interface ScenarioExtras {
  schedule?: ScheduleSpec | null;
  notify?: NotifyInput | null;
}

export interface ScenarioExtrasView {
  schedule?: ScheduleSpec & { nextDueAt: string };
  notify?: { url: string; secretSet: boolean; on: NotifyInput['on']; breakEvenThresholdPercent: number };
}

/**
 * The parts of a scenario that live outside the Scenario table (docs/runs.md): its schedule and
 * its webhook, each in a table keyed by scenario id, and its runs and deliveries on delete.
 */
export class ScenarioSettings {
  constructor(
    private readonly deps: {
      schedules: ScheduleRepository;
      notify: NotifyRepository;
      runs: RunRepository;
      allowedHosts: readonly string[];
      now?: () => Date;
    },
  ) {}

  /** Separates `schedule` and `notify` from the rest of a scenario body. */
  static split<T extends Record<string, unknown>>(body: T): { extras: ScenarioExtras; rest: Record<string, unknown> } {
    const { schedule, notify, ...rest } = body as T & ScenarioExtras;
    return { extras: { schedule, notify }, rest };
  }

  /** 400 naming `notify.url` when the host is not allowed; call before writing anything. */
  check(extras: ScenarioExtras): void {
    if (!extras.notify) return;
    const refusal = urlRefusal(extras.notify.url, this.deps.allowedHosts);
    if (refusal) throw new BadRequestError(`notify.url ${refusal}.`, [{ field: 'notify.url', message: refusal }]);
  }

  async save(scenarioId: string, extras: ScenarioExtras): Promise<void> {
    const { schedules, notify } = this.deps;
    if (extras.schedule === null) await schedules.remove(scenarioId);
    else if (extras.schedule) {
      const current = await schedules.get(scenarioId);
      const same = current && current.cron === extras.schedule.cron && current.timezone === extras.schedule.timezone;
      // An unchanged schedule keeps its next tick (and so a pending catch-up run).
      if (!same) await schedules.save(scenarioId, extras.schedule, nextDueAfter(extras.schedule, this.deps.now?.() ?? new Date()));
    }
    if (extras.notify === null) await notify.removeSettings(scenarioId);
    else if (extras.notify) {
      // The secret is write-only: a notify without one keeps the stored secret.
      const secret = extras.notify.secret ?? (await notify.settings(scenarioId))?.secret ?? null;
      await notify.saveSettings(scenarioId, { ...extras.notify, secret });
    }
  }

  async view(scenarioId: string): Promise<ScenarioExtrasView> {
    const [schedule, notify] = await Promise.all([this.deps.schedules.get(scenarioId), this.deps.notify.settings(scenarioId)]);
    return {
      ...(schedule ? { schedule: { cron: schedule.cron, timezone: schedule.timezone, nextDueAt: schedule.nextDueAt.toISOString() } } : {}),
      ...(notify
        ? {
            notify: {
              url: notify.url,
              secretSet: notify.secret !== null,
              on: notify.on,
              breakEvenThresholdPercent: notify.breakEvenThresholdPercent,
            },
          }
        : {}),
    };
  }

  /** After the scenario row is deleted: drop its schedule and webhook, and its runs and deliveries unless kept. */
  async afterDelete(scenarioId: string, runs: 'keep' | 'delete'): Promise<void> {
    await Promise.all([this.deps.schedules.remove(scenarioId), this.deps.notify.removeSettings(scenarioId)]);
    if (runs === 'delete') await Promise.all([this.deps.runs.deleteAll(scenarioId), this.deps.notify.deleteAll(scenarioId)]);
  }
}
