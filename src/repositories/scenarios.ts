import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../errors.js';
import type { Page } from './profile-repository.js';

/** A saved, named comparison. `request` is a /compare body, stored as JSON text. */
export interface Scenario {
  id: string;
  name: string;
  description: string | null;
  request: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ScenarioWrite {
  name: string;
  description: string | null;
  request: Record<string, unknown>;
}

export interface ScenarioRepository {
  list(query: { name?: string; limit: number; offset: number }): Promise<Page<Scenario>>;
  get(id: string): Promise<Scenario>;
  create(data: ScenarioWrite): Promise<Scenario>;
  replace(id: string, data: ScenarioWrite, expectedVersion?: number): Promise<Scenario>;
  delete(id: string, expectedVersion?: number): Promise<void>;
}

type Row = { id: string; name: string; description: string | null; request: string; version: number; createdAt: Date; updatedAt: Date };

function toDomain(row: Row): Scenario {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    request: JSON.parse(row.request) as Record<string, unknown>,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function createScenarioRepository(db: Database): ScenarioRepository {
  const scenarios = db.prisma.scenario;
  async function get(id: string): Promise<Scenario> {
    const row = await scenarios.findUnique({ where: { id } });
    if (!row) throw new NotFoundError('scenario', id);
    return toDomain(row);
  }
  function checkVersion(current: Scenario, expected: number | undefined): void {
    if (expected !== undefined && current.version !== expected) {
      throw new PreconditionFailedError(
        `The scenario '${current.id}' is at version ${current.version}, not ${expected}; fetch it again and retry.`,
      );
    }
  }
  const lost = (id: string) => new ConflictError(`The scenario '${id}' was changed by another request; fetch it again and retry.`);
  return {
    get,
    async list({ name, limit, offset }) {
      const where = name ? { name: { contains: name } } : {};
      const [rows, total] = await Promise.all([
        scenarios.findMany({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], skip: offset, take: limit }),
        scenarios.count({ where }),
      ]);
      return { items: rows.map(toDomain), total, limit, offset };
    },
    async create(data) {
      const row = await scenarios.create({
        data: { id: randomUUID(), name: data.name, description: data.description, request: JSON.stringify(data.request) },
      });
      return toDomain(row);
    },
    async replace(id, data, expectedVersion) {
      const current = await get(id);
      checkVersion(current, expectedVersion);
      const { count } = await scenarios.updateMany({
        where: { id, version: current.version },
        data: { name: data.name, description: data.description, request: JSON.stringify(data.request), version: current.version + 1 },
      });
      if (count === 0) throw lost(id);
      return get(id);
    },
    async delete(id, expectedVersion) {
      const current = await get(id);
      checkVersion(current, expectedVersion);
      const { count } = await scenarios.deleteMany({ where: { id, version: current.version } });
      if (count === 0) throw lost(id);
    },
  };
}
