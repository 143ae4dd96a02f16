import { describe, expect, it } from 'vitest';
import { h100, l40s } from '../../test/helpers/calc-fixtures.js';
import { CalcInputError } from './errors.js';
import {
  BITS_PER_WEIGHT,
  bytesPerWeight,
  computePeak,
  defaultKvCachePrecision,
  kvBytesPerElement,
  ssmBytesPerElement,
} from './precision.js';

describe('bytesPerWeight', () => {
  it.each([
    ['bf16', 2],
    ['fp8', 1],
    ['fp4', 0.5625], // 4 bits + one FP8 scale per 16 values = 4.5 bits
    ['mxfp4', 0.53125], // 4 bits + one 8-bit scale per 32 values = 4.25 bits
    ['int4', 0.53125],
  ] as const)('%s → %d bytes', (precision, bytes) => {
    expect(bytesPerWeight(precision)).toBe(bytes);
    expect(BITS_PER_WEIGHT[precision] / 8).toBe(bytes);
  });
});

describe('element sizes', () => {
  it('KV cache and recurrent state', () => {
    expect(kvBytesPerElement('bf16')).toBe(2);
    expect(kvBytesPerElement('fp8')).toBe(1);
    expect(ssmBytesPerElement('bf16')).toBe(2);
    expect(ssmBytesPerElement('fp32')).toBe(4);
  });
});

describe('defaultKvCachePrecision', () => {
  it.each([
    ['bf16', 'bf16'],
    ['int4', 'bf16'],
    ['fp8', 'fp8'],
    ['fp4', 'fp8'],
    ['mxfp4', 'fp8'],
  ] as const)('%s weights → %s cache', (weights, cache) => {
    expect(defaultKvCachePrecision(weights)).toBe(cache);
  });
});

describe('computePeak', () => {
  it('uses the tensor-core precision of the weight format where the hardware has it', () => {
    expect(computePeak(h100, 'bf16')).toEqual({ tflops: 989, mathPrecision: 'bf16', derivedFrom: null });
    expect(computePeak(h100, 'fp8')).toEqual({ tflops: 1979, mathPrecision: 'fp8', derivedFrom: null });
    expect(computePeak(l40s, 'fp8').tflops).toBe(733);
  });

  it('falls back to BF16 math for formats the hardware cannot compute in (MXFP4 on Hopper) and for int4', () => {
    expect(computePeak(h100, 'mxfp4')).toEqual({ tflops: 989, mathPrecision: 'bf16', derivedFrom: null });
    expect(computePeak(h100, 'int4').tflops).toBe(989);
  });

  it('derives BF16 from FP8 / 2 or FP4 / 4 when the BF16 figure is missing', () => {
    expect(computePeak({ tflopsBf16: null, tflopsFp8: 1000, tflopsFp4: null }, 'bf16')).toEqual({
      tflops: 500,
      mathPrecision: 'bf16',
      derivedFrom: 'fp8',
    });
    expect(computePeak({ tflopsBf16: null, tflopsFp8: null, tflopsFp4: 50000 }, 'int4').tflops).toBe(12500);
    expect(computePeak({ tflopsBf16: null, tflopsFp8: null, tflopsFp4: 50000 }, 'fp4').tflops).toBe(50000);
  });

  it('throws a typed error when no figure exists at all', () => {
    expect(() => computePeak({ tflopsBf16: null, tflopsFp8: null, tflopsFp4: null }, 'bf16')).toThrow(CalcInputError);
  });
});
