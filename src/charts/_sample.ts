import { mkdirSync, writeFileSync } from 'node:fs';
import { sampleBreakEven, sampleTornado } from './test-fixtures.js';
import { renderBreakEvenSvg, renderTornadoSvg } from './index.js';

mkdirSync('/tmp/charts', { recursive: true });
const huge = sampleBreakEven();
huge.title = 'Huge & <weird> "labels" — 1e13 tokens';
huge.series = huge.series.map((s) => ({ ...s, label: `${s.label} A&B <"x">`, points: s.points.map((p) => ({ monthlyTokens: p.monthlyTokens * 500, monthlyCostUsd: p.monthlyCostUsd * 500 })) }));
huge.breakEvenPoints = huge.breakEvenPoints.map((b) => ({ ...b, monthlyTokens: b.monthlyTokens * 500, monthlyCostUsd: b.monthlyCostUsd * 500 }));
const single = { title: 'One API, no break-even', series: [sampleBreakEven().series[3]!], breakEvenPoints: [] };
const jobs: [string, () => Promise<string>][] = [
  ['break-even', () => renderBreakEvenSvg(sampleBreakEven())],
  ['break-even-huge', () => renderBreakEvenSvg(huge)],
  ['break-even-single', () => renderBreakEvenSvg(single)],
  ['tornado', () => renderTornadoSvg(sampleTornado())],
];
for (const [name, fn] of jobs) {
  await fn();
  const t0 = performance.now();
  let svg = '';
  for (let i = 0; i < 20; i++) svg = await fn();
  console.log(name, ((performance.now() - t0) / 20).toFixed(1), 'ms');
  writeFileSync(`/tmp/charts/${name}.svg`, svg);
}
