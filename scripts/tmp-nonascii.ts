import { referenceCatalogSnapshot } from '../test/helpers/reference-catalog.js';
import { runComparison } from '../src/services/comparison.js';
import { present } from '../src/http/present.js';
import { CostModelCache } from '../src/services/comparison/cost-model-cache.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
const snap = await referenceCatalogSnapshot();
const cm = new CostModelCache(1000) as never;
const found = new Map<string, string>();
const models = [...snap.models.keys()], hws = [...snap.hardware.keys()], apis = [...snap.apiOfferings.keys()];
for (const m of models) for (const h of hws) for (const ops of [0, 20000]) {
  const body = { workload: { inputTokensPerMonth: 1e9, outputTokensPerMonth: 2e8, inputTokensPerRequest: 2000, outputTokensPerRequest: 400 }, candidates: [
    { type: 'api', offering: apis[(m.length + h.length) % apis.length] }, { type: 'self-host', model: m, hardware: h },
    { type: 'self-host', model: m, hardware: h, pricing: { mode: 'owned', purchaseUsdPerGpu: 30000 } }], assumptions: { opsUsdPerMonth: ops } };
  let text: string;
  try { text = JSON.stringify(present(runComparison(compareRequestSchema.parse(body), snap, cm))); } catch (e) { continue; }
  for (const mm of text.matchAll(/[^\x00-\x7f]/g)) {
    const ctx = text.slice(Math.max(0, mm.index! - 60), mm.index! + 20);
    if (!found.has(mm[0] + ctx.slice(0, 30))) found.set(mm[0] + ctx.slice(0, 30), ctx);
  }
}
for (const a of apis) {
  const body = { workload: { inputTokensPerMonth: 1e9, outputTokensPerMonth: 2e8, inputTokensPerRequest: 2000, outputTokensPerRequest: 400 }, candidates: [{ type: 'api', offering: a }] };
  const text = JSON.stringify(present(runComparison(compareRequestSchema.parse(body), snap, cm)));
  for (const mm of text.matchAll(/[^\x00-\x7f]/g)) found.set(mm[0] + a, text.slice(Math.max(0, mm.index! - 60), mm.index! + 20));
}
const uniq = new Map<string, string>();
for (const v of found.values()) uniq.set(v.replace(/[0-9.]+/g, '#').slice(-50), v);
for (const v of uniq.values()) console.log(JSON.stringify(v));
console.log(found.size);
