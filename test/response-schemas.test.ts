import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { ApiPricesApplied, Assumptions, GpuCost, MemoryReport, ResolvedWorkload } from '../src/calc/index.js';

import { projectRoot } from '../src/db/paths.js';
import { present } from '../src/http/present.js';
import { type CompareRequest, compareRequestSchema, estimateRequestSchema } from '../src/schemas/compare.js';
import { compareResponseSchema, estimateResponseSchema } from '../src/schemas/compare-response.js';
import type {
  apiDetailSchema,
  engineAssumptionsSchema,
  memoryReportSchema,
  resolvedWorkloadSchema,
  selfHostDetailSchema,
} from '../src/schemas/engine-detail.js';
import { type CatalogSnapshot, ProfileCatalog } from '../src/services/catalog.js';
import { runComparison, withoutDetail } from '../src/services/comparison.js';
import { runEstimate } from '../src/services/estimate.js';
import { startTestService, type TestService } from './helpers/app.js';

/**
 * The response schemas declare every field the service answers with. The serializer encodes a
 * response through its zod schema, which silently drops a key the schema does not declare; so
 * for representative requests (API, fitting and non-fitting self-host, owned, batch class,
 * excluded, detail none) the encoded response must equal the service's own output.
 */
let svc: TestService;
let snapshot: CatalogSnapshot;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
  snapshot = await new ProfileCatalog(svc.app.repos, 0).snapshot();
});
afterAll(async () => svc.close());

const readme = JSON.parse(readFileSync(resolve(projectRoot, 'examples/compare-50k.json'), 'utf8'));
const workload = { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 };

const comparisons: Record<string, unknown> = {
  'README example (API, cloud and owned self-host)': readme,
  'non-fitting self-host, excluded candidate, batch workload': {
    workload: { ...workload, class: 'batch' },
    candidates: [
      { type: 'api', offering: 'openai-gpt-5' },
      { type: 'self-host', model: 'llama-3.3-70b', hardware: 'nvidia-l40s' },
      { type: 'self-host', model: 'qwen3-235b-a22b', hardware: 'nvidia-l40s', assumptions: { maxTensorParallel: 1 } },
      { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-l40s' },
    ],
    constraints: { licenses: ['Apache-2.0'] },
  },
  'measured throughput, reserved commitment, overrides': {
    workload: { ...workload, hourlyLoad: Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 3 : 1)) },
    candidates: [
      { type: 'api', offering: 'anthropic-claude-sonnet-4-5' },
      {
        type: 'self-host',
        model: 'gpt-oss-120b',
        hardware: 'nvidia-h100-sxm',
        measuredOutputTokensPerSecondPerGpu: 900,
        pricing: { mode: 'cloud', commitment: 'reserved' },
      },
    ],
    assumptions: { utilization: 0.6, opsUsdPerMonth: 10000, replicasForAvailability: 0 },
  },
};

/** `value` after the schema's encode, as JSON: what the serializer would send. */
const encoded = (schema: z.ZodType, value: unknown) => JSON.parse(JSON.stringify(z.encode(schema, value as never)));
const asJson = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('response schemas declare every field the service answers with', () => {
  for (const [name, body] of Object.entries(comparisons)) {
    it(`POST /compare: ${name}`, () => {
      const request: CompareRequest = compareRequestSchema.parse(body);
      const result = present(runComparison(request, snapshot));
      expect(result.results.some((r) => r.detail !== null)).toBe(true);
      expect(encoded(compareResponseSchema, result)).toEqual(asJson(result));
      const compact = present(withoutDetail(result));
      expect(encoded(compareResponseSchema, compact)).toEqual(asJson(compact));
    });
  }

  it('the cases cover API and self-host details, fitting and not, owned, excluded and SLO-sized', () => {
    const results = Object.values(comparisons).flatMap((body) => runComparison(compareRequestSchema.parse(body), snapshot).results);
    const detail = (r: (typeof results)[number]) => r.detail as Record<string, unknown> | null;
    expect(results.some((r) => r.type === 'api' && detail(r)?.offering)).toBe(true);
    expect(results.some((r) => r.fits === true && detail(r)?.throughput)).toBe(true);
    expect(results.some((r) => r.fits === false && detail(r)?.memory)).toBe(true);
    expect(results.some((r) => r.excluded !== null)).toBe(true);
    expect(results.some((r) => (detail(r)?.cost as { mode?: string } | undefined)?.mode === 'owned')).toBe(true);
    expect(results.some((r) => (detail(r)?.capacity as { slo?: unknown } | undefined)?.slo)).toBe(true);
  });

  for (const [name, body] of Object.entries({
    'fits (README example)': {
      model: 'llama-3.3-70b',
      hardware: 'nvidia-h100-sxm',
      precision: 'fp8',
      inputTokens: 2000,
      outputTokens: 500,
      minOutputTokensPerSecondPerUser: 20,
    },
    'does not fit': { model: 'llama-3.3-70b', hardware: 'nvidia-l40s', precision: 'bf16', gpus: 1, inputTokens: 2000, outputTokens: 500 },
  })) {
    it(`POST /estimates: ${name}`, () => {
      const result = present(runEstimate(estimateRequestSchema.parse(body), snapshot));
      expect(encoded(estimateResponseSchema, result)).toEqual(asJson(result));
    });
  }
});

describe('response schemas of engine shapes agree with the engine types', () => {
  // Checked by `npm run typecheck`: a field added to an engine type must be added to its schema.
  it('MemoryReport, Assumptions, GpuCost, ApiPricesApplied and ResolvedWorkload', () => {
    expectTypeOf<z.output<typeof memoryReportSchema>>().toEqualTypeOf<MemoryReport>();
    expectTypeOf<z.output<typeof engineAssumptionsSchema>>().toEqualTypeOf<Assumptions>();
    expectTypeOf<NonNullable<z.output<typeof selfHostDetailSchema>['cost']>>().toEqualTypeOf<GpuCost>();
    expectTypeOf<z.output<typeof apiDetailSchema>['pricesApplied']>().toEqualTypeOf<ApiPricesApplied>();
    expectTypeOf<z.output<typeof resolvedWorkloadSchema>>().toEqualTypeOf<ResolvedWorkload>();
  });
});
