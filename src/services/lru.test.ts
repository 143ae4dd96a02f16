import { describe, expect, it } from 'vitest';
import { Lru } from './lru.js';

describe('Lru', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const lru = new Lru<number>(4);
    for (const k of ['a', 'b', 'c']) lru.set(k, k.charCodeAt(0));
    expect(lru.get('a')).toBe(97); // over half full: 'a' becomes the most recently used
    lru.set('d', 100);
    lru.set('e', 101); // drops 'b', the least recently used
    expect(lru.size).toBe(4);
    expect(lru.get('b')).toBeUndefined();
    expect(['a', 'c', 'd', 'e'].map((k) => lru.get(k))).toEqual([97, 99, 100, 101]);
  });

  it('stores again under a known key as the most recently used, with the new value', () => {
    const lru = new Lru<string>(2);
    lru.set('a', 'first');
    lru.set('b', 'b');
    lru.set('a', 'second');
    lru.set('c', 'c'); // drops 'b'
    expect([lru.get('a'), lru.get('b'), lru.get('c')]).toEqual(['second', undefined, 'c']);
  });

  it('keeps null values (only undefined means absent)', () => {
    const lru = new Lru<number | null>(2);
    lru.set('a', null);
    expect(lru.get('a')).toBeNull();
    expect(lru.get('z')).toBeUndefined();
  });
});
