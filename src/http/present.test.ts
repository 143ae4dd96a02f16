import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ECHO_SIGNIFICANT_DIGITS, present, type RoundingRule, roundByRule, roundSignificant, ruleOfKey } from './present.js';

describe('roundByRule', () => {
  it.each<[number, RoundingRule, number]>([
    // money: cents, half away from zero, binary noise removed first
    [21664.8992173, 'cents', 21664.9],
    [26659.5968692, 'cents', 26659.6],
    [1.005, 'cents', 1.01],
    [-5416.605, 'cents', -5416.61],
    [0.004, 'cents', 0],
    [51900, 'cents', 51900],
    // token counts: whole tokens
    [7986497109.83, 'whole', 7986497110],
    [0.5, 'whole', 1],
    [-2.5, 'whole', -3],
    [12000000000, 'whole', 12000000000],
    // near 1e15 (the largest monthly volume a request may give) doubles step by 0.125: no nudge beyond noise
    [999925117472677.4, 'whole', 999925117472677], // the double is …677.375
    [999925117472677.5, 'whole', 999925117472678],
    // rates, unit prices and other derived quantities: 4 significant digits
    [67.1044210516, 'sig4', 67.1],
    [4294.6829473, 'sig4', 4295],
    [0.0338935201538, 'sig4', 0.03389],
    [2.42708333333, 'sig4', 2.427],
    [0.039, 'sig4', 0.039],
    [-0.000123456, 'sig4', -0.0001235],
    [123456.7, 'sig4', 123500],
    // echo: 12 significant digits (binary noise only)
    [0.1 + 0.2, 'echo', 0.3],
    [1 / 3, 'echo', 0.333333333333],
    [0.632530302961234, 'echo', 0.632530302961],
  ])('%d as %s → %d', (x, rule, expected) => {
    expect(roundByRule(x, rule)).toBe(expected);
  });

  it.each<RoundingRule>(['cents', 'whole', 'sig4', 'echo'])('%s: non-finite → null', (rule) => {
    expect(roundByRule(Number.NaN, rule)).toBeNull();
    expect(roundByRule(Number.POSITIVE_INFINITY, rule)).toBeNull();
  });

  it('echo keeps 12 significant digits: within half a unit of the 12th digit of the input', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e15, noNaN: true }), fc.boolean(), (magnitude, negative) => {
        const x = negative ? -magnitude : magnitude;
        const r = roundByRule(x, 'echo') as number;
        const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - ECHO_SIGNIFICANT_DIGITS + 1);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(unit * 0.5000001 + Math.abs(x) * 1e-15);
        expect(r).toBe(roundSignificant(r, ECHO_SIGNIFICANT_DIGITS));
      }),
    );
  });

  it('4 significant digits: within half a unit of the 4th digit, idempotent; whole tokens within half a token', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-9, max: 1e15, noNaN: true }), fc.boolean(), (magnitude, negative) => {
        const x = negative ? -magnitude : magnitude;
        const r = roundByRule(x, 'sig4') as number;
        const unit = 10 ** (Math.floor(Math.log10(Math.abs(x))) - 3);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(unit * 0.5000001 + Math.abs(x) * 1e-15);
        expect(roundByRule(r, 'sig4')).toBe(r);
        const w = roundByRule(x, 'whole') as number;
        expect(Number.isInteger(w)).toBe(true);
        expect(Math.abs(w - x)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it('cents are within half a cent and idempotent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        const r = roundByRule(x, 'cents') as number;
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.005 + Math.abs(x) * 1e-15);
        expect(roundByRule(r, 'cents')).toBe(r);
      }),
    );
  });
});

describe('ruleOfKey', () => {
  it.each<[string, RoundingRule | null]>([
    ['monthlyCostUsd', 'cents'],
    ['totalUsdPerMonth', 'cents'],
    ['totalUsdPerHour', 'cents'],
    ['upfrontUsd', 'cents'],
    ['savingsAtCurrentVolumeUsd', 'cents'],
    ['fromUsd', 'cents'],
    ['allInCapexUsdPerGpu', 'cents'],
    ['selfHostMarginalUsdPerMtok', 'sig4'],
    ['usdPerMtok', 'sig4'],
    ['electricityUsdPerKwh', 'sig4'],
    ['colocationUsdPerKwMonth', 'sig4'],
    ['usdPerGpuHour', 'sig4'],
    ['monthlyTokens', 'whole'],
    ['breakEvenMonthlyTokens', 'whole'],
    ['inputTokensPerMonth', 'whole'],
    ['outputTokensPerRequest', 'whole'],
    ['outputTokensPerSecondPerUser', 'sig4'],
    ['requestsPerSecond', 'sig4'],
    ['assumptions', 'echo'],
    ['request', 'echo'],
    ['target', 'echo'],
    ['paybackMonths', null],
    ['selfHostedTokenShare', null],
    ['input', null],
  ])('%s → %s', (key, rule) => {
    expect(ruleOfKey(key)).toBe(rule);
  });
});

describe('present', () => {
  it('rounds each number by the rule of its field, in a copy', () => {
    const input = {
      monthlyCostUsd: 26659.5968692,
      usdPerMtok: { input: 0.196377008644, output: 12.3479133914, blended: null },
      breakEven: [{ monthlyTokens: 7986497109.83, paybackMonths: 9.50856445345, savingsAtCurrentVolumeUsd: -5416.6049 }],
      detail: {
        throughput: { outputTokensPerSecondPerUser: 67.1044210516, timeToFirstTokenSeconds: 0.0578846970644 },
        cost: { capitalUsdPerMonth: 4866.33462922, averagePowerKw: 6.8796 },
        assumptions: { targetUtilization: 0.632530302961234, usdPerGpuHour: 2.4937, hourlyWeights: [1 / 3] },
      },
      odd: Number.NaN,
      label: 'text',
      none: null,
      count: 8,
    };
    const out = present(input);
    expect(out).toEqual({
      monthlyCostUsd: 26659.6,
      usdPerMtok: { input: 0.1964, output: 12.35, blended: null },
      breakEven: [{ monthlyTokens: 7986497110, paybackMonths: 9.509, savingsAtCurrentVolumeUsd: -5416.6 }],
      detail: {
        throughput: { outputTokensPerSecondPerUser: 67.1, timeToFirstTokenSeconds: 0.05788 },
        cost: { capitalUsdPerMonth: 4866.33, averagePowerKw: 6.88 },
        assumptions: { targetUtilization: 0.632530302961, usdPerGpuHour: 2.4937, hourlyWeights: [0.333333333333] },
      },
      odd: null,
      label: 'text',
      none: null,
      count: 8,
    });
    expect(input.monthlyCostUsd).toBe(26659.5968692);
  });

  it('copies every object and array (nothing is shared with the input), keeps key order and integers, and reads class instances by their own keys', () => {
    class Row {
      constructor(
        readonly id: number,
        readonly usdPerGpuHour: number,
      ) {}
      describe(): string {
        return String(this.id);
      }
    }
    const input = {
      z: 1,
      a: { n: -0, big: 1e21, inf: Number.POSITIVE_INFINITY, list: ['x', 2, Number.NEGATIVE_INFINITY] },
      row: new Row(3, 2.493712),
      nested: { empty: {}, strings: ['a'] },
    };
    const out = present(input);
    expect(Object.keys(out)).toEqual(['z', 'a', 'row', 'nested']);
    expect(JSON.stringify(out)).toBe(
      '{"z":1,"a":{"n":0,"big":1e+21,"inf":null,"list":["x",2,null]},"row":{"id":3,"usdPerGpuHour":2.494},"nested":{"empty":{},"strings":["a"]}}',
    );
    expect(Object.is(out.a.n, -0)).toBe(true);
    expect(Object.getPrototypeOf(out.row)).toBe(Object.prototype);
    for (const [copy, original] of [
      [out.a, input.a],
      [out.a.list, input.a.list],
      [out.nested, input.nested],
      [out.nested.empty, input.nested.empty],
      [out.nested.strings, input.nested.strings],
    ]) {
      expect(copy).not.toBe(original);
    }
  });
});
