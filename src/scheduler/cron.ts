import { Cron } from 'croner';
import type { FieldProblem } from '../errors.js';

/** A scenario's schedule: a cron expression (5 fields, or 6 with seconds first) in an IANA time zone. */
export interface ScheduleSpec {
  cron: string;
  timezone: string;
}

/** Latest date a schedule can hold (a schedule that will never fire again is parked here). */
export const FAR_FUTURE = new Date('9999-12-31T00:00:00.000Z');

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * What is wrong with a schedule, as field problems under `prefix` (empty when it is valid):
 * an unknown time zone, an expression croner cannot parse, or one that never fires.
 * Example: { cron: '61 * * * *', timezone: 'UTC' } → [{ field: 'schedule.cron', message: 'CronPattern: Invalid value for minute: 61' }].
 */
export function scheduleProblems(spec: ScheduleSpec, now: Date, prefix = 'schedule.'): FieldProblem[] {
  if (!isTimeZone(spec.timezone)) return [{ field: `${prefix}timezone`, message: `unknown IANA time zone '${spec.timezone}'` }];
  try {
    if (new Cron(spec.cron, { timezone: spec.timezone, paused: true }).nextRun(now) === null) {
      return [{ field: `${prefix}cron`, message: 'the expression never fires after now' }];
    }
    return [];
  } catch (err) {
    return [{ field: `${prefix}cron`, message: err instanceof Error ? err.message : String(err) }];
  }
}

/** The first tick of the schedule strictly after `after`, or FAR_FUTURE when there is none. */
export function nextDueAfter(spec: ScheduleSpec, after: Date): Date {
  return new Cron(spec.cron, { timezone: spec.timezone, paused: true }).nextRun(after) ?? FAR_FUTURE;
}
