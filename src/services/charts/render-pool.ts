import { createHash } from 'node:crypto';
import type { CatalogSnapshot } from '../catalog.js';
import { type ChartJob, needsCatalog } from './chart-jobs.js';
import { ChartWorkers } from './render-workers.js';

/**
 * Every chart the service draws goes through here. Its data and its Vega render are computed in a
 * worker thread (./render-workers.ts), so the event loop keeps serving other requests (/health
 * included) while charts are drawn; the main thread only reads the scenario and hands the job over.
 * The last `maxEntries` SVGs are remembered by a hash of the job (kind, scenario name and stored
 * request, query) and of the profile catalogue it is computed with: an SVG is reused exactly as
 * long as none of them changes, and redrawn after a change to the scenario or to any profile.
 * Identical charts requested while one is being drawn share it.
 */
export class ChartRenderPool {
  private readonly cache = new Map<string, string>();
  private readonly running = new Map<string, Promise<string>>();
  /** Hash of each profile map of the catalogue (a map is replaced, never changed, when profiles change). */
  private readonly catalogHashes = new WeakMap<object, string>();
  /** Charts drawn (cache misses). */
  renders = 0;

  constructor(
    readonly workers: ChartWorkers = new ChartWorkers(),
    readonly maxEntries = 200,
  ) {}

  /**
   * The SVG document of `job`: from the cache, or drawn by a worker with the profiles of
   * `snapshot` (needed by every kind but `history`). Rejects with what the computation threw
   * (e.g. a 422 for a stored request that is no longer valid).
   */
  chart(job: ChartJob, snapshot?: CatalogSnapshot): Promise<string> {
    const catalog = needsCatalog(job) && snapshot ? this.catalogHash(snapshot) : '';
    const key = createHash('sha256').update(JSON.stringify(job)).update(catalog).digest('base64url');
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Most recently used last: a Map keeps insertion order.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return Promise.resolve(hit);
    }
    const same = this.running.get(key);
    if (same) return same;
    this.renders++;
    const render = this.workers.render(job, needsCatalog(job) ? snapshot : undefined).then(
      (svg) => {
        this.running.delete(key);
        this.cache.set(key, svg);
        if (this.cache.size > this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
        return svg;
      },
      (err: unknown) => {
        this.running.delete(key);
        throw err;
      },
    );
    this.running.set(key, render);
    return render;
  }

  /** Terminates the chart workers (the app's onClose). */
  close(): Promise<void> {
    return this.workers.close();
  }

  private catalogHash(snapshot: CatalogSnapshot): string {
    return [snapshot.hardware, snapshot.models, snapshot.apiOfferings]
      .map((profiles) => {
        let hash = this.catalogHashes.get(profiles);
        if (hash === undefined) {
          hash = createHash('sha256')
            .update(JSON.stringify([...profiles.values()]))
            .digest('base64url');
          this.catalogHashes.set(profiles, hash);
        }
        return hash;
      })
      .join(':');
  }
}
