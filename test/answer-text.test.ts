import { describe, expect, it } from 'vitest';
import { compareRequestSchema } from '../src/schemas/compare.js';
import { presentedComparison } from '../src/services/answer-memo/answer.js';
import { CostModelCache } from '../src/services/comparison.js';
import { referenceCatalogSnapshot } from './helpers/reference-catalog.js';

/**
 * The texts the engine writes into every comparison answer (notes, warnings, reasons, sources)
 * are plain ASCII. One character outside it (a `§`, a `×`, an en dash) makes V8 hold the whole
 * ≈38 KB JSON text of the answer as a two-byte string, and every write of it re-encodes twice the
 * bytes: a 10,000-item batch of repeated items ran 31 % more items/s once the one `§` in every
 * answer was gone (bench/batch-ab.ts, 2026-12-08). Names a user or a profile chooses may still
 * hold any character; this covers only what the service itself writes for the reference catalogue.
 */
describe('comparison answers over the reference catalogue', () => {
  it('are ASCII for every model × hardware pair and API offering', async () => {
    const snapshot = await referenceCatalogSnapshot();
    const costModels = new CostModelCache(1000);
    const apis = [...snapshot.apiOfferings.keys()];
    const workload = { inputTokensPerMonth: 1e9, outputTokensPerMonth: 2e8, inputTokensPerRequest: 2000, outputTokensPerRequest: 400 };
    const outside = new Map<string, string>();
    let answers = 0;
    const check = (body: unknown) => {
      // The answer as served (rounded by present()), computed afresh: no answer memo.
      const text = JSON.stringify(presentedComparison(compareRequestSchema.parse(body), snapshot, { detail: 'full' }, { costModels }));
      answers++;
      for (const m of text.matchAll(/[^ -~\t\n\r]/g)) {
        outside.set(m[0], text.slice(Math.max(0, (m.index ?? 0) - 60), (m.index ?? 0) + 20));
      }
    };
    for (const model of snapshot.models.keys()) {
      for (const [hardware, profile] of snapshot.hardware) {
        // Owned pricing needs the board's power (tdpWatts); a profile without it is costed in the cloud only.
        const owned = profile.tdpWatts
          ? [{ type: 'self-host', model, hardware, pricing: { mode: 'owned', purchaseUsdPerGpu: 30_000 } }]
          : [];
        check({
          workload,
          candidates: [
            { type: 'api', offering: apis[answers % apis.length] },
            { type: 'self-host', model, hardware, pricing: { mode: 'cloud', usdPerGpuHour: 2 } },
            ...owned,
          ],
          // No operations cost: the answer then carries the note that says so.
          assumptions: { opsUsdPerMonth: 0 },
        });
      }
    }
    for (const offering of apis) check({ workload, candidates: [{ type: 'api', offering }] });
    expect(answers).toBeGreaterThan(100);
    // Each character found, with the text around it, so a failure names the sentence to change.
    expect(Object.fromEntries(outside)).toEqual({});
  });
});
