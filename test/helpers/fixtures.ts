/** Valid create bodies for each profile kind, with unique ids per call. */
let counter = 0;
const next = (prefix: string) => `${prefix}-${++counter}`;

export function hardwareBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: next('test-gpu'),
    name: 'Test GPU 80GB',
    vendor: 'TestVendor',
    memoryGb: 80,
    memoryBandwidthTBps: 3.35,
    tflopsBf16: 989,
    tflopsFp8: 1979,
    tdpWatts: 700,
    usdPerGpuHour: 2.5,
    cloudPriceSource: 'https://example.com/prices',
    source: 'https://example.com/spec',
    asOf: '2026-10-01',
    ...overrides,
  };
}

export function modelBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: next('test-model'),
    name: 'Test Model 8B',
    family: 'Test',
    vendor: 'TestLab',
    license: 'Apache-2.0',
    architecture: 'dense',
    totalParamsB: 8,
    activeParamsB: 8,
    numLayers: 32,
    numAttentionLayers: 32,
    numSlidingWindowLayers: 0,
    numKvHeads: 8,
    headDim: 128,
    hiddenSize: 4096,
    nativeContextTokens: 131072,
    nativeWeightPrecision: 'bf16',
    source: 'https://example.com/model',
    asOf: '2026-09',
    ...overrides,
  };
}

export function offeringBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: next('test-api'),
    provider: 'TestAI',
    modelName: 'test-large',
    kind: 'closed',
    inputUsdPerMtok: 1.25,
    cachedInputUsdPerMtok: 0.125,
    outputUsdPerMtok: 10,
    batchDiscountFraction: 0.5,
    source: 'https://example.com/pricing',
    asOf: '2026-08-21',
    ...overrides,
  };
}
