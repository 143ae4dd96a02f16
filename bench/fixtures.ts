/**
 * Request bodies and an in-memory catalogue built from the shipped reference data
 * (data/reference/profiles.json), shared by the engine micro-benchmarks and the HTTP runs.
 */
import { readReferenceData } from '../src/db/reference-data.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../src/domain/profiles.js';
import type { CatalogSnapshot } from '../src/services/catalog.js';

/**
 * The 8-candidate comparison (4 API + 4 self-host, profiles by id): examples/compare-50k.json
 * plus one more API offering. Every candidate is priceable with the reference data.
 */
export const compareBody = {
  workload: {
    inputTokensPerMonth: 10_000_000_000,
    outputTokensPerMonth: 2_000_000_000,
    inputTokensPerRequest: 2000,
    outputTokensPerRequest: 400,
    cachedInputShare: 0.3,
    peakToAverage: 3,
  },
  candidates: [
    { type: 'api', offering: 'anthropic-claude-sonnet-4-5' },
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'api', offering: 'openrouter-gpt-oss-120b' },
    { type: 'api', offering: 'google-gemini-2.5-flash' },
    { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } },
    {
      type: 'self-host',
      model: 'llama-3.3-70b',
      hardware: 'nvidia-h100-sxm',
      precision: 'fp8',
      pricing: { mode: 'cloud', usdPerGpuHour: 2.49 },
    },
    { type: 'self-host', model: 'qwen3-235b-a22b', hardware: 'nvidia-h200-sxm', precision: 'fp8' },
    { type: 'self-host', model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'owned', purchaseUsdPerGpu: 30000 } },
  ],
  assumptions: { utilization: 0.7, opsUsdPerMonth: 20000 },
} as const;

/** POST /estimates body: the README's example. */
export const estimateBody = {
  model: 'llama-3.3-70b',
  hardware: 'nvidia-h100-sxm',
  precision: 'fp8',
  inputTokens: 2000,
  outputTokens: 500,
  minOutputTokensPerSecondPerUser: 20,
} as const;

/** Single self-host evaluation used by the engine micro-benchmark. */
export const singleSelfHost = { model: 'gpt-oss-120b', hardware: 'nvidia-h100-sxm' } as const;

/**
 * The text of {@link compareBody} with its monthly input volume replaced by the placeholder
 * `VOLUME_PLACEHOLDER` (a bare number once replaced): a volume sweep, as a procurement tool runs
 * one. Every value is a different request for the answer memo; the replica models (which do not
 * depend on volume) stay shared.
 */
export const VOLUME_PLACEHOLDER = '"__VOLUME__"';
export const compareBodyTemplate = JSON.stringify({
  ...compareBody,
  workload: { ...compareBody.workload, inputTokensPerMonth: '__VOLUME__' },
});
/** First volume of a sweep: 10 billion input tokens a month, as compareBody; 11 digits for up to 9·10^10 steps. */
export const SWEEP_START = 10_000_000_000;

/**
 * A batch of `n` 8-candidate comparisons, as the JSON text sent to POST /compare/batch: `same`
 * repeats compareBody; `sweep` steps its monthly input volume by one token per item.
 */
export function batchBodyText(n: number, items: 'same' | 'sweep' = 'same'): string {
  if (items === 'sweep') {
    const parts = Array.from({ length: n }, (_, i) => compareBodyTemplate.replace(VOLUME_PLACEHOLDER, String(SWEEP_START + i)));
    return `{"items":[${parts.join(',')}]}`;
  }
  const item = JSON.stringify(compareBody);
  return `{"items":[${new Array(n).fill(item).join(',')}]}`;
}

/** The reference data as the catalogue would serve it (version 1, timestamps of now). */
export function referenceSnapshot(): CatalogSnapshot {
  const data = readReferenceData();
  const now = new Date().toISOString();
  const meta = { version: 1, createdAt: now, updatedAt: now };
  const byId = <T extends { id: string }>(items: object[]) => new Map(items.map((i) => [(i as T).id, { ...meta, ...i } as unknown as T]));
  return {
    hardware: byId<HardwareProfile>(data.hardware),
    models: byId<ModelProfile>(data.models),
    apiOfferings: byId<ApiOffering>(data.apiOfferings),
  };
}
