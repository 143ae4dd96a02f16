import { readReferenceData } from '../../src/db/reference-data.js';
import type { Repositories } from '../../src/repositories/index.js';
import { type CatalogSnapshot, ProfileCatalog } from '../../src/services/catalog.js';

/**
 * A real ProfileCatalog over the shipped reference data (data/reference/profiles.json), with no
 * database: its snapshots carry a catalogue version, so the answer memo serves them. `state.offerings`
 * is what the next load of API offerings reads: replace it, then `catalog.invalidate('apiOfferings')`,
 * to change a price. The catalogue only calls listAll of these three repositories.
 */
export function referenceCatalog(ttlMs = 60_000) {
  const data = readReferenceData();
  const meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
  const state = { offerings: data.apiOfferings.map((o) => ({ ...meta, ...o })) as { id: string; inputUsdPerMtok: number }[] };
  const listed = (rows: () => object[]) => ({ listAll: async () => rows() });
  const repos = {
    hardware: listed(() => data.hardware.map((h) => ({ ...meta, ...h }))),
    models: listed(() => data.models.map((m) => ({ ...meta, ...m }))),
    apiOfferings: listed(() => state.offerings),
  } as unknown as Repositories;
  return { catalog: new ProfileCatalog(repos, ttlMs), state };
}

/** A snapshot of {@link referenceCatalog}. */
export function referenceCatalogSnapshot(ttlMs = 60_000): Promise<CatalogSnapshot> {
  return referenceCatalog(ttlMs).catalog.snapshot();
}
