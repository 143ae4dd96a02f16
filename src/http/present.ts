/**
 * The one place numbers are rounded: at the edge, when a result leaves the service (JSON, CSV,
 * NDJSON, stored runs). The core computes in full double precision and break-even arithmetic never
 * sees a rounded figure. The rule for a number follows from the name of the field that holds it
 * (docs/contract.md, "rounding at the edge"), decided once per field name and cached, in one walk:
 *
 * | kind | fields | rounded to |
 * |---|---|---|
 * | money | names containing `Usd` or starting with `usd` (`monthlyCostUsd`, `totalUsdPerMonth`, `upfrontUsd`, …) | cents |
 * | unit price | `…UsdPerMtok` and the fields inside a `…UsdPerMtok` object, `…UsdPerKwh`, `…UsdPerKwMonth`, `…UsdPerGpuHour` | 4 significant digits |
 * | token count | names ending in `Tokens`, `TokensPerMonth`, `TokensPerRequest` | whole tokens |
 * | rate | names containing `PerSecond` | 4 significant digits |
 * | echo | everything inside `assumptions`, `overrides`, `request`, `values`, `profileChanges`, `lowValue`, `highValue`, `target` (an SLO asked for) | 12 significant digits (the value used, unrounded) |
 * | swing | a sensitivity bar's `swing` (USD or tokens, the sorted metric) | hundredths |
 * | anything else | fractions, seconds, GB, months, multipliers | 4 significant digits |
 *
 * Integers pass unchanged under every rule. A field without a rule of its own takes its parent's
 * (the `input`/`output`/`blended` of `usdPerMtok`), else 4 significant digits.
 * Non-finite numbers never reach a response: they become null.
 */
export const ECHO_SIGNIFICANT_DIGITS = 12;
export const DISPLAY_SIGNIFICANT_DIGITS = 4;

export type RoundingRule = 'cents' | 'whole' | 'sig4' | 'echo';

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** `x` to `digits` significant digits (half away from zero); non-finite → null. */
export function roundSignificant(x: number, digits: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isInteger(x) || x === 0) return x;
  // Scale so that `digits` digits sit before the point, round, scale back: the same result as
  // Number(x.toPrecision(digits)) for the magnitudes responses carry, several times faster.
  const decimals = digits - Math.ceil(Math.log10(Math.abs(x)));
  if (decimals > 0 && decimals < POW10.length) {
    const f = POW10[decimals] as number;
    const r = Math.round(Math.abs(x) * f) / f;
    return x < 0 ? -r : r;
  }
  return Number(x.toPrecision(digits));
}

/**
 * Half away from zero, after removing binary noise: 1.005 × 100 = 100.49999999999999 counts as
 * 100.5. The nudge is 16 units in the last place, capped at 1e-6 of a rounding step, so it never
 * moves a value that is not within noise of a half (e.g. a token count near 1e15).
 */
function roundHalfAway(x: number): number {
  const a = Math.abs(x);
  const r = Math.round(a + Math.min(a * 16 * Number.EPSILON, 1e-6));
  return x < 0 && r !== 0 ? -r : r;
}

/** One number under one rule. */
export function roundByRule(x: number, rule: RoundingRule): number | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isInteger(x)) return x;
  switch (rule) {
    case 'cents':
      return roundHalfAway(x * 100) / 100;
    case 'whole':
      return roundHalfAway(x);
    case 'sig4':
      return roundSignificant(x, DISPLAY_SIGNIFICANT_DIGITS);
    case 'echo':
      return roundSignificant(x, ECHO_SIGNIFICANT_DIGITS);
  }
}

/** Subtrees that echo inputs and values used: kept at 12 significant digits so a reader can redo the arithmetic. */
const ECHO_KEYS = new Set(['assumptions', 'overrides', 'request', 'values', 'profileChanges', 'lowValue', 'highValue', 'target']);

/** A field name's own rule, or null when the name says nothing (the parent's rule, else sig4, applies). */
export function ruleOfKey(key: string): RoundingRule | null {
  if (ECHO_KEYS.has(key)) return 'echo';
  // A sensitivity bar's swing is in the unit of the metric sorted by (USD or tokens): hundredths.
  if (key === 'swing') return 'cents';
  if (key.includes('Usd') || key.startsWith('usd')) {
    return /[Uu]sd(PerMtok|PerKwh|PerKwMonth|PerGpuHour)$/.test(key) ? 'sig4' : 'cents';
  }
  if (/Tokens(PerMonth|PerRequest)?$/.test(key)) return 'whole';
  if (key.includes('PerSecond')) return 'sig4';
  return null;
}

const KEY_RULES = new Map<string, RoundingRule | null>();

function cachedRuleOfKey(key: string): RoundingRule | null {
  let rule = KEY_RULES.get(key);
  if (rule === undefined) {
    rule = ruleOfKey(key);
    // Field names are a closed set in practice; the bound keeps a hostile key stream from growing it.
    if (KEY_RULES.size < 10_000) KEY_RULES.set(key, rule);
  }
  return rule;
}

function walk(value: unknown, rule: RoundingRule | null): unknown {
  if (typeof value === 'number') return roundByRule(value, rule ?? 'sig4');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const arr = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) arr[i] = walk(value[i], rule);
    return arr;
  }
  const obj = value as Record<string, unknown>;
  const proto = Object.getPrototypeOf(obj);
  if (proto === Object.prototype || proto === null) {
    // Plain data (service results, stored rows): a native copy (Object.assign keeps the key
    // order), then only the values that can change are replaced: nested objects and numbers that
    // are not integers (integers pass every rule unchanged; NaN and ±Infinity become null). About
    // a sixth less time than building the copy key by key. for…in sees exactly the own keys here.
    const out: Record<string, unknown> = Object.assign({}, obj);
    for (const k in obj) {
      const v = obj[k];
      if (typeof v === 'number' ? !Number.isInteger(v) : v !== null && typeof v === 'object') {
        out[k] = walk(v, rule === 'echo' ? 'echo' : (cachedRuleOfKey(k) ?? rule));
      }
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(obj);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    out[k] = rule === 'echo' ? walk(obj[k], 'echo') : walk(obj[k], cachedRuleOfKey(k) ?? rule);
  }
  return out;
}

/** Deep copy of `value` with every number rounded by the rule of the field that holds it (one walk). */
export function present<T>(value: T): T {
  return walk(value, null) as T;
}
