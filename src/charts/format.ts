/**
 * Number formatting shared by the charts. Axis labels use d3-format (`~s`, `$~s`) inside Vega; the
 * text we compute ourselves (point labels, tooltips) uses {@link formatSi}, which matches it except
 * that, like the axes, it says B (billion) rather than SI's G (giga).
 */

const SUFFIXES = ['', 'k', 'M', 'B', 'T', 'P', 'E'] as const;

/**
 * Vega expression for an axis `labelExpr`: the d3-formatted label (`datum.label`, after the axis
 * `format`) with G (giga) shown as B (billion), and zero written as `zero` — d3's `~s` in an axis
 * shares one prefix across ticks, which would otherwise give `0B` / `$0k`.
 */
export function siLabelExpr(zero: string): string {
  return `datum.value === 0 ? ${JSON.stringify(zero)} : replace(datum.label, 'G', 'B')`;
}

/**
 * `value` with a thousands suffix (k, M, B, T, P, E) and up to `significant` significant digits,
 * trailing zeros trimmed. Values below 1000 in magnitude are plain; non-finite values print as-is.
 *
 * @example
 * formatSi(1_234_567_890);  // '1.23B'
 * formatSi(1e13);           // '10T'
 * formatSi(950);            // '950'
 * formatSi(-4200, 2);       // '-4.2k'
 */
export function formatSi(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const sign = value < 0 ? '-' : '';
  let magnitude = Math.abs(value);
  // Round first so that 999_999 becomes '1M', not '1000k'.
  let tier = Math.min(SUFFIXES.length - 1, Math.max(0, Math.floor(Math.log10(magnitude) / 3)));
  let scaled = Number((magnitude / 1000 ** tier).toPrecision(significant));
  if (scaled >= 1000 && tier < SUFFIXES.length - 1) {
    tier += 1;
    scaled = Number((magnitude / 1000 ** tier).toPrecision(significant));
  }
  magnitude = scaled;
  return `${sign}${trimNumber(magnitude, significant)}${SUFFIXES[tier]}`;
}

/** US dollars with {@link formatSi}: `$1.23k`, `-$40M`. */
export function formatUsd(value: number, significant = 3): string {
  if (!Number.isFinite(value)) return String(value);
  return value < 0 ? `-$${formatSi(-value, significant)}` : `$${formatSi(value, significant)}`;
}

function trimNumber(value: number, significant: number): string {
  // toPrecision may use exponent notation for large values (only reachable at the top tier).
  const text = value >= 10 ** significant ? String(Math.round(value)) : value.toPrecision(significant);
  return text.includes('.') && !text.includes('e') ? text.replace(/\.?0+$/, '') : text;
}
