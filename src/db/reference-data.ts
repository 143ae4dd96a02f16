import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { Repositories } from '../repositories/index.js';
import type { Writable } from '../repositories/profile-repository.js';
import { apiOfferingSchemas, hardwareSchemas, modelSchemas } from '../schemas/profiles.js';
import type { Database } from './database.js';
import { referenceDataFile } from './paths.js';

/**
 * The reference data shipped in data/reference/profiles.json: sourced hardware, model and API
 * price profiles. Each data version is loaded at most once per database: its records whose ids
 * are not present are inserted, nothing is overwritten, and the version is recorded, so a restart
 * never duplicates records or undoes a user's edit or deletion. Deletes are soft, so a deleted
 * profile's row is still present and is never re-inserted, even by a newer data version.
 */
export interface ReferenceData {
  dataVersion: string;
  hardware: Writable<HardwareProfile>[];
  models: Writable<ModelProfile>[];
  apiOfferings: Writable<ApiOffering>[];
}

const fileSchema = z.object({
  dataVersion: z.string().min(1),
  hardware: z.array(hardwareSchemas.complete),
  models: z.array(modelSchemas.complete),
  apiOfferings: z.array(apiOfferingSchemas.complete),
});

/** The change log's actor for reference-data inserts. */
export const REFERENCE_DATA_ACTOR = 'reference-data';

export class ReferenceDataError extends Error {
  override name = 'ReferenceDataError';
}

/** Reads and validates the reference data file with the same schemas the API uses. */
export function readReferenceData(file: string = referenceDataFile): ReferenceData {
  const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new ReferenceDataError(`Invalid reference data in ${file}: ${first}`);
  }
  return parsed.data;
}

export interface LoadResult {
  dataVersion: string;
  /** False when this data version had been loaded before. */
  loaded: boolean;
  inserted: number;
}

/**
 * Loads `data` unless its version was loaded before. Instances starting together on one database
 * take turns (Database.exclusive), so the data is loaded once and no insert collides.
 */
export async function loadReferenceData(
  db: Database,
  repos: Repositories,
  data: ReferenceData,
  at: Date = new Date(),
): Promise<LoadResult> {
  return db.exclusive('reference-data', async () => {
    const seen = await db.prisma.referenceDataLoad.findUnique({ where: { dataVersion: data.dataVersion } });
    if (seen) return { dataVersion: data.dataVersion, loaded: false, inserted: 0 };
    // Each insert is recorded in the change log as a create by `reference-data`.
    const ctx = { actor: REFERENCE_DATA_ACTOR, requestId: null, at };
    let inserted = 0;
    inserted += await repos.hardware.insertMissing(data.hardware, ctx);
    inserted += await repos.models.insertMissing(data.models, ctx);
    inserted += await repos.apiOfferings.insertMissing(data.apiOfferings, ctx);
    await db.prisma.referenceDataLoad.upsert({
      where: { dataVersion: data.dataVersion },
      create: { dataVersion: data.dataVersion, inserted },
      update: {},
    });
    return { dataVersion: data.dataVersion, loaded: true, inserted };
  });
}
