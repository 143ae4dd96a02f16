/**
 * A bounded string-keyed map for the memos shared across requests (replica models, SLO sizings,
 * whole answers): beyond `maxEntries` the least recently used entry is dropped.
 *
 * A hit moves its entry to the back (delete + set), which costs more than the lookup itself and
 * only matters once entries are dropped, so it is done only when the map is over half full: an
 * entry last used before that counts as used when it was stored. Values are never undefined.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value stored under `key`, or undefined. */
  get(key: string): V | undefined {
    const found = this.entries.get(key);
    if (found !== undefined && this.entries.size > this.maxEntries / 2) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  /** Forgets `key` (nothing when it is not stored). */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Stores `value` under `key` (as the most recently used), dropping the least recently used entry beyond the bound. */
  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}
