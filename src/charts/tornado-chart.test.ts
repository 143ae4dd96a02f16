import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleTornado } from '../../test/helpers/chart-fixtures.js';
import { axis, byRole, parseSvg, positionedTexts, type SpecLayer, startPoint, textsIn } from '../../test/helpers/svg.js';
import type { TornadoChartInput } from './index.js';
import { renderTornadoSvg, TORNADO_SIDES, tornadoSpec } from './index.js';
import { labelOnRight, TORNADO_COLORS } from './tornado-chart.js';

async function render(input: TornadoChartInput) {
  const svg = await renderTornadoSvg(input);
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parseSvg(svg);
  expect(root.tag).toBe('svg');
  return { svg, root };
}

/** Bars grouped by parameter (from their aria-label, which starts with `<parameter>, <side> …`). */
function barsByParameter(root: ReturnType<typeof parseSvg>, parameters: readonly string[]) {
  const bars = byRole(root, 'bar');
  return parameters.map((p) => bars.filter((b) => b.attrs['aria-label']?.startsWith(`${p}, `)));
}

describe('renderTornadoSvg', () => {
  const input = sampleTornado();
  const parameters = input.bars.map((b) => b.parameter);

  it('renders valid SVG with the title, the metric as x-axis title and a white background', async () => {
    const { root } = await render(input);
    expect(textsIn(root, 'role-title-text')).toEqual([input.title]);
    expect(textsIn(axis(root, 'X'), 'role-axis-title')).toEqual([input.metric]);
    expect(root.children.find((c) => c.tag === 'rect')?.attrs.fill).toBe('white');
  });

  it('draws one low/high pair of bars per parameter, coloured by side', async () => {
    const { root } = await render(input);
    expect(byRole(root, 'bar')).toHaveLength(2 * input.bars.length);
    for (const pair of barsByParameter(root, parameters)) {
      expect(pair).toHaveLength(2);
      const fills = Object.fromEntries(TORNADO_SIDES.map((side, i) => [side, TORNADO_COLORS[i]]));
      for (const bar of pair) {
        const side = TORNADO_SIDES.find((s) => bar.attrs['aria-label']?.includes(`, ${s} `));
        expect(side).toBeDefined();
        expect(bar.attrs.fill).toBe(fills[side ?? '']);
      }
    }
    expect(textsIn(root, 'role-legend-label')).toEqual([...TORNADO_SIDES]);
  });

  it('keeps the given order, largest impact on top', async () => {
    const { root } = await render(input);
    const rows = barsByParameter(root, parameters).map((pair) => pair.map((b) => startPoint(b).y));
    for (const [i, ys] of rows.entries()) {
      expect(new Set(ys).size).toBe(1); // both bars of a parameter share a row
      if (i > 0) expect(ys[0]).toBeGreaterThan(rows[i - 1]?.[0] ?? Number.POSITIVE_INFINITY);
    }
    const yLabels = positionedTexts(axis(root, 'Y'), 'role-axis-label').sort((a, b) => a.y - b.y);
    expect(yLabels.map((l) => l.text)).toEqual(parameters);
  });

  it('draws bars from the baseline, with a baseline rule and note', async () => {
    const { root } = await render(input);
    const [first] = barsByParameter(root, parameters);
    const xs = (first ?? []).map((b) => {
      const { x } = startPoint(b);
      const width = Number(/h(-?[\d.]+)/.exec(b.attrs.d ?? '')?.[1]);
      return [x, x + width];
    });
    // Low bar ends where the high bar starts: at the baseline.
    const edges = xs.flat();
    const shared = edges.filter((e) => edges.filter((f) => Math.abs(f - e) < 0.01).length === 2);
    expect(shared).toHaveLength(2);
    expect(textsIn(root, 'role-mark')).toContain('baseline $7.8k');
  });

  it('writes the low and high input labels next to the bars', async () => {
    const { root } = await render(input);
    const texts = textsIn(root, 'role-mark');
    for (const b of input.bars) {
      expect(texts).toContain(b.lowLabel);
      expect(texts).toContain(b.highLabel);
    }
  });

  it('escapes parameter names and labels', async () => {
    const nasty = 'A&B <"x">';
    const { svg, root } = await render({
      ...input,
      metric: `${nasty} (USD)`,
      bars: [{ parameter: nasty, lowLabel: '<low>', highLabel: '"high" & up', lowValue: 1000, highValue: 9000 }],
    });
    expect(textsIn(axis(root, 'Y'), 'role-axis-label')).toEqual([nasty]);
    expect(textsIn(axis(root, 'X'), 'role-axis-title')).toEqual([`${nasty} (USD)`]);
    expect(textsIn(root, 'role-mark')).toEqual(expect.arrayContaining(['<low>', '"high" & up']));
    expect(svg).not.toContain(nasty);
    expect(svg).toContain('&lt;low&gt;');
  });

  it('handles no bars, a single bar and very large values', async () => {
    const empty = await render({ ...input, bars: [] });
    expect(byRole(empty.root, 'bar')).toHaveLength(0);
    const big = await render({
      title: 'Break-even volume',
      metric: 'Break-even volume (tokens/month)',
      baseline: 2e12,
      bars: [{ parameter: 'GPU price', lowLabel: '$1', highLabel: '$5', lowValue: 5e11, highValue: 1e13 }],
    });
    expect(byRole(big.root, 'bar')).toHaveLength(2);
    expect(textsIn(axis(big.root, 'X'), 'role-axis-label')).toContain('10T');
    expect(big.svg).not.toMatch(/NaN|Infinity/);
    expect(textsIn(axis(big.root, 'X'), 'role-axis-label').some((t) => t.includes('$'))).toBe(false);
  });

  it('shows ticks instead of bars when the baseline is not a number', async () => {
    const { svg, root } = await render({
      ...input,
      baseline: Number.NaN,
      bars: input.bars.map((b, i) => ({ ...b, highValue: i === 0 ? Number.NaN : b.highValue })),
    });
    expect(byRole(root, 'bar')).toHaveLength(0);
    expect(byRole(root, 'tick')).toHaveLength(2 * input.bars.length - 1);
    expect(svg).not.toMatch(/NaN|Infinity/);
    expect(textsIn(root, 'role-title-text')).toEqual([input.title]);
    expect(textsIn(root, 'role-title-subtitle')[0]).toMatch(/No baseline/);
  });

  it('is deterministic', async () => {
    expect(await renderTornadoSvg(input)).toBe(await renderTornadoSvg(input));
  });
});

describe('tornadoSpec', () => {
  const input = sampleTornado();
  type Layer = SpecLayer;
  const spec = tornadoSpec(input) as unknown as { data: { values: Record<string, unknown>[] }; layer: Layer[] };

  it('has two rows per parameter, the y order as given and x titled with the metric', () => {
    expect(spec.data.values).toHaveLength(2 * input.bars.length);
    const bar = spec.layer.find((l) => l.mark.type === 'bar');
    expect(bar?.encoding?.y?.sort).toEqual(input.bars.map((b) => b.parameter));
    expect(bar?.encoding?.x?.title).toBe(input.metric);
    expect(bar?.encoding?.x2).toEqual({ field: 'baseline' });
    expect(bar?.encoding?.color?.scale?.domain).toEqual([...TORNADO_SIDES]);
  });

  it('puts a rule at the baseline', () => {
    const rules = spec.layer.flatMap((l) => l.layer ?? []).filter((l) => l.mark.type === 'rule');
    expect(rules).toHaveLength(1);
    expect(spec.layer.find((l) => l.layer)?.data?.values[0]?.baseline).toBe(input.baseline);
  });

  it('drops a non-finite side and disambiguates duplicate parameters', () => {
    const s = tornadoSpec({
      ...input,
      bars: [
        { parameter: 'p', lowLabel: 'a', highLabel: 'b', lowValue: 1, highValue: Number.NaN },
        { parameter: 'p', lowLabel: 'a', highLabel: 'b', lowValue: 1, highValue: 2 },
      ],
    }) as unknown as { data: { values: { parameter: string }[] } };
    expect(s.data.values.map((v) => v.parameter)).toEqual(['p', 'p (2)', 'p (2)']);
  });

  it('formats as USD when the metric says so, else SI', () => {
    const axisFormat = (metric: string) =>
      (tornadoSpec({ ...input, metric }) as unknown as { layer: Layer[] }).layer[0]?.encoding?.x?.axis?.format;
    expect(axisFormat('Monthly cost (USD)')).toBe('$~s');
    expect(axisFormat('Break-even volume (tokens/month)')).toBe('~s');
    expect((tornadoSpec({ ...input, valueFormat: 'si' }) as unknown as { layer: Layer[] }).layer[0]?.encoding?.x?.axis?.format).toBe('~s');
  });
});

describe('labelOnRight', () => {
  it('follows the bar end, and a zero-length bar points away from the other bar', () => {
    expect(labelOnRight(10, 5, 7, 'low input')).toBe(true);
    expect(labelOnRight(5, 10, 7, 'low input')).toBe(false);
    expect(labelOnRight(7, 10, 7, 'low input')).toBe(false);
    expect(labelOnRight(7, 3, 7, 'high input')).toBe(true);
    expect(labelOnRight(7, 7, 7, 'low input')).toBe(false);
    expect(labelOnRight(7, 7, 7, 'high input')).toBe(true);
  });
});
