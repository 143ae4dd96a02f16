import { randomUUID } from 'node:crypto';
import type { Database } from '../db/store.js';
import type { ScenarioOwner } from '../repositories/scenarios.js';
import type { Run, RunChanges, RunError, RunEvaluation, RunSummary, RunTrigger } from './types.js';

/** The Prisma boundary of stored runs. Runs are inserted, read and deleted, never updated. */
export interface RunWrite {
  scenarioId: string;
  trigger: RunTrigger;
  actor: string;
  status: 'ok' | 'failed';
  scheduledFor: Date | null;
  scenarioVersion: number;
  evaluation: RunEvaluation | null;
  summary: RunSummary | null;
  error: RunError | null;
}

export interface RunPage {
  items: Run[];
  total: number;
  limit: number;
  offset: number;
}

export interface RunQuery {
  limit: number;
  offset: number;
  from?: Date;
  to?: Date;
}

export interface RunRepository {
  /**
   * Inserts the next run of the scenario. `changesFor` gets the latest successful run before it
   * (or null) and returns the changes block; on a concurrent insert of the same number it is
   * called again with the new previous run.
   */
  insert(data: RunWrite, changesFor: (previous: Run | null) => RunChanges | null): Promise<Run>;
  get(scenarioId: string, runId: string): Promise<Run | null>;
  list(scenarioId: string, query: RunQuery): Promise<RunPage>;
  /** Oldest first, successful runs only, at most `limit`. */
  series(scenarioId: string, query: { from?: Date; to?: Date; limit: number }): Promise<Run[]>;
  count(scenarioId: string): Promise<number>;
  /** Whether `owner` may read the scenario's stored runs (they carry the scenario's owner). */
  visibleTo(scenarioId: string, owner: ScenarioOwner): Promise<boolean>;
  deleteAll(scenarioId: string): Promise<number>;
  /** Bytes of the JSON texts a run stores (evaluation, summary, changes, error). */
  storedBytes(runId: string): Promise<number>;
}

type Row = {
  id: string;
  scenarioId: string;
  number: number;
  createdAt: Date;
  trigger: string;
  actor: string;
  status: string;
  scheduledFor: Date | null;
  scenarioVersion: number;
  evaluation: string | null;
  summary: string | null;
  changes: string | null;
  error: string | null;
};

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const text = (value: unknown): string | null => (value === null || value === undefined ? null : JSON.stringify(value));

function toDomain(row: Row): Run {
  return {
    id: row.id,
    scenarioId: row.scenarioId,
    number: row.number,
    createdAt: row.createdAt.toISOString(),
    trigger: row.trigger as RunTrigger,
    actor: row.actor,
    status: row.status === 'ok' ? 'ok' : 'failed',
    scheduledFor: row.scheduledFor?.toISOString() ?? null,
    scenarioVersion: row.scenarioVersion,
    evaluation: parse<RunEvaluation>(row.evaluation),
    summary: parse<RunSummary>(row.summary),
    changes: parse<RunChanges>(row.changes),
    error: parse<RunError>(row.error),
  };
}

/** Prisma's unique-constraint violation (P2002), as raised through either driver adapter. */
function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}

const INSERT_ATTEMPTS = 10;

export function createRunRepository(db: Database): RunRepository {
  const runs = db.prisma.scenarioRun;
  const range = (from?: Date, to?: Date) =>
    from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } } : {};
  return {
    async insert(data, changesFor) {
      for (let attempt = 1; ; attempt++) {
        const [last, previousOk] = await Promise.all([
          runs.findFirst({ where: { scenarioId: data.scenarioId }, orderBy: { number: 'desc' }, select: { number: true } }),
          runs.findFirst({ where: { scenarioId: data.scenarioId, status: 'ok' }, orderBy: { number: 'desc' } }),
        ]);
        const changes = changesFor(previousOk ? toDomain(previousOk) : null);
        const scenario = await db.prisma.scenario.findUnique({ where: { id: data.scenarioId }, select: { ownerKeyId: true } });
        try {
          const row = await runs.create({
            data: {
              id: randomUUID(),
              scenarioId: data.scenarioId,
              number: (last?.number ?? 0) + 1,
              trigger: data.trigger,
              actor: data.actor,
              status: data.status,
              scheduledFor: data.scheduledFor,
              scenarioVersion: data.scenarioVersion,
              ownerKeyId: scenario?.ownerKeyId ?? null,
              evaluation: text(data.evaluation),
              summary: text(data.summary),
              changes: text(changes),
              error: text(data.error),
            },
          });
          return toDomain(row);
        } catch (err) {
          // Another run of the same scenario took this number: recompute against it.
          if (!isUniqueViolation(err) || attempt >= INSERT_ATTEMPTS) throw err;
        }
      }
    },
    async get(scenarioId, runId) {
      const row = await runs.findFirst({ where: { id: runId, scenarioId } });
      return row ? toDomain(row) : null;
    },
    async list(scenarioId, { limit, offset, from, to }) {
      const where = { scenarioId, ...range(from, to) };
      const [rows, total] = await Promise.all([
        runs.findMany({ where, orderBy: { number: 'desc' }, skip: offset, take: limit }),
        runs.count({ where }),
      ]);
      return { items: rows.map(toDomain), total, limit, offset };
    },
    async series(scenarioId, { from, to, limit }) {
      const rows = await runs.findMany({
        where: { scenarioId, status: 'ok', ...range(from, to) },
        orderBy: { number: 'desc' },
        take: limit,
      });
      return rows.reverse().map(toDomain);
    },
    count: (scenarioId) => runs.count({ where: { scenarioId } }),
    async visibleTo(scenarioId, owner) {
      const n = await runs.count({ where: { scenarioId, ...(owner.seesAll ? {} : { ownerKeyId: owner.keyId }) } });
      return n > 0;
    },
    async deleteAll(scenarioId) {
      return (await runs.deleteMany({ where: { scenarioId } })).count;
    },
    async storedBytes(runId) {
      const row = await runs.findUnique({ where: { id: runId } });
      if (!row) return 0;
      return [row.evaluation, row.summary, row.changes, row.error].reduce((n, t) => n + (t === null ? 0 : Buffer.byteLength(t)), 0);
    },
  };
}
