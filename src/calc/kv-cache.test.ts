import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelArb } from '../../test/helpers/calc-arbitraries.js';
import { deepseekV3, gemma4_31b, gptOss120b, graniteHSmall, llama70b } from '../../test/helpers/calc-fixtures.js';
import { kvCacheBytesPerSequence, kvCacheBytesPerToken, kvLayout, ssmStateBytesPerSequence } from './kv-cache.js';

describe('kvLayout and per-sequence KV bytes', () => {
  it('Llama 3.1 70B: 2 × 80 layers × 8 heads × 128 × 2 B = 327,680 B per token', () => {
    const layout = kvLayout(llama70b);
    expect(layout.elementsPerTokenFull).toBe(2048);
    expect(kvCacheBytesPerToken(layout, 'bf16')).toBe(327_680);
    expect(kvCacheBytesPerSequence(layout, 4096, 'bf16')).toBe(1_342_177_280);
    expect(kvCacheBytesPerSequence(layout, 4096, 'fp8')).toBe(671_088_640);
  });

  it('gpt-oss-120b: sliding-window layers are capped at 128 tokens', () => {
    // 18 × 1024 × 4096 + 18 × 1024 × 128 = 77,856,768 elements, 1 B each at fp8
    expect(kvCacheBytesPerSequence(kvLayout(gptOss120b), 4096, 'fp8')).toBe(77_856_768);
    // below the window every layer grows: 36 × 1024 × 100
    expect(kvCacheBytesPerSequence(kvLayout(gptOss120b), 100, 'fp8')).toBe(3_686_400);
  });

  it('Gemma 4 31B: global layers use globalNumKvHeads × globalHeadDim, windowed layers the local shape', () => {
    // full: 10 × 2 × 4 × 512 = 40,960 el/token; windowed: 50 × 2 × 16 × 256 = 409,600 el/token capped at 1,024
    // at 8,192 tokens, bf16: (10 × 4096 × 8192 + 50 × 8192 × 1024) × 2 = 1,509,949,440 B
    expect(kvCacheBytesPerSequence(kvLayout(gemma4_31b), 8192, 'bf16')).toBe(1_509_949_440);
  });

  it('MLA: kvLatentDim replaces 2 × heads × head dim (DeepSeek-V3: 61 × 576 B per token at fp8)', () => {
    expect(kvCacheBytesPerToken(kvLayout(deepseekV3), 'fp8')).toBe(35_136);
  });

  it('hybrids: attention layers only, plus a fixed recurrent state in the other layers', () => {
    const layout = kvLayout(graniteHSmall);
    expect(layout.fullLayers).toBe(4);
    expect(layout.stateLayers).toBe(36);
    expect(kvCacheBytesPerToken(layout, 'bf16')).toBe(4 * 2048 * 2);
    // 36 × 1,073,920 × 2 B = 77,322,240 B (bf16), twice that in fp32
    expect(ssmStateBytesPerSequence(layout, 'bf16')).toBe(77_322_240);
    expect(ssmStateBytesPerSequence(layout, 'fp32')).toBe(154_644_480);
  });
});

describe('hybrid models vs the same model all attention', () => {
  const allAttention = <T extends typeof graniteHSmall>(m: T): T => ({
    ...m,
    numAttentionLayers: m.numLayers,
    ssmStateElementsPerLayer: null,
  });

  it('never need more KV-cache memory', () => {
    fc.assert(
      fc.property(modelArb, fc.integer({ min: 1, max: 500_000 }), fc.constantFrom('bf16', 'fp8' as const), (m, ctx, p) => {
        const hybridKv = kvCacheBytesPerSequence(kvLayout(m), ctx, p);
        const attentionKv = kvCacheBytesPerSequence(kvLayout(allAttention(m)), ctx, p);
        expect(hybridKv).toBeLessThanOrEqual(attentionKv);
      }),
    );
  });

  it('never need more cache memory in total once the context exceeds state ÷ KV per token per layer', () => {
    fc.assert(
      fc.property(modelArb, fc.integer({ min: 1, max: 100 }), (m, extra) => {
        const layout = kvLayout(m);
        // Each state layer becomes a full-attention layer holding perToken × L elements, which is at
        // least the state once L ≥ state ÷ perToken (same element width, bf16, on both sides).
        const perToken = layout.elementsPerTokenFull;
        const ctx = Math.ceil(layout.stateElementsPerLayer / perToken) + extra;
        const hybrid = kvCacheBytesPerSequence(layout, ctx, 'bf16') + ssmStateBytesPerSequence(layout, 'bf16');
        const full = kvCacheBytesPerSequence(kvLayout(allAttention(m)), ctx, 'bf16');
        expect(hybrid).toBeLessThanOrEqual(full);
      }),
    );
  });

  it('short contexts are where a recurrent state costs more than the KV it replaces (Granite, 100 tokens)', () => {
    const hybrid =
      kvCacheBytesPerSequence(kvLayout(graniteHSmall), 100, 'bf16') + ssmStateBytesPerSequence(kvLayout(graniteHSmall), 'bf16');
    const full = kvCacheBytesPerSequence(kvLayout(allAttention(graniteHSmall)), 100, 'bf16');
    expect(hybrid).toBeGreaterThan(full);
  });
});
