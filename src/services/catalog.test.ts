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

  it('a write (invalidate) of any kind makes a new version that serves the new data', async () => {
    const { repos, rows } = fakeRepos();
    const catalog = new ProfileCatalog(repos, 60_000);
    const before = await catalog.snapshot();
    for (const kind of ['hardware', 'models', 'apiOfferings'] as const) {
      const prior = await catalog.snapshot();
      if (kind === 'hardware') rows.hardware = [{ id: 'h1', price: 2 }];
      catalog.invalidate(kind);
      const after = await catalog.snapshot();
      expect(catalogVersion(after), kind).not.toBe(catalogVersion(prior));
    }
    expect((await catalog.snapshot()).hardware.get('h1')).toEqual({ id: 'h1', price: 2 });
    expect(before.hardware.get('h1')).toEqual({ id: 'h1', price: 1 });
  });

  it('a reload after the TTL (how another instance’s write arrives) is a new version', async () => {
    const { repos } = fakeRepos();
    let now = 0;
    const catalog = new ProfileCatalog(repos, 1_000, () => now);
    const first = catalogVersion(await catalog.snapshot());
    now = 999;
    expect(catalogVersion(await catalog.snapshot())).toBe(first);
    now = 1_000;
    expect(catalogVersion(await catalog.snapshot())).not.toBe(first);
  });

  it('two catalogues never share a version, and a snapshot it did not make has none', async () => {
    const one = await new ProfileCatalog(fakeRepos().repos, 60_000).snapshot();
    const two = await new ProfileCatalog(fakeRepos().repos, 60_000).snapshot();
    expect(catalogVersion(one)).not.toBe(catalogVersion(two));
    expect(catalogVersion({ ...one })).toBeUndefined();
    expect(catalogVersion({ ...one, hardware: new Map() })).toBeUndefined();
  });
});
