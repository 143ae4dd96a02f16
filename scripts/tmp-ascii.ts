import { compareBody } from '../bench/fixtures.js';
import { referenceCatalogSnapshot } from '../test/helpers/reference-catalog.js';
import { runComparison } from '../src/services/comparison.js';
import { present } from '../src/http/present.js';
import { CostModelCache } from '../src/services/comparison/cost-model-cache.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
const snap = await referenceCatalogSnapshot();
const req = compareRequestSchema.parse(compareBody);
const ans = present(runComparison(req, snap, new CostModelCache(100) as never));
const reparsed = JSON.parse(JSON.stringify(ans));
const ascii = JSON.parse(JSON.stringify(ans).replace('§', 'section'));
function bench(name: string, f: (i: number) => unknown, n = 3000) {
  for (let i = 0; i < 500; i++) f(i);
  const t = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return ((performance.now() - t) / n * 1000);
}
for (let r = 0; r < 3; r++) {
  console.log('present-out', bench('', () => JSON.stringify(ans)).toFixed(0),
   'reparsed', bench('', () => JSON.stringify(reparsed)).toFixed(0),
   'ascii', bench('', () => JSON.stringify(ascii)).toFixed(0),
   'buf-two', bench('', () => Buffer.from(JSON.stringify(reparsed))).toFixed(0),
   'buf-ascii', bench('', () => Buffer.from(JSON.stringify(ascii))).toFixed(0));
}
