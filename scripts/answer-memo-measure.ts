/**
 * Measures the answer memo (src/services/answer-memo) on the 8-candidate comparison of the
 * benchmarks (bench/fixtures.ts): heap per stored answer and per kept JSON text, and the time of an answer computed
 * without the memo, computed by it for a key not seen before (a miss: key, compute, key remembered;
 * a key's second request also deep-freezes and stores the answer) and found in
 * it (a hit), in alternating rounds, medians. Run with the GC exposed:
 *   node --expose-gc --import tsx scripts/answer-memo-measure.ts
 */
import { compareBody } from '../bench/fixtures.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
import { presentedComparison } from '../src/services/answer-memo/answer.js';
import { AnswerMemo, answerJson } from '../src/services/answer-memo/memo.js';
import { type ComparisonResult, CostModelCache } from '../src/services/comparison.js';
import { referenceCatalogSnapshot } from '../test/helpers/reference-catalog.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const snapshot = await referenceCatalogSnapshot(3_600_000);
const costModels = new CostModelCache();
const freshness = { at: new Date(), staleDays: 90 };

/** The benchmark request at another volume: `i` gives a distinct key, same shape of answer. */
const requestAt = (i: number) =>
  compareRequestSchema.parse({ ...compareBody, workload: { ...compareBody.workload, inputTokensPerMonth: 10_000_000_000 + i * 1_000 } });

function heapPerEntry(detail: 'full' | 'none', n: number): { bytes: number; textBytes: number; json: number } {
  const requests = Array.from({ length: n }, (_, i) => requestAt(i));
  const memo = new AnswerMemo<ComparisonResult>(n);
  for (const r of requests) presentedComparison(r, snapshot, { detail, freshness }, { costModels }); // warm the replica models
  gc?.();
  const before = process.memoryUsage().heapUsed;
  // An answer is stored on its key's second request (memo.ts): ask for each twice.
  for (const r of requests) {
    presentedComparison(r, snapshot, { detail, freshness }, { costModels, memo });
    presentedComparison(r, snapshot, { detail, freshness }, { costModels, memo });
  }
  gc?.();
  const after = process.memoryUsage().heapUsed;
  // The JSON text each stored answer keeps once it has been sent (answerJson).
  for (const r of requests) answerJson(presentedComparison(r, snapshot, { detail, freshness }, { costModels, memo }));
  gc?.();
  const withText = process.memoryUsage().heapUsed;
  const json = JSON.stringify(presentedComparison(requests[0] as never, snapshot, { detail, freshness }, { costModels, memo })).length;
  if (memo.size !== n) throw new Error('memo did not keep every entry');
  return { bytes: (after - before) / n, textBytes: (withText - after) / n, json };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function perCall(fn: (i: number) => void, calls: number): number {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) fn(i);
  return ((performance.now() - t0) * 1000) / calls;
}

function timings(rounds: number, calls: number) {
  const same = requestAt(0);
  const hitMemo = new AnswerMemo<ComparisonResult>(128);
  for (let i = 0; i < 2; i++) presentedComparison(same, snapshot, { detail: 'full', freshness }, { costModels, memo: hitMemo });
  const missMemo = new AnswerMemo<ComparisonResult>(1);
  let offset = 1_000_000;
  const out = { computeUs: [] as number[], missUs: [] as number[], hitUs: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    // Every call of a round a distinct request (parsed beforehand), so compute and miss do the same work.
    const fresh = Array.from({ length: calls }, (_, i) => requestAt(offset + i));
    offset += calls;
    const misses = Array.from({ length: calls }, (_, i) => requestAt(offset + i));
    offset += calls;
    const compute = () =>
      out.computeUs.push(
        perCall((i) => presentedComparison(fresh[i] as never, snapshot, { detail: 'full', freshness }, { costModels }), calls),
      );
    const miss = () =>
      out.missUs.push(
        perCall(
          (i) => presentedComparison(misses[i] as never, snapshot, { detail: 'full', freshness }, { costModels, memo: missMemo }),
          calls,
        ),
      );
    // Alternating which goes first, so neither always runs after the other's garbage.
    if (round % 2 === 0) {
      compute();
      miss();
    } else {
      miss();
      compute();
    }
    out.hitUs.push(perCall(() => presentedComparison(same, snapshot, { detail: 'full', freshness }, { costModels, memo: hitMemo }), calls));
  }
  return { computeUs: median(out.computeUs), missUs: median(out.missUs), hitUs: median(out.hitUs) };
}

const full = heapPerEntry('full', 256);
const none = heapPerEntry('none', 256);
const t = timings(9, 200);
console.log(
  JSON.stringify(
    {
      heapBytesPerEntry: { full: Math.round(full.bytes), none: Math.round(none.bytes) },
      jsonTextHeapBytesPerEntry: { full: Math.round(full.textBytes), none: Math.round(none.textBytes) },
      answerJsonBytes: { full: full.json, none: none.json },
      medianMicroseconds: { computeWithoutMemo: +t.computeUs.toFixed(1), miss: +t.missUs.toFixed(1), hit: +t.hitUs.toFixed(2) },
    },
    null,
    2,
  ),
);
