import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { sampleBreakEven } from '../../test/helpers/chart-fixtures.js';
import {
  at,
  axis,
  byRole,
  findAll,
  parseSvg,
  positionedTexts,
  type SpecLayer,
  type SvgElement,
  textContent,
  textsIn,
} from '../../test/helpers/svg.js';
import type { BreakEvenChartInput } from './index.js';
import { BREAK_EVEN_X_TITLE, BREAK_EVEN_Y_TITLE, breakEvenLabel, breakEvenSpec, renderBreakEvenSvg } from './index.js';

type Layer = SpecLayer;

const layersOf = (input: BreakEvenChartInput): Layer[] => (breakEvenSpec(input) as unknown as { layer: Layer[] }).layer;
const lineLayers = (input: BreakEvenChartInput) => layersOf(input).filter((l) => l.mark.type === 'line');

/** Plot-area text: the break-even labels (drawn twice, halo and fill). */
const markTexts = (root: SvgElement) => textsIn(root, 'role-mark').filter((t) => t.startsWith('≈'));

async function render(input: BreakEvenChartInput) {
  const svg = await renderBreakEvenSvg(input);
  expect(XMLValidator.validate(svg)).toBe(true);
  const root = parseSvg(svg);
  expect(root.tag).toBe('svg');
  expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
  return { svg, root };
}

describe('renderBreakEvenSvg', () => {
  const input = sampleBreakEven();

  it('renders valid SVG with a title, axis titles and a white background', async () => {
    const { root } = await render(input);
    expect(textsIn(root, 'role-title-text')).toEqual([input.title]);
    expect(textsIn(axis(root, 'X'), 'role-axis-title')).toEqual([BREAK_EVEN_X_TITLE]);
    expect(textsIn(axis(root, 'Y'), 'role-axis-title')).toEqual([BREAK_EVEN_Y_TITLE]);
    const background = root.children.find((c) => c.tag === 'rect');
    expect(background?.attrs.fill).toBe('white');
    expect(Number(root.attrs.width)).toBeGreaterThan(800);
    expect(Number(root.attrs.height)).toBeGreaterThan(450);
  });

  it('draws one line per series and lists every series in the legend, in input order', async () => {
    const { root } = await render(input);
    const lines = byRole(root, 'line mark');
    expect(lines).toHaveLength(input.series.length);
    // The legend has two columns filled top to bottom: read it column by column.
    const legend = positionedTexts(root, 'role-legend-label').sort((a, b) => a.x - b.x || a.y - b.y);
    expect(legend.map((l) => l.text)).toEqual(input.series.map((s) => s.label));
    // Each series has exactly one line, named in its aria-label.
    for (const s of input.series) {
      expect(lines.filter((l) => l.attrs['aria-label']?.startsWith(`${s.label} (${s.type}): `))).toHaveLength(1);
    }
  });

  it('marks each break-even point with a point and a "≈ … tok/mo" label', async () => {
    const { root } = await render(input);
    const points = byRole(root, 'point');
    expect(points).toHaveLength(input.breakEvenPoints.length);
    expect(input.breakEvenPoints.length).toBeGreaterThan(1);
    for (const b of input.breakEvenPoints) {
      const label = breakEvenLabel(b.monthlyTokens);
      expect(points.some((p) => p.attrs['aria-label']?.includes(`${b.selfHost} vs ${b.api}: ${label}`))).toBe(true);
      expect(markTexts(root).filter((t) => t === label)).toHaveLength(2); // halo + fill
    }
  });

  it('formats the axes SI-style: B for billions, $ for costs, plain zero', async () => {
    const { root } = await render(input);
    const x = textsIn(axis(root, 'X'), 'role-axis-label');
    const y = textsIn(axis(root, 'Y'), 'role-axis-label');
    expect(x[0]).toBe('0');
    expect(x).toContain('10B');
    expect(y[0]).toBe('$0');
    expect(y).toContain('$50k');
    expect([...x, ...y].some((t) => /G|e\+|NaN/.test(t))).toBe(false);
  });

  it('handles no break-even points', async () => {
    const { root } = await render({ ...input, breakEvenPoints: [] });
    expect(byRole(root, 'point')).toHaveLength(0);
    expect(markTexts(root)).toHaveLength(0);
    expect(byRole(root, 'line mark')).toHaveLength(input.series.length);
  });

  it('handles a single series', async () => {
    const single = { title: 'One API', series: [at(input.series, 3)], breakEvenPoints: [] };
    const { root } = await render(single);
    expect(byRole(root, 'line mark')).toHaveLength(1);
    expect(textsIn(root, 'role-legend-label')).toEqual([single.series[0]?.label]);
  });

  it('handles no series at all', async () => {
    const { root } = await render({ title: 'Nothing yet', series: [], breakEvenPoints: [] });
    expect(byRole(root, 'line mark')).toHaveLength(0);
    expect(textsIn(root, 'role-title-text')).toEqual(['Nothing yet']);
  });

  it('handles very large numbers (1e13 tokens, $1e9)', async () => {
    const huge: BreakEvenChartInput = {
      title: 'Huge',
      series: [
        { label: 'API', type: 'api', points: [0, 5e12, 1e13].map((v) => ({ monthlyTokens: v, monthlyCostUsd: v * 1e-4 })) },
        { label: 'GPUs', type: 'self-host', points: [0, 5e12, 1e13].map((v, i) => ({ monthlyTokens: v, monthlyCostUsd: 2e8 * (i + 1) })) },
      ],
      breakEvenPoints: [{ selfHost: 'GPUs', api: 'API', monthlyTokens: 4e12, monthlyCostUsd: 4e8 }],
    };
    const { svg, root } = await render(huge);
    expect(textsIn(axis(root, 'X'), 'role-axis-label')).toContain('10T');
    expect(textsIn(axis(root, 'Y'), 'role-axis-label')).toContain('$1B');
    expect(markTexts(root)).toContain('≈ 4T tok/mo');
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('escapes labels and titles with quotes, ampersands and angle brackets', async () => {
    const nasty = 'A&B <"x">';
    const escaped: BreakEvenChartInput = {
      title: `Cost of ${nasty} & 'friends'`,
      series: [
        { ...at(input.series, 0), label: nasty },
        { ...at(input.series, 2), label: `${nasty} API` },
      ],
      breakEvenPoints: [{ selfHost: nasty, api: `${nasty} API`, monthlyTokens: 1e9, monthlyCostUsd: 8000 }],
    };
    const { svg, root } = await render(escaped);
    // Decoded by the XML parser back to the original text…
    expect(textsIn(root, 'role-legend-label').sort()).toEqual([nasty, `${nasty} API`]);
    expect(textsIn(root, 'role-title-text')).toEqual([escaped.title]);
    expect(byRole(root, 'point')[0]?.attrs['aria-label']).toContain(`${nasty} vs ${nasty} API`);
    // …and escaped in the markup: no raw '<' or '&' from the label anywhere.
    expect(svg).toContain('A&amp;B &lt;');
    expect(svg).not.toContain(nasty);
    expect(svg).not.toContain('<"x">');
  });

  it('is deterministic', async () => {
    expect(await renderBreakEvenSvg(input)).toBe(await renderBreakEvenSvg(input));
  });

  it('keeps crowded break-even labels apart', async () => {
    const crowded = {
      ...input,
      breakEvenPoints: Array.from({ length: 8 }, (_, i) => ({
        selfHost: `S${i}`,
        api: `A${i}`,
        monthlyTokens: 4e8 + i * 3e8,
        monthlyCostUsd: 3000 + i * 1500,
      })),
    };
    const { root } = await render(crowded);
    expect(byRole(root, 'point')).toHaveLength(8);
    // Label positions (fill copies) are pairwise distinct.
    const labels = findAll(root, (el) => el.tag === 'text' && textContent(el).startsWith('≈') && el.attrs.stroke === undefined);
    expect(labels).toHaveLength(8);
    expect(new Set(labels.map((l) => l.attrs.transform)).size).toBe(8);
  });
});

describe('breakEvenSpec', () => {
  const input = sampleBreakEven();

  it('uses step-after lines for self-host series and straight lines for APIs', () => {
    const layers = lineLayers(input);
    const byType = Object.fromEntries(layers.map((l) => [String(l.data?.values[0]?.type), l]));
    expect(byType['self-host']?.mark.interpolate).toBe('step-after');
    expect(byType.api?.mark.interpolate).toBe('linear');
    for (const l of layers) expect(l.data?.values.every((v) => v.type === l.data?.values[0]?.type)).toBe(true);
  });

  it('has one colour-legend entry per series, in input order, and every series drawn', () => {
    const layers = lineLayers(input);
    const color = layers[0]?.encoding?.color;
    expect(color?.scale?.domain).toEqual(input.series.map((s) => s.label));
    const drawn = new Set(layers.flatMap((l) => l.data?.values.map((v) => v.series) ?? []));
    expect([...drawn].sort()).toEqual(input.series.map((s) => s.label).sort());
  });

  it('sets the axis titles and formats, size and background', () => {
    const spec = breakEvenSpec(input) as unknown as { width: number; height: number; background: string; title: { text: string } };
    const enc = lineLayers(input)[0]?.encoding;
    expect(enc?.x?.title).toBe(BREAK_EVEN_X_TITLE);
    expect(enc?.x?.axis?.format).toBe('~s');
    expect(enc?.y?.title).toBe(BREAK_EVEN_Y_TITLE);
    expect(enc?.y?.axis?.format).toBe('$~s');
    expect([spec.width, spec.height, spec.background]).toEqual([800, 450, 'white']);
    expect(spec.title.text).toBe(input.title);
  });

  it('has one break-even marker per point', () => {
    const points = layersOf(input).filter((l) => l.mark.type === 'point');
    expect(points).toHaveLength(1);
    expect(points[0]?.data?.values).toHaveLength(input.breakEvenPoints.length);
  });

  it('drops non-finite points and disambiguates duplicate labels', () => {
    const odd: BreakEvenChartInput = {
      title: 't',
      series: [
        {
          label: 'Same',
          type: 'api',
          points: [
            { monthlyTokens: 0, monthlyCostUsd: 0 },
            { monthlyTokens: Number.NaN, monthlyCostUsd: 1 },
            { monthlyTokens: 1e9, monthlyCostUsd: 100 },
          ],
        },
        {
          label: 'Same',
          type: 'self-host',
          points: [
            { monthlyTokens: 0, monthlyCostUsd: 50 },
            { monthlyTokens: 1e9, monthlyCostUsd: Number.POSITIVE_INFINITY },
          ],
        },
      ],
      breakEvenPoints: [{ selfHost: 'Same', api: 'Same', monthlyTokens: Number.POSITIVE_INFINITY, monthlyCostUsd: 1 }],
    };
    const layers = lineLayers(odd);
    expect(layers[0]?.encoding?.color?.scale?.domain).toEqual(['Same', 'Same (2)']);
    expect(layers.flatMap((l) => l.data?.values ?? [])).toHaveLength(3);
    expect(layersOf(odd).find((l) => l.mark.type === 'point')?.data?.values).toHaveLength(0);
  });

  it('is pure: same input, same spec', () => {
    expect(JSON.stringify(breakEvenSpec(input))).toBe(JSON.stringify(breakEvenSpec(sampleBreakEven())));
  });
});
