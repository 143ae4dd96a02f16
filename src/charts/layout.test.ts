import { describe, expect, it } from 'vitest';
import { formatSi, formatUsd, siLabelExpr } from './format.js';
import { niceDomain, niceZeroDomain, paddedDomain, placePointLabels } from './layout.js';
import { textWidth, vegaTextWidth } from './text-metrics.js';

describe('formatSi / formatUsd', () => {
  it.each([
    [0, '0'],
    [0.5, '0.5'],
    [950, '950'],
    [1000, '1k'],
    [1234, '1.23k'],
    [999_999, '1M'],
    [1_234_567_890, '1.23B'],
    [1e13, '10T'],
    [-4200, '-4.2k'],
  ])('formatSi(%d) = %s', (value, expected) => {
    expect(formatSi(value)).toBe(expected);
  });

  it('formats dollars and odd values', () => {
    expect(formatUsd(7800)).toBe('$7.8k');
    expect(formatUsd(-2.5e6)).toBe('-$2.5M');
    expect(formatSi(1.44e9, 2)).toBe('1.4B');
    expect(formatSi(Number.NaN)).toBe('NaN');
  });

  it('builds an axis label expression with a plain zero', () => {
    expect(siLabelExpr('$0')).toBe(`datum.value === 0 ? "$0" : replace(datum.label, 'G', 'B')`);
  });
});

describe('niceZeroDomain', () => {
  it('starts at zero and ends on a nice value', () => {
    expect(niceZeroDomain([3, 1.07e5, 2e4], 10)).toEqual([0, 110000]);
    expect(niceZeroDomain([2e10], 8)).toEqual([0, 2e10]);
    expect(niceZeroDomain([-5, 12], 10)).toEqual([-6, 12]);
  });

  it('survives empty, zero and non-finite input', () => {
    expect(niceZeroDomain([], 10)).toEqual([0, 1]);
    expect(niceZeroDomain([0, 0], 10)).toEqual([0, 1]);
    expect(niceZeroDomain([Number.NaN, Number.POSITIVE_INFINITY, 4], 10)).toEqual([0, 4]);
  });
});

describe('placePointLabels', () => {
  const opts = { width: 800, height: 450, fontSize: 13, bold: true };
  const boxes = (requests: { x: number; y: number; text: string }[]) =>
    placePointLabels(requests, opts).map((p, i) => {
      const r = requests[i] ?? { x: 0, y: 0, text: '' };
      const w = textWidth(r.text, 13, true);
      const x0 = p.align === 'left' ? r.x + p.dx : r.x + p.dx - w;
      return { x0, x1: x0 + w, y0: r.y + p.dy - 8, y1: r.y + p.dy + 8 };
    });

  it('puts a lone label above-right of its point', () => {
    expect(placePointLabels([{ x: 100, y: 200, text: '≈ 1B tok/mo' }], opts)).toEqual([
      { align: 'left', dx: 8, dy: -16.5, displaced: false },
    ]);
  });

  it('flips to the left at the right edge', () => {
    expect(placePointLabels([{ x: 790, y: 200, text: '≈ 1B tok/mo' }], opts)[0]?.align).toBe('right');
  });

  it('keeps crowded labels from overlapping and inside the plot', () => {
    const requests = Array.from({ length: 8 }, (_, i) => ({ x: 20 + i * 12, y: 430 - i * 6, text: `≈ ${i + 1}.5B tok/mo` }));
    const placed = boxes(requests);
    for (const [i, a] of placed.entries()) {
      expect(a.x0).toBeGreaterThanOrEqual(0);
      expect(a.y0).toBeGreaterThanOrEqual(0);
      for (const b of placed.slice(i + 1)) {
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap).toBe(false);
      }
    }
    expect(placePointLabels(requests, opts)).toEqual(placePointLabels(requests, opts));
  });
});

describe('text metrics', () => {
  it('measures Helvetica-like widths, wider for bold, and reads Vega items', () => {
    expect(textWidth('', 12)).toBe(0);
    expect(textWidth('iiii', 10)).toBeLessThan(textWidth('MMMM', 10));
    expect(textWidth('Monthly', 12, true)).toBeGreaterThan(textWidth('Monthly', 12));
    // ≈ 0.5 em per character for ordinary text, far below Vega's 0.8 em fallback.
    const w = textWidth('Llama 3.3 70B on 2 GPUs', 12);
    expect(w / (23 * 12)).toBeGreaterThan(0.4);
    expect(w / (23 * 12)).toBeLessThan(0.65);
    expect(vegaTextWidth({ fontSize: 12, fontWeight: 'bold' }, ' Monthly ')).toBe(textWidth('Monthly', 12, true));
    expect(vegaTextWidth({}, 'x')).toBe(textWidth('x', 11));
  });
});

describe('paddedDomain', () => {
  it('leaves room on both sides without crossing zero', () => {
    const [lo, hi] = paddedDomain([1.1e9, 2.4e9, 9.8e9], 800, 130, 10);
    expect(lo).toBe(0);
    expect(hi).toBeGreaterThan(9.8e9 + ((9.8e9 - 1.1e9) / 540) * 130 - 1);
    const [a, b] = paddedDomain([4600, 7800, 13600], 800, 60, 10);
    expect(a).toBeLessThan(4600 - ((13600 - 4600) / 680) * 60 + 1);
    expect(a).toBeGreaterThan(0);
    expect(b).toBeGreaterThan(13600);
    expect(paddedDomain([-5, -1], 800, 100, 10)[1]).toBe(0);
  });

  it('handles a single value and no values', () => {
    expect(paddedDomain([5, 5], 800, 50, 10)).toEqual(niceDomain(5 - 0.5 - (1 / 700) * 50, 5.5 + (1 / 700) * 50, 10));
    expect(paddedDomain([0], 800, 50, 10)[0]).toBeLessThan(0);
    expect(paddedDomain([], 800, 50, 10)).toEqual([0, 1]);
  });
});
