/**
 * A bounded memo of computed answers: string key → the answer as served, least recently used
 * entries dropped beyond `maxEntries` (the shared Lru; 0 turns it off). What goes into a key, and
 * why that is enough for the answer never to be stale, is key.ts's job; the comparison pipeline
 * that uses it is answer.ts.
 *
 * An answer is stored when its key is asked for the second time (while the first is still among
 * the last `4 × maxEntries` keys asked once): a request seen once is answered and forgotten. A
 * stream of distinct requests (a volume sweep, a batch whose every item differs) then neither
 * freezes nor keeps answers that nobody asks for again; kept, each ≈38 KB answer and its text
 * outlived the young generation and cost the garbage collector (a 5,000-item sweep batch ran
 * about a fifth faster with the memo off than with store-on-first-sight). A repeated request is
 * computed twice, then served from the memo.
 *
 * A stored answer is handed to every later caller with the same key, so it is deep-frozen when
 * stored: a caller that tried to change it (instead of copying what it changes, as the scenario
 * evaluation's spread does) throws from the second request with that key on (the one that stores
 * it), rather than silently changing the answers of later requests. An answer not stored is the
 * caller's own.
 */
import { Lru } from '../lru.js';

/** Answers stored in a memo (deep-frozen), and the JSON text of those written out already. */
const stored = new WeakSet<object>();
const texts = new WeakMap<object, string>();

/**
 * `JSON.stringify(value)`, written once per memoised answer: a stored answer is deep-frozen, so
 * its text cannot change, and a repeated request (or batch item) reuses it instead of
 * serialising ≈40 KB again. Any other value is serialised as usual. The text lives as long as
 * the answer (a WeakMap), about as much memory again as the answer's heap.
 */
export function answerJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || !stored.has(value)) return JSON.stringify(value);
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    texts.set(value, text);
  }
  return text;
}

/** Keys remembered as asked once, per stored answer: a repeat within this many distinct keys is stored. */
export const SEEN_KEYS_PER_ENTRY = 4;

export class AnswerMemo<V extends object> {
  /**
   * The stored answers and the keys asked for once and not stored (the next request with one of
   * them stores its answer); null when off (`maxEntries` 0): nothing is stored, not even for a moment.
   */
  private readonly lrus: { entries: Lru<V>; seenOnce: Lru<true> } | null;
  hits = 0;
  misses = 0;

  /** `maxEntries`: answers kept (ANSWER_MEMO_ENTRIES); 0 stores nothing. */
  constructor(readonly maxEntries: number) {
    this.lrus = maxEntries > 0 ? { entries: new Lru<V>(maxEntries), seenOnce: new Lru<true>(maxEntries * SEEN_KEYS_PER_ENTRY) } : null;
  }

  /** False when `maxEntries` is 0: callers then skip building keys at all. */
  get enabled(): boolean {
    return this.lrus !== null;
  }

  get size(): number {
    return this.lrus?.entries.size ?? 0;
  }

  /**
   * The answer stored under `key`, else `compute()`'s: deep-frozen and stored (dropping the least
   * recently used entry beyond `maxEntries`, see Lru) when `key` was asked for once before, only
   * remembered as seen otherwise. A `compute` that throws stores nothing: the error is raised
   * again by the next identical request.
   */
  answer(key: string, compute: () => V): V {
    if (this.lrus === null) {
      this.misses++;
      return compute();
    }
    const { entries, seenOnce } = this.lrus;
    const found = entries.get(key);
    if (found !== undefined) {
      this.hits++;
      return found;
    }
    this.misses++;
    const value = compute();
    if (seenOnce.get(key) === undefined) {
      seenOnce.set(key, true);
      return value;
    }
    seenOnce.delete(key);
    deepFreeze(value);
    stored.add(value);
    entries.set(key, value);
    return value;
  }
}

/**
 * Freezes `value` and every object and array inside it (acyclic JSON-like data, as present()
 * returns); returns it. An object frozen already is still walked: a shallow freeze elsewhere must
 * not leave its children writable. Indexed and for-in loops, not Object.values: about 25 µs for
 * the 8-candidate answer (182 objects) instead of about 110 µs (scripts/answer-memo-measure.ts).
 */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') freezeTree(value);
  return value;
}

function freezeTree(value: object): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const child: unknown = value[i];
      if (child !== null && typeof child === 'object') freezeTree(child);
    }
  } else {
    const obj = value as Record<string, unknown>;
    for (const key in obj) {
      const child = obj[key];
      if (child !== null && typeof child === 'object') freezeTree(child);
    }
  }
  Object.freeze(value);
}
