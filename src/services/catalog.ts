import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { Repositories } from '../repositories/index.js';

/**
 * In-memory copy of the profile store, so that comparisons do no database work for unchanged
 * profiles. Each kind is loaded whole on first use and reloaded when
 * - this instance writes to it (the profile routes call `invalidate`), or
 * - it is older than `ttlMs`, which bounds how long another instance's write can go unseen.
 * A reload that reads the same rows keeps the version (see {@link catalogVersion}).
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
  /** Which load made `map` (unique in the process): the map's identity as a number. */
  load: number;
  map: ReadonlyMap<string, T>;
  /** The rows' JSON text, to recognise a reload that found the same data. */
  text: string;
}

/** Loads of any catalogue in this process, so that a load number names one map for good. */
let loads = 0;

/** The version of each snapshot the catalogue handed out (see {@link catalogVersion}). */
const versions = new WeakMap<CatalogSnapshot, string>();

/**
 * The identity of the profile data in `snapshot`, when a {@link ProfileCatalog} made it: equal
 * versions hold the very same maps, hence the same profiles. A reload (after a write through this
 * instance, or the TTL that bounds other instances' writes) that reads rows with a different JSON
 * text makes a new version; one that reads the very same text keeps the loaded map and its
 * version, so memoised answers (src/services/answer-memo) outlive the TTL while nothing changed.
 * Undefined for any other snapshot (an as-of view, one built by hand, a copy with a map swapped
 * in): callers that key answers by it do not memoise those. The maps are never changed after a
 * load, so a version cannot come to stand for other data.
 */
export function catalogVersion(snapshot: CatalogSnapshot): string | undefined {
  return versions.get(snapshot);
}

export class ProfileCatalog {
  private readonly entries: Partial<Record<ProfileKind, Entry<unknown>>> = {};
  private readonly pending: Partial<Record<ProfileKind, Promise<Entry<unknown>>>> = {};
  /** The last load of each kind, kept through `invalidate`: a reload that reads the same rows reuses its map. */
  private readonly lastLoad: Partial<Record<ProfileKind, Entry<unknown>>> = {};
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

  /** All three kinds, loading or reloading what is missing or stale; frozen, with a {@link catalogVersion}. */
  async snapshot(): Promise<CatalogSnapshot> {
    const [hardware, models, apiOfferings] = await Promise.all([
      this.get<HardwareProfile>('hardware'),
      this.get<ModelProfile>('models'),
      this.get<ApiOffering>('apiOfferings'),
    ]);
    const snapshot = Object.freeze({ hardware: hardware.map, models: models.map, apiOfferings: apiOfferings.map });
    versions.set(snapshot, `${hardware.load}.${models.load}.${apiOfferings.load}`);
    return snapshot;
  }

  /** All profiles of one kind, ordered by id. */
  async list<T>(kind: ProfileKind): Promise<T[]> {
    return [...(await this.get<T>(kind)).map.values()];
  }

  private async get<T>(kind: ProfileKind): Promise<Entry<T>> {
    const entry = this.entries[kind];
    if (entry && this.now() - entry.loadedAt < this.ttlMs) {
      this.stats.hits++;
      return entry as Entry<T>;
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
    return (await loading) as Entry<T>;
  }

  private async load(kind: ProfileKind): Promise<Entry<unknown>> {
    const loadedAt = this.now();
    const items: { id: string }[] = await this.repos[kind].listAll();
    const text = JSON.stringify(items);
    const last = this.lastLoad[kind];
    // Same rows (ids, order, every field): the same map and load number, hence the same version.
    const entry =
      last?.text === text ? { ...last, loadedAt } : { loadedAt, load: ++loads, map: new Map(items.map((i) => [i.id, i])), text };
    this.lastLoad[kind] = entry;
    return entry;
  }
}
