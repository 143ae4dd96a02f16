/**
 * Layout helpers computed before rendering, so the chart needs no text measurement: explicit nice
 * scale domains (hence known pixel positions) and a greedy, deterministic placement of point labels.
 */
import * as vega from 'vega';
import { textWidth } from './text-metrics.js';

interface LinearScale {
  domain(): number[];
  domain(d: readonly number[]): LinearScale;
  nice(count?: number): LinearScale;
}

/** `[lo, hi]` rounded outwards to nice tick values, exactly as a Vega linear scale with `nice: count` would. */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  const make = vega.scale('linear') as () => LinearScale;
  const [a = lo, b = hi] = make().domain([lo, hi]).nice(count).domain();
  return [a + 0, b + 0]; // + 0 turns -0 into 0
}

/**
 * `[min(0, lowest), highest]` rounded outwards to nice tick values, exactly as a Vega linear scale
 * with `nice: count` would. Non-finite values are ignored; an empty or all-zero range gives `[0, 1]`.
 */
export function niceZeroDomain(values: readonly number[], count: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  const lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (hi === lo) hi = lo + 1;
  return niceDomain(lo, hi, count);
}

/**
 * A nice domain covering `values` with about `padPx` pixels to spare on each side of a `sizePx`
 * axis (room for labels beyond the data), not crossing zero when the data does not: non-negative
 * data keeps a domain ≥ 0, non-positive data ≤ 0. A single value gets ± 10 % (or ± 1 at zero).
 */
export function paddedDomain(values: readonly number[], sizePx: number, padPx: number, count: number): [number, number] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (lo === hi) {
    const half = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    [lo, hi] = [lo - half, hi + half];
  }
  const usable = Math.max(sizePx / 3, sizePx - 2 * padPx);
  const pad = ((hi - lo) / usable) * padPx;
  let a = lo - pad;
  let b = hi + pad;
  if (lo >= 0 && a < 0) a = 0;
  if (hi <= 0 && b > 0) b = 0;
  return niceDomain(a, b, count);
}

export interface LabelRequest {
  /** Anchor point in plot pixels (origin top left). */
  x: number;
  y: number;
  text: string;
}

export interface LabelPlacement {
  align: 'left' | 'right';
  /** Offsets from the anchor, px (text baseline is `middle`). */
  dx: number;
  dy: number;
  /** Placed away from its point (stacked further up): draw a leader line to it. */
  displaced: boolean;
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

/**
 * Place a label beside each point without overlapping the other labels or points, inside the plot
 * (`width` × `height`) where possible. Tries above-right, above-left, right, left, below-right,
 * below-left, then further above; falls back to above-right. Labels are processed left to right; the result is in
 * input order.
 */
export function placePointLabels(
  requests: readonly LabelRequest[],
  opts: { width: number; height: number; fontSize: number; bold?: boolean; gap?: number; pointRadius?: number },
): LabelPlacement[] {
  const gap = opts.gap ?? 8;
  const r = opts.pointRadius ?? 6;
  const lineHeight = opts.fontSize + 4;
  const half = lineHeight / 2;
  const points: Box[] = requests.map((p) => ({ x0: p.x - r, y0: p.y - r, x1: p.x + r, y1: p.y + r }));
  const placed: Box[] = [];
  const result: LabelPlacement[] = new Array(requests.length);
  const order = requests.map((_, i) => i).sort((i, j) => (requests[i]?.x ?? 0) - (requests[j]?.x ?? 0) || i - j);

  for (const i of order) {
    const p = requests[i];
    if (p === undefined) continue;
    const w = Math.ceil(textWidth(p.text, opts.fontSize, opts.bold ?? false)) + 2;
    const up = -(gap + half);
    const down = gap + half;
    const candidates: LabelPlacement[] = [
      { align: 'left', dx: gap, dy: up, displaced: false },
      { align: 'right', dx: -gap, dy: up, displaced: false },
      { align: 'left', dx: gap + 2, dy: 0, displaced: false },
      { align: 'right', dx: -gap - 2, dy: 0, displaced: false },
      { align: 'left', dx: gap, dy: down, displaced: false },
      { align: 'right', dx: -gap, dy: down, displaced: false },
    ];
    for (let level = 1; level <= 8; level += 1) {
      const dy = up - level * lineHeight;
      candidates.push({ align: 'left', dx: gap + 6, dy, displaced: true }, { align: 'right', dx: -gap - 6, dy, displaced: true });
    }
    const boxOf = (c: LabelPlacement): Box => {
      const x0 = c.align === 'left' ? p.x + c.dx : p.x + c.dx - w;
      const yc = p.y + c.dy;
      return { x0, y0: yc - half, x1: x0 + w, y1: yc + half };
    };
    const fits = (b: Box): boolean =>
      b.x0 >= 0 &&
      b.x1 <= opts.width &&
      b.y0 >= 0 &&
      b.y1 <= opts.height &&
      !placed.some((o) => overlaps(o, b)) &&
      !points.some((o) => overlaps(o, b));
    const chosen = candidates.find((c) => fits(boxOf(c))) ??
      candidates.find((c) => {
        const b = boxOf(c);
        return b.x0 >= 0 && b.x1 <= opts.width && !placed.some((o) => overlaps(o, b));
      }) ?? { align: 'left', dx: gap, dy: up, displaced: false };
    placed.push(boxOf(chosen));
    result[i] = chosen;
  }
  return result;
}
