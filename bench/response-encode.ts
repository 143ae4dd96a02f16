/**
 * What the response schema costs per POST /compare (npm run bench:encode): the 8-candidate
 * comparison's full-detail response (~32 KB) serialised three ways, one after the other in one process:
 * - JSON.stringify alone (no response check);
 * - zod encode through the typed CompareResponse schema, then JSON.stringify (what the
 *   serializer compiler does today: fastify-type-provider-zod's `safeEncode`);
 * - the same with `detail` and `assumptions` as free-form records (the document before they
 *   were typed);
 * and the same three for the `?detail=none` form (what batch items usually carry; each batch item
 * is also checked against the response schema, src/services/batch-items.ts).
 * Reports the median and p99 per serialisation in µs. No I/O besides the reference data file.
 */
import { Bench } from 'tinybench';
import { z } from 'zod';
import { present } from '../src/http/present.js';
import { compareRequestSchema } from '../src/schemas/compare.js';
import { candidateResultSchema, compareResponseSchema } from '../src/schemas/compare-response.js';
import { runComparison, withoutDetail } from '../src/services/comparison.js';
import { compareBody, referenceSnapshot } from './fixtures.js';

const result = present(runComparison(compareRequestSchema.parse(compareBody), referenceSnapshot()));
const compact = withoutDetail(result);
const free = z.record(z.string(), z.unknown());
const freeForm = compareResponseSchema.extend({
  results: z.array(candidateResultSchema.extend({ detail: free.nullable() })),
  assumptions: free,
});

const bench = new Bench({ time: 3000 });
bench
  .add('JSON.stringify alone', () => JSON.stringify(result))
  .add('zod encode (typed schema) + JSON.stringify', () => JSON.stringify(z.encode(compareResponseSchema, result)))
  .add('zod encode (free-form detail) + JSON.stringify', () => JSON.stringify(z.encode(freeForm, result as z.input<typeof freeForm>)))
  .add('?detail=none: JSON.stringify alone', () => JSON.stringify(compact))
  .add('?detail=none: zod encode (typed schema) + JSON.stringify', () => JSON.stringify(z.encode(compareResponseSchema, compact)))
  .add('?detail=none: zod encode (free-form) + JSON.stringify', () =>
    JSON.stringify(z.encode(freeForm, compact as z.input<typeof freeForm>)),
  );
await bench.run();

process.stdout.write(`POST /compare response: ${result.results.length} results, ${JSON.stringify(result).length} bytes\n`);
for (const task of bench.tasks) {
  const latency = (task.result as { latency?: { p50?: number; p99?: number } } | undefined)?.latency;
  const us = (ms: number | undefined) => (ms === undefined ? 'n/a' : (ms * 1000).toFixed(1));
  process.stdout.write(`${task.name}: median ${us(latency?.p50)} µs, p99 ${us(latency?.p99)} µs\n`);
}
