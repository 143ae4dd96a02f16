import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayCap } from './json-array-cap.js';

/** Feeds `text` in chunks of `size` bytes; returns whether the cap was exceeded and the largest count. */
function scan(text: string, cap: number, size = 7): { over: boolean; largest: number } {
  const bytes = Buffer.from(text, 'utf8');
  const counter = new JsonArrayCap(cap);
  for (let i = 0; i < bytes.length; i += size) {
    if (counter.feed(bytes.subarray(i, i + size))) return { over: true, largest: counter.largest };
  }
  return { over: false, largest: counter.largest };
}

/** The largest array length at depth 1 or 2, computed from the parsed value. */
function largestShallowArray(value: unknown): number {
  const lengths: number[] = [0];
  const visit = (v: unknown, depth: number) => {
    if (depth > 2 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) lengths.push(v.length);
    for (const child of Object.values(v)) visit(child, depth + 1);
  };
  visit(value, 1);
  return Math.max(...lengths);
}

describe('JsonArrayCap', () => {
  it.each([
    ['{"items":[]}', 0],
    ['{"items":[1,2,3]}', 3],
    ['{"items":[{"a":[1,2,3,4,5]},{"b":"x,y,z"}]}', 2],
    ['[1,[2,3,4,5],6]', 4],
    ['{"items":["[,,,]", "\\"],[", {"k":"{"}]}', 3],
    ['{ "items" : [ 1 , 2 ] , "other" : [ 3 , 4 , 5 , 6 ] }', 4],
    ['{"a":{"deep":[1,2,3,4,5,6,7]}}', 0],
  ])('%s → largest shallow array %i', (text, largest) => {
    expect(scan(text, 1_000).largest).toBe(largest);
    expect(scan(text, 1_000, 1).largest).toBe(largest);
  });

  it('stops at the first element past the cap, before the rest of the body', () => {
    const counter = new JsonArrayCap(3);
    expect(counter.feed(Buffer.from('{"items":[{},{},{}'))).toBe(false);
    expect(counter.feed(Buffer.from(',{'))).toBe(true);
    expect(counter.largest).toBe(4);
  });

  it('multi-byte UTF-8 split across chunks does not disturb the count', () => {
    expect(scan('{"items":["é,ü","日本,語",{"x":"🙂,"}]}', 10, 1).largest).toBe(3);
  });

  it('agrees with JSON.parse on any JSON value, in any chunking', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.integer({ min: 1, max: 16 }), (value, size) => {
        const text = JSON.stringify(value);
        const expected = largestShallowArray(value);
        expect(scan(text, 1_000_000, size).largest).toBe(expected);
        expect(scan(text, expected, size).over).toBe(false);
        if (expected > 0) expect(scan(text, expected - 1, size).over).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
