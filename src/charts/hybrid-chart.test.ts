import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { axis, byRole, parseSvg, textsIn } from '../../test/helpers/svg.js';
import type { HybridChartInput } from './index.js';
import { HYBRID_SERIES, renderHybridSvg } from './index.js';

// Capacity 800 tokens/s all day; load 1,600 at 10:00, 800 at 09:00, nothing otherwise.
const input: HybridChartInput = {
  title: 'Hybrid plan over the day',
  hours: Array.from({ length: 24 }, (_, hour) => {
    const load = hour === 9 ? 800 : hour === 10 ? 1600 : 0;
    return {
      hour,
      selfHostedOutputTokensPerSecond: Math.min(load, 800),
      overflowOutputTokensPerSecond: Math.max(0, load - 800),
      selfHostCapacityOutputTokensPerSecond: 800,
    };
  }),
};

describe('renderHybridSvg', () => {
  it('draws 24 × 2 stacked bars, the capacity line, titles and legend', async () => {
    const svg = await renderHybridSvg(input);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = parseSvg(svg);
    expect(textsIn(root, 'role-title-text')).toEqual([input.title]);
    expect(textsIn(axis(root, 'X'), 'role-axis-title')).toEqual(['Hour of day']);
    expect(textsIn(axis(root, 'Y'), 'role-axis-title')).toEqual(['Output tokens/s']);
    const bars = byRole(root, 'bar');
    expect(bars).toHaveLength(48);
    const label = (text: string) => bars.filter((b) => b.attrs['aria-label']?.includes(text));
    expect(label('10:00: 800 tokens/s to the API')).toHaveLength(1);
    expect(label('09:00: 0 tokens/s to the API')).toHaveLength(1);
    expect(byRole(root, 'line mark')).toHaveLength(1);
    for (const s of [...HYBRID_SERIES, 'self-host capacity']) expect(svg).toContain(s);
  });

  it('is deterministic', async () => {
    expect(await renderHybridSvg(input)).toBe(await renderHybridSvg(input));
  });
});
