import { readReferenceData } from '../../src/db/reference-data.js';
import type { Repositories } from '../../src/repositories/index.js';
import { type CatalogSnapshot, ProfileCatalog } from '../../src/services/catalog.js';

/**
 * A catalogue snapshot of the shipped reference data (data/reference/profiles.json) made by a real
 * ProfileCatalog, so it carries a catalogue version and the answer memo serves it; no database.
 * The catalogue only calls listAll of these three repositories.
 */
export function referenceCatalogSnapshot(ttlMs = 60_000): Promise<CatalogSnapshot> {
  const data = readReferenceData();
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const listed = (rows: object[]) => ({ listAll: async () => rows.map((r) => ({ ...meta, ...r })) });
  const repos = {
    hardware: listed(data.hardware),
    models: listed(data.models),
    apiOfferings: listed(data.apiOfferings),
  } as unknown as Repositories;
  return new ProfileCatalog(repos, ttlMs).snapshot();
}
