/**
 * Component housekeeping for the generated OpenAPI document.
 *
 * fastify-type-provider-zod 7 emits every registered schema twice: `X` (its output form, for
 * responses) and `XInput` (its input form, for requests), whether or not the two differ. Most of
 * ours are the same either way; only schemas with defaults or transforms differ (a field with a
 * default is optional on input, always present on output). {@link tidySchemas} keeps one
 * component per shape and drops components nothing refers to.
 */

type Schemas = Record<string, unknown>;
const PREFIX = '#/components/schemas/';
const INPUT = 'Input';

/** Deep copy of `value` (JSON) with every `$ref` to a component renamed through `rename`. */
function renameRefs(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameRefs(v, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)
        ? PREFIX + rename(child.slice(PREFIX.length))
        : renameRefs(child, rename);
  }
  return out;
}

/** Names of the components `value` refers to directly. */
function refsOf(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const v of value) refsOf(v, into);
  else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(PREFIX)) into.add(child.slice(PREFIX.length));
      else refsOf(child, into);
    }
  }
  return into;
}

/**
 * One component per shape: finds every `X` / `XInput` pair whose two forms are the same schema
 * once the pairs merged alongside are merged too (the largest such set, so schemas that refer to
 * each other merge together) and keeps `X` alone; then keeps only the components reachable from
 * the paths, and names an input form whose output form nothing uses `X`. Returns a new document.
 */
export function tidySchemas<T extends { paths?: unknown; components?: { schemas?: Record<string, unknown> } }>(doc: T): T {
  const schemas = (doc.components?.schemas ?? {}) as Schemas;
  const variants = new Set(
    Object.keys(schemas)
      .filter((name) => schemas[name + INPUT] !== undefined)
      .map((name) => name + INPUT),
  );
  const baseOf = (name: string) => name.slice(0, -INPUT.length);

  const merged = new Set([...variants].map(baseOf));
  const merge = (name: string) => (variants.has(name) && merged.has(baseOf(name)) ? baseOf(name) : name);
  for (let changed = true; changed; ) {
    changed = false;
    for (const base of merged) {
      const input = JSON.stringify(renameRefs(schemas[base + INPUT], merge));
      const output = JSON.stringify(renameRefs(schemas[base], merge));
      if (input !== output) {
        merged.delete(base);
        changed = true;
      }
    }
  }

  const { components, ...rest } = doc;
  const { schemas: _all, ...otherComponents } = components ?? {};
  const roots = renameRefs({ rest, otherComponents }, merge);
  const reachable = new Set<string>();
  const queue = [...refsOf(roots, new Set())];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (reachable.has(name) || schemas[name] === undefined) continue;
    reachable.add(name);
    queue.push(...refsOf(renameRefs(schemas[name], merge), new Set()));
  }
  const rename = (name: string) => {
    const m = merge(name);
    return variants.has(m) && !reachable.has(baseOf(m)) ? baseOf(m) : m;
  };
  const kept: Schemas = {};
  for (const [name, schema] of Object.entries(schemas)) {
    if (reachable.has(name)) kept[rename(name)] = renameRefs(schema, rename);
  }
  const renamed = renameRefs(doc, rename) as T;
  return { ...renamed, components: { ...renamed.components, schemas: kept } };
}
