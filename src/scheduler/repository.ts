import type { Database } from '../db/store.js';
import type { ScenarioOwner } from '../repositories/scenarios.js';
import type { ScheduleSpec } from './cron.js';

/** The Prisma boundary of schedules. `nextDueAt` doubles as the claim token (docs/runs.md). */
export interface StoredSchedule extends ScheduleSpec {
  scenarioId: string;
  scenarioName: string;
  nextDueAt: Date;
}

export interface ScheduleRepository {
  save(scenarioId: string, spec: ScheduleSpec, nextDueAt: Date): Promise<void>;
  remove(scenarioId: string): Promise<void>;
  get(scenarioId: string): Promise<StoredSchedule | null>;
  /** The schedules of `owner`'s scenarios, soonest first. */
  list(owner: ScenarioOwner): Promise<StoredSchedule[]>;
  /** Schedules whose next tick is at or before `now`, soonest first, at most `limit`. */
  due(now: Date, limit: number): Promise<StoredSchedule[]>;
  /**
   * Moves the schedule from tick `due` to `next` only if it is still at `due`: one atomic
   * conditional UPDATE, so of several instances exactly one sees `true` for a tick.
   */
  claim(scenarioId: string, due: Date, next: Date): Promise<boolean>;
}

type Row = { scenarioId: string; cron: string; timezone: string; nextDueAt: Date; scenario: { name: string } };
const toDomain = (r: Row): StoredSchedule => ({
  scenarioId: r.scenarioId,
  scenarioName: r.scenario.name,
  cron: r.cron,
  timezone: r.timezone,
  nextDueAt: r.nextDueAt,
});
const include = { scenario: { select: { name: true } } } as const;

export function createScheduleRepository(db: Database): ScheduleRepository {
  const schedules = db.prisma.scenarioSchedule;
  return {
    async save(scenarioId, spec, nextDueAt) {
      const data = { cron: spec.cron, timezone: spec.timezone, nextDueAt };
      await schedules.upsert({ where: { scenarioId }, create: { scenarioId, ...data }, update: data });
    },
    async remove(scenarioId) {
      await schedules.deleteMany({ where: { scenarioId } });
    },
    async get(scenarioId) {
      const row = await schedules.findUnique({ where: { scenarioId }, include });
      return row ? toDomain(row) : null;
    },
    async list(owner) {
      const where = owner.seesAll ? {} : { scenario: { ownerKeyId: owner.keyId } };
      return (await schedules.findMany({ where, include, orderBy: [{ nextDueAt: 'asc' }, { scenarioId: 'asc' }] })).map(toDomain);
    },
    async due(now, limit) {
      const rows = await schedules.findMany({
        where: { nextDueAt: { lte: now } },
        include,
        orderBy: [{ nextDueAt: 'asc' }, { scenarioId: 'asc' }],
        take: limit,
      });
      return rows.map(toDomain);
    },
    async claim(scenarioId, due, next) {
      const { count } = await schedules.updateMany({ where: { scenarioId, nextDueAt: due }, data: { nextDueAt: next } });
      return count === 1;
    },
  };
}
