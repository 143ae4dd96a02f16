import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth.js';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

describe('tooDeep', () => {
  it(`accepts bodies nesting up to ${MAX_JSON_DEPTH} levels and names the field of a deeper one (two levels of path)`, () => {
    expect(tooDeep({ a: nested(MAX_JSON_DEPTH - 1) })).toBeNull();
    expect(tooDeep({ a: nested(MAX_JSON_DEPTH) })).toBe('a.0');
    expect(tooDeep({ items: [{}, { workload: nested(100) }] })).toBe('items.1');
    expect(tooDeep(nested(100))).toBe('0.0');
    expect(tooDeep({ a: 1, b: 'x', c: null })).toBeNull();
  });

  it('walks a body nested 100,000 deep without overflowing the stack', () => {
    expect(tooDeep({ deep: nested(100_000) })).toBe('deep.0');
  });
});
