import { describe, expect, it } from 'vitest';
import { AnswerMemo, answerJson, deepFreeze } from './memo.js';

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

describe('AnswerMemo', () => {
  it('computes once per key and hands the stored answer to repeats, counting hits and misses', () => {
    const memo = new AnswerMemo<{ v: number }>(4);
    const c = counting();
    const first = memo.answer('a', c.compute(1));
    const again = memo.answer('a', c.compute(99));
    expect(again).toBe(first);
    expect(again.v).toBe(1);
    expect(memo.answer('b', c.compute(2)).v).toBe(2);
    expect(c.calls).toBe(2);
    expect({ hits: memo.hits, misses: memo.misses, size: memo.size }).toEqual({ hits: 1, misses: 2, size: 2 });
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    const memo = new AnswerMemo<{ v: number }>(2);
    const c = counting();
    memo.answer('a', c.compute(1));
    memo.answer('b', c.compute(2));
    memo.answer('a', c.compute(1)); // a is now the most recently used
    memo.answer('c', c.compute(3)); // drops b
    expect(memo.size).toBe(2);
    expect(c.calls).toBe(3);
    memo.answer('a', c.compute(1));
    memo.answer('c', c.compute(3));
    expect(c.calls).toBe(3);
    memo.answer('b', c.compute(2));
    expect(c.calls).toBe(4);
    expect(memo.size).toBe(2);
  });

  it('with 0 entries stores nothing and is off', () => {
    const memo = new AnswerMemo<{ v: number }>(0);
    const c = counting();
    memo.answer('a', c.compute(1));
    memo.answer('a', c.compute(1));
    expect(memo.enabled).toBe(false);
    expect(memo.size).toBe(0);
    expect(c.calls).toBe(2);
  });

  it('stores nothing when the computation throws: the next identical call throws again', () => {
    const memo = new AnswerMemo<{ v: number }>(4);
    let calls = 0;
    const failing = () => {
      calls++;
      throw new Error('unknown profile');
    };
    expect(() => memo.answer('a', failing)).toThrow('unknown profile');
    expect(() => memo.answer('a', failing)).toThrow('unknown profile');
    expect(calls).toBe(2);
    expect(memo.size).toBe(0);
  });

  it('hands out deep-frozen answers, on the first call as on repeats: a caller cannot change what others get', () => {
    const memo = new AnswerMemo<{ v: number; nested: { list: number[] } }>(4);
    const first = memo.answer('a', counting().compute(1));
    expect(() => {
      first.v = 2;
    }).toThrow(TypeError);
    expect(() => first.nested.list.push(2)).toThrow(TypeError);
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
    const answer = memo.answer('a', counting().compute(1.5));
    expect(answerJson(answer)).toBe(JSON.stringify(answer));
    expect(answerJson(answer)).toBe('{"v":1.5,"nested":{"list":[1.5]}}');
    const plain = { v: 2, nested: { list: [2] } };
    expect(answerJson(plain)).toBe(JSON.stringify(plain));
    plain.v = 3;
    expect(answerJson(plain)).toBe(JSON.stringify(plain));
    for (const v of [null, 1, 'x', [1, { a: 2 }]]) expect(answerJson(v)).toBe(JSON.stringify(v));
  });
});
