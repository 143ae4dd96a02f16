import { describe, expect, it } from 'vitest';
import { AnswerMemo, answerJson, deepFreeze, SEEN_KEYS_PER_ENTRY } from './memo.js';

const counting = () => {
  let calls = 0;
  return {
    compute: (v: number) => () => {
      calls++;
      return { v, nested: { list: [v] } };
    },
    get calls() {
      return calls;
    },
  };
};

/** Asks for `key` twice: the second answer is the one stored (answers are stored on a key's second request). */
function stored<V extends object>(memo: AnswerMemo<V>, key: string, compute: () => V): V {
  memo.answer(key, compute);
  return memo.answer(key, compute);
}

describe('AnswerMemo', () => {
  it('stores an answer when its key is asked for the second time and hands it to later repeats, counting hits and misses', () => {
    const memo = new AnswerMemo<{ v: number }>(4);
    const c = counting();
    const first = memo.answer('a', c.compute(1));
    expect(memo.size).toBe(0);
    const second = memo.answer('a', c.compute(1));
    expect(second).not.toBe(first);
    expect(memo.size).toBe(1);
    const third = memo.answer('a', c.compute(99));
    expect(third).toBe(second);
    expect(third.v).toBe(1);
    expect(memo.answer('b', c.compute(2)).v).toBe(2);
    expect(c.calls).toBe(3);
    expect({ hits: memo.hits, misses: memo.misses, size: memo.size }).toEqual({ hits: 1, misses: 3, size: 1 });
  });

  it('keeps nothing from a stream of distinct keys (a volume sweep)', () => {
    const memo = new AnswerMemo<{ v: number }>(4);
    const c = counting();
    for (let i = 0; i < 100; i++) memo.answer(`k${i}`, c.compute(i));
    expect(memo.size).toBe(0);
    expect(c.calls).toBe(100);
    expect(memo.hits).toBe(0);
  });

  it('remembers a key asked once among the last 4 × maxEntries such keys, no further', () => {
    const memo = new AnswerMemo<{ v: number }>(2);
    const c = counting();
    memo.answer('a', c.compute(1));
    for (let i = 0; i < 2 * SEEN_KEYS_PER_ENTRY - 1; i++) memo.answer(`other${i}`, c.compute(i));
    memo.answer('a', c.compute(1)); // still remembered: stored now
    expect(memo.size).toBe(1);
    memo.answer('b', c.compute(2));
    for (let i = 0; i < 2 * SEEN_KEYS_PER_ENTRY; i++) memo.answer(`more${i}`, c.compute(i));
    memo.answer('b', c.compute(2)); // forgotten: seen once again, not stored
    expect(memo.size).toBe(1);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const memo = new AnswerMemo<{ v: number }>(2);
    const c = counting();
    stored(memo, 'a', c.compute(1));
    stored(memo, 'b', c.compute(2));
    memo.answer('a', c.compute(1)); // a hit: a is now the most recently used
    stored(memo, 'c', c.compute(3)); // drops b
    expect(memo.size).toBe(2);
    expect(c.calls).toBe(6);
    memo.answer('a', c.compute(1));
    memo.answer('c', c.compute(3));
    expect(c.calls).toBe(6);
    memo.answer('b', c.compute(2));
    expect(c.calls).toBe(7);
    expect(memo.size).toBe(2);
  });

  it('with 0 entries stores nothing and is off', () => {
    const memo = new AnswerMemo<{ v: number }>(0);
    const c = counting();
    for (let i = 0; i < 3; i++) memo.answer('a', c.compute(1));
    expect(memo.enabled).toBe(false);
    expect(memo.size).toBe(0);
    expect(c.calls).toBe(3);
  });

  it('stores nothing when the computation throws: the next identical call throws again', () => {
    const memo = new AnswerMemo<{ v: number }>(4);
    let calls = 0;
    const failing = () => {
      calls++;
      throw new Error('unknown profile');
    };
    for (let i = 0; i < 3; i++) expect(() => memo.answer('a', failing)).toThrow('unknown profile');
    expect(calls).toBe(3);
    expect(memo.size).toBe(0);
  });

  it('hands out the stored answer deep-frozen, from the call that stores it on: a caller cannot change what others get', () => {
    const memo = new AnswerMemo<{ v: number; nested: { list: number[] } }>(4);
    const once = memo.answer('a', counting().compute(1));
    // Not stored, not shared: the caller's own.
    expect(Object.isFrozen(once)).toBe(false);
    for (const shared of [memo.answer('a', counting().compute(1)), memo.answer('a', counting().compute(1))]) {
      expect(() => {
        shared.v = 2;
      }).toThrow(TypeError);
      expect(() => shared.nested.list.push(2)).toThrow(TypeError);
    }
    expect(memo.answer('a', counting().compute(1))).toEqual({ v: 1, nested: { list: [1] } });
  });
});

describe('deepFreeze', () => {
  it('freezes the children of an object frozen shallowly before', () => {
    const inner = { x: 1 };
    const outer = Object.freeze({ inner, list: [inner] });
    deepFreeze(outer);
    expect(Object.isFrozen(inner)).toBe(true);
    expect(Object.isFrozen(outer.list)).toBe(true);
  });
});

describe('answerJson', () => {
  it('is JSON.stringify, for a memoised answer (its text kept) as for any other value', () => {
    const memo = new AnswerMemo<{ v: number; nested: { list: number[] } }>(4);
    const answer = stored(memo, 'a', counting().compute(1.5));
    expect(answerJson(answer)).toBe(JSON.stringify(answer));
    expect(answerJson(answer)).toBe('{"v":1.5,"nested":{"list":[1.5]}}');
    const plain = { v: 2, nested: { list: [2] } };
    expect(answerJson(plain)).toBe(JSON.stringify(plain));
    plain.v = 3;
    expect(answerJson(plain)).toBe(JSON.stringify(plain));
    for (const v of [null, 1, 'x', [1, { a: 2 }]]) expect(answerJson(v)).toBe(JSON.stringify(v));
  });
});
