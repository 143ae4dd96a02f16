/**
 * What one write changed, field by field. Pure: no I/O, no clock.
 */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields whose value differs between `before` and `after`, in a stable order (sorted by
 * field name). A missing side counts as null: a create lists every field with `old: null`, a
 * delete every field with `new: null`. Example: `fieldChanges({ a: 1, b: 2 }, { a: 1, b: 3 })`
 * → `[{ field: 'b', old: 2, new: 3 }]`.
 */
export function fieldChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): FieldChange[] {
  const fields = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  const out: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    const o = before?.[field] ?? null;
    const n = after?.[field] ?? null;
    if (!same(o, n)) out.push({ field, old: o, new: n });
  }
  return out;
}

/** Bookkeeping columns that are not part of a profile's own fields. */
const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt', 'deletedAt']);

/** A stored record's own fields: everything but version, timestamps and the soft-delete mark. */
export function ownFields(record: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !BOOKKEEPING.has(k)));
}
