import { compareBody } from '../bench/fixtures.js';
import { referenceCatalogSnapshot } from '../test/helpers/reference-catalog.js';
import { runComparison } from '../src/services/comparison.js';
import { present } from '../src/http/present.js';
import { CostModelCache } from '../src/services/comparison/cost-model-cache.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
const snap = await referenceCatalogSnapshot();
const req = compareRequestSchema.parse(compareBody);
const ans = present(runComparison(req, snap, new CostModelCache(100) as never));
const total = JSON.stringify(ans).length;
console.log('total', total);
function sizes(o: any, path: string, depth: number) {
  if (depth > 4 || o === null || typeof o !== 'object') return;
  for (const k of Object.keys(o)) {
    const len = JSON.stringify(o[k]).length;
    if (len > 800) console.log(path + '.' + k, len);
    sizes(o[k], path + '.' + k, depth + 1);
  }
}
sizes(ans, '', 0);
const cm = new CostModelCache(100) as never;
function bench(name: string, f: (i: number) => unknown, n = 3000) {
  for (let i = 0; i < 300; i++) f(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) f(i);
  console.log(name, ((performance.now() - t) / n * 1000).toFixed(1), 'µs');
}
bench('stringify', () => JSON.stringify(ans));
bench('parse-req', () => compareRequestSchema.parse(compareBody));
bench('runComparison sweep', (i) => runComparison({ ...req, workload: { ...req.workload, inputTokensPerMonth: 1e10 + i } }, snap, cm));
const raw = runComparison(req, snap, cm);
bench('present', () => present(raw));
bench('run+present+stringify', (i) => JSON.stringify(present(runComparison({ ...req, workload: { ...req.workload, inputTokensPerMonth: 1e10 + i } }, snap, cm))));
bench('Buffer.from', () => Buffer.from(JSON.stringify(ans)));
const reparsed = JSON.parse(JSON.stringify(ans));
bench('stringify reparsed', () => JSON.stringify(reparsed));
const rawText = JSON.stringify(raw);
console.log('raw size', rawText.length);
bench('stringify raw', () => JSON.stringify(raw));
bench('parse text', () => JSON.parse(rawText));
const txt = JSON.stringify(ans);
const nonAscii = [...txt].filter((c) => c.charCodeAt(0) > 127);
console.log('non-ascii chars', nonAscii.length, [...new Set(nonAscii)].join(''));
const ascii = JSON.parse(txt.replace(/[^\x00-\x7f]/g, '?'));
bench('stringify ascii-only', () => JSON.stringify(ascii));
