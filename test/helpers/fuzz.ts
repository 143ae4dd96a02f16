/**
 * Building blocks of the OpenAPI-driven fuzzer (test/fuzz.test.ts): a seeded random source,
 * hostile values and mutations of generated bodies and parameters, and a fingerprint of the
 * database that a rejected request must leave unchanged.
 */
import type { Database } from '../../src/db/database.js';

/** Mulberry32: a small seeded PRNG, so that a run is replayed exactly from its seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max: number): number => Math.floor(next() * max),
    chance: (p: number): boolean => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
  };
}
export type Rng = ReturnType<typeof rng>;

/** Numbers that break arithmetic or storage: extremes, subnormals, signed zero, huge integers. */
export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1e-320,
  5e-324,
  -5e-324,
  1e-300,
  2.2250738585072014e-308,
  1e-9,
  0.5,
  1e15,
  1e18,
  1e300,
  1.7976931348623157e308,
  -1.7976931348623157e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  2 ** 31,
  -(2 ** 31),
] as const;

/** Strings no database should be handed raw: lone surrogates, NUL, control characters, long text, injections. */
export const HOSTILE_STRINGS = [
  'x\ud800',
  '\udc00y',
  'a\u0000b',
  '\u0000',
  '\u0007\u001b[31m',
  '',
  ' ',
  'x'.repeat(5000),
  '😀'.repeat(300),
  '\'; DROP TABLE "Scenario"; --',
  '%00',
  '../../etc/passwd',
  '=HYPERLINK("http://x")',
  '__proto__',
  'constructor',
] as const;

/** Percent-encoded query and path values, including invalid UTF-8 and NUL. */
export const HOSTILE_URL_VALUES = [
  '%00',
  'a%00b',
  '%ED%A0%80',
  '%FF%FE',
  '%C0%AF',
  '1e-320',
  '5e-324',
  '-0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '99999999999999999999999',
  '0x10',
  '%20',
  'x'.repeat(3000),
  '__proto__',
  '%F0%9F%98%80',
] as const;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * A valid body with the optional deployment choices of its self-host candidates sometimes set
 * (`concurrency`, `gpus`): mutations only change or drop keys that are there, and the examples (the
 * only bodies whose model ids exist, so the only ones that reach the engine) set neither. A fixed
 * concurrency missing the SLO of an interactive workload was a 500 that the fuzzer never reached.
 */
export function withDeploymentChoices(body: unknown, r: Rng): unknown {
  const visit = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(visit);
    if (v === null || typeof v !== 'object') return v;
    const out: { [k: string]: Json } = {};
    for (const [k, x] of Object.entries(v)) out[k] = visit(x);
    if (out.type === 'self-host' && typeof out.model === 'string') {
      if (r.chance(0.5)) out.concurrency = r.pick([1, 4, 64, 256, 4096, 100_000]);
      if (r.chance(0.2)) out.gpus = r.pick([1, 2, 8]);
    }
    return out;
  };
  return visit(body as Json);
}

/** JSON paths (arrays of keys) of every value inside `value`. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  } else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: (string | number)[], replace: (old: Json) => Json): Json {
  if (path.length === 0) return replace(root);
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  if (Array.isArray(root)) return root.map((v, i) => (i === head ? setAt(v, rest, replace) : v));
  if (root !== null && typeof root === 'object') {
    const out: { [k: string]: Json } = {};
    for (const [k, v] of Object.entries(root)) out[k] = k === head ? setAt(v, rest, replace) : v;
    return out;
  }
  return root;
}

/** An object with an own `__proto__` key (what JSON.parse makes of `{"__proto__": …}`). */
function withOwnKey(target: Json, key: string, value: Json): Json {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target;
  const out = JSON.parse(JSON.stringify(target)) as { [k: string]: Json };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
}

/**
 * One hostile mutation of a (usually valid) generated body. Returns the JSON text to send:
 * JSON.stringify writes a lone surrogate as its `\ud800` escape, which the server's JSON.parse
 * turns back into a lone surrogate.
 */
export function mutateBody(body: unknown, r: Rng): { text: string; mutation: string } {
  const root = body as Json;
  const all = paths(root);
  const leaves = all.filter((p) => p.length > 0);
  const target = leaves.length > 0 ? r.pick(leaves) : [];
  const where = target.join('.');
  switch (r.int(10)) {
    case 0:
    case 1: {
      const n = r.pick(HOSTILE_NUMBERS);
      return { text: JSON.stringify(setAt(root, target, () => n)), mutation: `${where} = ${n}` };
    }
    case 2:
    case 3: {
      const s = r.pick(HOSTILE_STRINGS);
      return { text: JSON.stringify(setAt(root, target, () => s)), mutation: `${where} = string ${JSON.stringify(s.slice(0, 20))}` };
    }
    case 4: {
      const wrong: Json[] = [null, true, 'text', 42, [], {}, [1, 'a', null], { nested: { deeper: [1] } }];
      const w = r.pick(wrong);
      return { text: JSON.stringify(setAt(root, target, () => w)), mutation: `${where} = wrong type ${JSON.stringify(w)}` };
    }
    case 5: {
      const key = r.pick(['__proto__', 'constructor', 'prototype']);
      const objects = all.filter((p) => {
        let v: Json = root;
        for (const k of p) v = (v as { [k: string]: Json })[k as string] as Json;
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const at = objects.length > 0 ? r.pick(objects) : [];
      const polluted = setAt(root, at, (old) => withOwnKey(old, key, { polluted: true, isAdmin: true }));
      return { text: JSON.stringify(polluted), mutation: `${at.join('.')}.${key} = {polluted}` };
    }
    case 6: {
      const depth = r.pick([64, 1000, 5000]);
      const text = JSON.stringify(setAt(root, target, () => '\u0001DEEP\u0001')).replace(
        '"\\u0001DEEP\\u0001"',
        `${'['.repeat(depth)}1${']'.repeat(depth)}`,
      );
      return { text, mutation: `${where} = nested ${depth} deep` };
    }
    case 7: {
      const size = r.pick([1000, 20_000, 60_000]);
      const element = r.pick<Json>([0, 'x', {}, null]);
      const big: Json = Array.from({ length: size }, () => element);
      return { text: JSON.stringify(setAt(root, target, () => big)), mutation: `${where} = array of ${size}` };
    }
    case 8: {
      if (target.length === 0) return { text: JSON.stringify({ unexpected: 1 }), mutation: 'body replaced' };
      const parent = target.slice(0, -1);
      const key = target[target.length - 1];
      const removed = setAt(root, parent, (old) => {
        if (Array.isArray(old)) return old.filter((_, i) => i !== key);
        if (old !== null && typeof old === 'object') return Object.fromEntries(Object.entries(old).filter(([k]) => k !== key));
        return old;
      });
      return { text: JSON.stringify(removed), mutation: `removed ${where}` };
    }
    default: {
      const raw = r.pick(['', '{', 'null', '[]', '"text"', '1e999', '{"a":1,"a":2}', '\u0000', '{"x": NaN}', '[1,]']);
      return { text: raw, mutation: `raw body ${JSON.stringify(raw)}` };
    }
  }
}

/**
 * Row counts of every table, the sum of the record versions and the revoked keys: a write of any
 * kind changes it. One SQL statement, valid on SQLite and PostgreSQL.
 */
const FINGERPRINT_TABLES = [
  'Hardware',
  'Model',
  'ApiOffering',
  'Scenario',
  'ScenarioRun',
  'ScenarioSchedule',
  'ScenarioNotify',
  'NotificationDelivery',
  'ChangeRecord',
  'ApiKey',
  'IdempotencyRecord',
  'BatchJob',
  'BatchJobItem',
  'BatchJobResult',
];
const VERSIONED = ['Hardware', 'Model', 'ApiOffering', 'Scenario'];
const FINGERPRINT_SQL = `SELECT ${[
  ...FINGERPRINT_TABLES.map((t) => `(SELECT COUNT(*) FROM "${t}") AS "n_${t}"`),
  ...VERSIONED.map((t) => `(SELECT COALESCE(SUM("version"), 0) FROM "${t}") AS "v_${t}"`),
  `(SELECT COUNT(*) FROM "ApiKey" WHERE "revokedAt" IS NOT NULL) AS "revokedKeys"`,
].join(', ')}`;

export async function databaseFingerprint(db: Database): Promise<string> {
  const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(FINGERPRINT_SQL);
  return Object.entries(rows[0] ?? {})
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}
