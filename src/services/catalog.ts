import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { Repositories } from '../repositories/index.js';

/**
 * In-memory copy of the profile store, so that comparisons do no database work for unchanged
 * profiles. Each kind is loaded whole on first use and reloaded when
 * - this instance writes to it (the profile routes call `invalidate`), or
 * - it is older than `ttlMs`, which bounds how long another instance's write can go unseen.
 */
export type ProfileKind = 'hardware' | 'models' | 'apiOfferings';

export interface CatalogSnapshot {
  hardware: ReadonlyMap<string, HardwareProfile>;
  models: ReadonlyMap<string, ModelProfile>;
  apiOfferings: ReadonlyMap<string, ApiOffering>;
}

export interface CatalogStats {
  hits: number;
  misses: number;
}

interface Entry<T> {
  loadedAt: number;
  map: ReadonlyMap<string, T>;
}

export class ProfileCatalog {
  private readonly entries: Partial<Record<ProfileKind, Entry<unknown>>> = {};
  private readonly pending: Partial<Record<ProfileKind, Promise<Entry<unknown>>>> = {};
  private generation = 0;
  readonly stats: CatalogStats = { hits: 0, misses: 0 };

  constructor(
    private readonly repos: Repositories,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Drops the cached copy of one kind (after a write). */
  invalidate(kind: ProfileKind): void {
    delete this.entries[kind];
    delete this.pending[kind];
    this.generation++;
  }

  /** All three kinds, loading or reloading what is missing or stale. */
  async snapshot(): Promise<CatalogSnapshot> {
    const [hardware, models, apiOfferings] = await Promise.all([
      this.get<HardwareProfile>('hardware'),
      this.get<ModelProfile>('models'),
      this.get<ApiOffering>('apiOfferings'),
    ]);
    return { hardware, models, apiOfferings };
  }

  /** All profiles of one kind, ordered by id. */
  async list<T>(kind: ProfileKind): Promise<T[]> {
    return [...(await this.get<T>(kind)).values()];
  }

  private async get<T>(kind: ProfileKind): Promise<ReadonlyMap<string, T>> {
    const entry = this.entries[kind];
    if (entry && this.now() - entry.loadedAt < this.ttlMs) {
      this.stats.hits++;
      return entry.map as ReadonlyMap<string, T>;
    }
    this.stats.misses++;
    let loading = this.pending[kind];
    if (!loading) {
      const generation = this.generation;
      loading = this.load(kind).then((loaded) => {
        // A write during the load may have been missed: only keep the result if none happened.
        if (this.generation === generation) this.entries[kind] = loaded;
        delete this.pending[kind];
        return loaded;
      });
      this.pending[kind] = loading;
    }
    return (await loading).map as ReadonlyMap<string, T>;
  }

  private async load(kind: ProfileKind): Promise<Entry<unknown>> {
    const loadedAt = this.now();
    const items: { id: string }[] = await this.repos[kind].listAll();
    return { loadedAt, map: new Map(items.map((i) => [i.id, i])) };
  }
}
