import { describe, expect, it } from 'vitest';
import type { Repositories } from '../repositories/index.js';
import { catalogVersion, ProfileCatalog } from './catalog.js';

/** Repositories whose listAll answers the current rows of each kind and counts the reads. */
function fakeRepos() {
  const rows = { hardware: [{ id: 'h1', price: 1 }], models: [{ id: 'm1' }], apiOfferings: [{ id: 'a1' }] };
  const reads = { hardware: 0, models: 0, apiOfferings: 0 };
  const kind = (k: keyof typeof rows) => ({
    listAll: async () => {
      reads[k]++;
      return rows[k].map((r) => ({ ...r }));
    },
  });
  // The catalogue only calls listAll of these three repositories.
  const repos = { hardware: kind('hardware'), models: kind('models'), apiOfferings: kind('apiOfferings') } as unknown as Repositories;
  return { repos, rows, reads };
}

describe('ProfileCatalog versions', () => {
  it('gives snapshots of the same loaded maps the same version, and freezes each snapshot', async () => {
    const { repos } = fakeRepos();
    const catalog = new ProfileCatalog(repos, 60_000);
    const a = await catalog.snapshot();
    const b = await catalog.snapshot();
    expect(catalogVersion(a)).toBeDefined();
    expect(catalogVersion(b)).toBe(catalogVersion(a));
    expect(b.hardware).toBe(a.hardware);
    expect(Object.isFrozen(a)).toBe(true);
  });

  it('a write (invalidate) of any kind that changed its rows makes a new version that serves the new data', async () => {
    const { repos, rows } = fakeRepos();
    const catalog = new ProfileCatalog(repos, 60_000);
    const before = await catalog.snapshot();
    const changes = {
      hardware: () => (rows.hardware = [{ id: 'h1', price: 2 }]),
      models: () => (rows.models = [{ id: 'm1' }, { id: 'm2' }]),
      apiOfferings: () => (rows.apiOfferings = []),
    };
    for (const kind of ['hardware', 'models', 'apiOfferings'] as const) {
      const prior = await catalog.snapshot();
      changes[kind]();
      catalog.invalidate(kind);
      const after = await catalog.snapshot();
      expect(catalogVersion(after), kind).not.toBe(catalogVersion(prior));
    }
    const last = await catalog.snapshot();
    expect(last.hardware.get('h1')).toEqual({ id: 'h1', price: 2 });
    expect([...last.models.keys()]).toEqual(['m1', 'm2']);
    expect(last.apiOfferings.size).toBe(0);
    expect(before.hardware.get('h1')).toEqual({ id: 'h1', price: 1 });
  });

  it('a reload that reads the same rows (a write that changed nothing) keeps the version and the map', async () => {
    const { repos, reads } = fakeRepos();
    const catalog = new ProfileCatalog(repos, 60_000);
    const prior = await catalog.snapshot();
    catalog.invalidate('hardware');
    const after = await catalog.snapshot();
    expect(reads.hardware).toBe(2);
    expect(catalogVersion(after)).toBe(catalogVersion(prior));
    expect(after.hardware).toBe(prior.hardware);
  });

  it('a reload after the TTL keeps the version while the rows are the same, and makes a new one when another instance changed them', async () => {
    const { repos, rows, reads } = fakeRepos();
    let now = 0;
    const catalog = new ProfileCatalog(repos, 1_000, () => now);
    const first = catalogVersion(await catalog.snapshot());
    now = 999;
    expect(catalogVersion(await catalog.snapshot())).toBe(first);
    expect(reads.hardware).toBe(1);
    now = 1_000;
    expect(catalogVersion(await catalog.snapshot())).toBe(first);
    expect(reads.hardware).toBe(2);
    // Another instance's write: the same id, one field changed, no invalidate here.
    rows.hardware = [{ id: 'h1', price: 3 }];
    now = 2_000;
    const changed = await catalog.snapshot();
    expect(catalogVersion(changed)).not.toBe(first);
    expect(changed.hardware.get('h1')).toEqual({ id: 'h1', price: 3 });
    // Changed back: the text matches the last load only, so this is a new version again (not the first).
    rows.hardware = [{ id: 'h1', price: 1 }];
    now = 3_000;
    const back = catalogVersion(await catalog.snapshot());
    expect(back).not.toBe(first);
    expect(back).not.toBe(catalogVersion(changed));
  });

  it('two catalogues never share a version, and a snapshot it did not make has none', async () => {
    const one = await new ProfileCatalog(fakeRepos().repos, 60_000).snapshot();
    const two = await new ProfileCatalog(fakeRepos().repos, 60_000).snapshot();
    expect(catalogVersion(one)).not.toBe(catalogVersion(two));
    expect(catalogVersion({ ...one })).toBeUndefined();
    expect(catalogVersion({ ...one, hardware: new Map() })).toBeUndefined();
  });
});
