import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldChanges, ownFields } from './changes.js';

describe('fieldChanges', () => {
  it('lists only the fields that differ, sorted, with old and new', () => {
    expect(fieldChanges({ b: 2, a: 1, c: 'x' }, { a: 1, b: 3, c: 'y' })).toEqual([
      { field: 'b', old: 2, new: 3 },
      { field: 'c', old: 'x', new: 'y' },
    ]);
  });
  it('a create lists every field with old null; a delete every field with new null', () => {
    expect(fieldChanges(null, { a: 1, b: null })).toEqual([{ field: 'a', old: null, new: 1 }]);
    expect(fieldChanges({ a: 1 }, null)).toEqual([{ field: 'a', old: 1, new: null }]);
  });
  it('compares nested values by content', () => {
    expect(fieldChanges({ r: { x: [1, 2] } }, { r: { x: [1, 2] } })).toEqual([]);
    expect(fieldChanges({ r: { x: [1, 2] } }, { r: { x: [1, 3] } })).toHaveLength(1);
  });
  it('applying the changes to before gives after (property)', () => {
    const rec = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), fc.oneof(fc.integer(), fc.string(), fc.constant(null)));
    fc.assert(
      fc.property(rec, rec, (before, after) => {
        const applied: Record<string, unknown> = { ...before };
        for (const c of fieldChanges(before, after)) applied[c.field] = c.new;
        for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
          expect(applied[k] ?? null).toEqual(after[k] ?? null);
        }
      }),
    );
  });
});

describe('ownFields', () => {
  it('drops version, timestamps and the soft-delete mark', () => {
    expect(ownFields({ id: 'x', asOf: '2026-01-01', version: 3, createdAt: 'c', updatedAt: 'u', deletedAt: null })).toEqual({
      id: 'x',
      asOf: '2026-01-01',
    });
  });
});
