/**
 * The one place numbers are rounded: at the edge, when a result leaves the service. The core
 * computes in full double precision; responses carry 12 significant digits, which removes
 * binary floating-point noise (0.30000000000000004 → 0.3) and keeps every figure exact to far
 * below a cent. Non-finite numbers never reach a response: they become null.
 */
export const SIGNIFICANT_DIGITS = 12;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

export function roundForDisplay(x: number): number | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isInteger(x)) return x;
  // Scale so that SIGNIFICANT_DIGITS digits sit before the point, round, scale back: the same
  // result as Number(x.toPrecision(12)) for the magnitudes responses carry, several times faster.
  const decimals = SIGNIFICANT_DIGITS - Math.ceil(Math.log10(Math.abs(x)));
  if (decimals > 0 && decimals < POW10.length) {
    const f = POW10[decimals] as number;
    return Math.round(x * f) / f;
  }
  return Number(x.toPrecision(SIGNIFICANT_DIGITS));
}

/** Deep copy of `value` with every number passed through roundForDisplay. */
export function present<T>(value: T): T {
  return presented(value) as T;
}

/** present() without the type parameter: indexed loops, no per-object entry arrays (it runs on every response). */
function presented(value: unknown): unknown {
  if (typeof value === 'number') return roundForDisplay(value);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = presented(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const source = value as Record<string, unknown>;
  for (const key in source) if (Object.hasOwn(source, key)) out[key] = presented(source[key]);
  return out;
}
