import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type HybridInput, hybridBreakEvenTokensPerMonth } from '../../calc/capacity/index.js';
import { hybridBreakEvenMemo } from './hybrid-break-even-memo.js';

const inputArb: fc.Arbitrary<HybridInput> = fc.record({
  hourlyWeights: fc
    .array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 24, maxLength: 24 })
    .filter((w) => w.some((x) => x > 0.01)),
  tokensPerMonth: fc.double({ min: 1e6, max: 1e10, noNaN: true }),
  outputShare: fc.double({ min: 0.05, max: 1, noNaN: true }),
  replicaOutputTokensPerSecond: fc.double({ min: 100, max: 1e5, noNaN: true }),
  usdPerReplicaMonth: fc.double({ min: 100, max: 1e5, noNaN: true }),
  fixedUsdPerMonth: fc.double({ min: 0, max: 1e5, noNaN: true }),
  apiUsdPerToken: fc.double({ min: 1e-8, max: 1e-4, noNaN: true }),
  maxReplicas: fc.integer({ min: 0, max: 50 }),
});

/** The fields the break-even volume depends on, each changed to another valid value. */
const changes: ((i: HybridInput) => HybridInput)[] = [
  (i) => ({ ...i, hourlyWeights: i.hourlyWeights.map((w, h) => (h === 0 ? w + 1 : w)) }),
  (i) => ({ ...i, outputShare: i.outputShare / 2 }),
  (i) => ({ ...i, replicaOutputTokensPerSecond: i.replicaOutputTokensPerSecond * 3 }),
  (i) => ({ ...i, usdPerReplicaMonth: i.usdPerReplicaMonth / 3 }),
  (i) => ({ ...i, fixedUsdPerMonth: i.fixedUsdPerMonth + 1_000 }),
  (i) => ({ ...i, apiUsdPerToken: i.apiUsdPerToken * 7 }),
];

describe('hybridBreakEvenMemo', () => {
  it('returns exactly what hybridBreakEvenTokensPerMonth computes, first and again', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const direct = hybridBreakEvenTokensPerMonth(input);
        expect(hybridBreakEvenMemo(input)).toBe(direct);
        expect(hybridBreakEvenMemo({ ...input, hourlyWeights: [...input.hourlyWeights] })).toBe(direct);
      }),
      { numRuns: 80 },
    );
  });

  it('never serves a remembered value for an input that differs in any field it reads', () => {
    fc.assert(
      fc.property(inputArb, fc.constantFrom(...changes), (input, change) => {
        hybridBreakEvenMemo(input);
        const changed = change(input);
        expect(hybridBreakEvenMemo(changed)).toBe(hybridBreakEvenTokensPerMonth(changed));
      }),
      { numRuns: 80 },
    );
  });

  it('ignores what the break-even volume does not depend on (volume, replica cap)', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const direct = hybridBreakEvenTokensPerMonth(input);
        expect(hybridBreakEvenMemo({ ...input, tokensPerMonth: input.tokensPerMonth * 10, maxReplicas: input.maxReplicas + 5 })).toBe(
          direct,
        );
      }),
      { numRuns: 40 },
    );
  });

  it('sees a weights array changed in place as a new input', () => {
    fc.assert(
      fc.property(inputArb, fc.integer({ min: 0, max: 23 }), (input, hour) => {
        const weights = [...input.hourlyWeights];
        const same = { ...input, hourlyWeights: weights };
        expect(hybridBreakEvenMemo(same)).toBe(hybridBreakEvenTokensPerMonth(same));
        weights[hour] = (weights[hour] as number) + 2;
        expect(hybridBreakEvenMemo(same)).toBe(hybridBreakEvenTokensPerMonth(same));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps telling weights apart after its table of weights has been emptied (ids are never reused)', () => {
    const base: HybridInput = {
      hourlyWeights: Array(24).fill(1),
      tokensPerMonth: 1e9,
      outputShare: 0.2,
      replicaOutputTokensPerSecond: 1e3,
      usdPerReplicaMonth: 2e3,
      fixedUsdPerMonth: 1e3,
      apiUsdPerToken: 2e-6,
      maxReplicas: 5,
    };
    const shape = (i: number) => Array.from({ length: 24 }, (_, h) => (h === i % 24 ? 2 + Math.floor(i / 24) : 1));
    // More distinct shapes than the weights table holds (1,000), each a fresh array (no identity reuse).
    for (let i = 0; i < 1_100; i++) {
      const input = { ...base, hourlyWeights: shape(i) };
      expect(hybridBreakEvenMemo(input)).toBe(hybridBreakEvenTokensPerMonth(input));
    }
    for (const i of [0, 500, 999, 1_000, 1_099]) {
      const input = { ...base, hourlyWeights: shape(i) };
      expect(hybridBreakEvenMemo(input)).toBe(hybridBreakEvenTokensPerMonth(input));
    }
  });

  it('throws again for an invalid input rather than remembering it', () => {
    const bad = {
      hourlyWeights: Array(24).fill(-1),
      tokensPerMonth: 1e9,
      outputShare: 0.2,
      replicaOutputTokensPerSecond: 1e3,
      usdPerReplicaMonth: 1e3,
      fixedUsdPerMonth: 0,
      apiUsdPerToken: 1e-6,
      maxReplicas: 1,
    };
    expect(() => hybridBreakEvenMemo(bad)).toThrow();
    expect(() => hybridBreakEvenMemo(bad)).toThrow();
  });
});
