import * as vega from 'vega';
import { breakEvenSpec, renderBreakEvenSvg, renderTornadoSvg, tornadoSpec } from './index.js';
import { compileToVega } from './render.js';
import { sampleBreakEven, sampleTornado } from './test-fixtures.js';

for (let i = 0; i < 10; i++) {
  await renderBreakEvenSvg(sampleBreakEven());
  await renderTornadoSvg(sampleTornado());
}
const N = 100;
const t = { spec: 0, compile: 0, parse: 0, svg: 0 };
for (let i = 0; i < N; i++) {
  let t0 = performance.now();
  const vl = breakEvenSpec(sampleBreakEven());
  t.spec += performance.now() - t0;
  t0 = performance.now();
  const vg = compileToVega(vl);
  t.compile += performance.now() - t0;
  t0 = performance.now();
  const rt = vega.parse(vg);
  t.parse += performance.now() - t0;
  t0 = performance.now();
  const view = new vega.View(rt, { renderer: 'none' });
  await view.toSVG();
  view.finalize();
  t.svg += performance.now() - t0;
}
console.log(Object.fromEntries(Object.entries(t).map(([k, v]) => [k, (v / N).toFixed(2)])));
for (const [name, fn] of [
  ['break-even', () => renderBreakEvenSvg(sampleBreakEven())],
  ['tornado', () => renderTornadoSvg(sampleTornado())],
] as const) {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(name, 'median', times[N / 2]!.toFixed(1), 'p95', times[Math.floor(N * 0.95)]!.toFixed(1), 'max', times[N - 1]!.toFixed(1));
}
