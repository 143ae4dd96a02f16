import type { Run } from '../runs/types.js';
import type { NotifyEvent, NotifySettings } from './types.js';

export interface EventMessage {
  event: NotifyEvent;
  payload: Record<string, unknown>;
}

/**
 * The webhook events a stored run raises under `settings` (pure):
 * - `run-failed` when the run failed;
 * - `cheapest-changed` when the cheapest option differs from the previous successful run;
 * - `break-even-moved` when a break-even volume moved by at least breakEvenThresholdPercent
 *   (|changePercent| ≥ threshold), or a pair's outcome changed (e.g. to `never`).
 * Example: threshold 10, break-even 5.14 B → 6.43 B tokens/month (+25 %) → one break-even-moved.
 */
export function eventsFor(run: Run, scenario: { id: string; name: string }, settings: NotifySettings): EventMessage[] {
  const base = {
    scenario,
    run: {
      id: run.id,
      number: run.number,
      createdAt: run.createdAt,
      trigger: run.trigger,
      status: run.status,
      url: `/scenarios/${scenario.id}/runs/${run.id}`,
    },
  };
  const out: EventMessage[] = [];
  const wants = (e: NotifyEvent) => settings.on.includes(e);
  if (run.status === 'failed') {
    if (wants('run-failed')) out.push({ event: 'run-failed', payload: { event: 'run-failed', ...base, error: run.error } });
    return out;
  }
  const changes = run.changes;
  if (!changes) return out;
  if (wants('cheapest-changed') && changes.cheapest) {
    out.push({
      event: 'cheapest-changed',
      payload: { event: 'cheapest-changed', ...base, cheapest: changes.cheapest, causes: changes.profileChanges.map((c) => c.text) },
    });
  }
  if (wants('break-even-moved')) {
    const moved = changes.breakEven.filter(
      (m) => m.fromOutcome !== m.toOutcome || (m.changePercent !== null && Math.abs(m.changePercent) >= settings.breakEvenThresholdPercent),
    );
    if (moved.length > 0) {
      out.push({
        event: 'break-even-moved',
        payload: {
          event: 'break-even-moved',
          ...base,
          thresholdPercent: settings.breakEvenThresholdPercent,
          breakEven: moved,
          causes: changes.profileChanges.map((c) => c.text),
        },
      });
    }
  }
  return out;
}
