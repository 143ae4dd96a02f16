import { describe, expect, it } from 'vitest';
import { compareRequestSchema } from '../../schemas/compare.js';
import { type AnswerKeyParts, answerKey } from './key.js';

const parse = (body: unknown) => compareRequestSchema.parse(body);

const body = {
  workload: { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
  candidates: [
    { type: 'api', offering: 'openai-gpt-5' },
    { type: 'self-host', model: 'gpt-oss-20b', hardware: 'nvidia-h100-sxm', pricing: { mode: 'cloud', usdPerGpuHour: 2.49 } },
  ],
};

const base: AnswerKeyParts = {
  request: parse(body),
  catalogVersion: '1.2.3',
  detail: 'full',
  freshness: { day: 20484, staleDays: 90 },
};

describe('answerKey', () => {
  it('is the same for the same parsed request whatever the key order sent', () => {
    const reordered = {
      candidates: [
        { offering: 'openai-gpt-5', type: 'api' },
        { pricing: { usdPerGpuHour: 2.49, mode: 'cloud' }, hardware: 'nvidia-h100-sxm', model: 'gpt-oss-20b', type: 'self-host' },
      ],
      workload: { outputTokensPerRequest: 500, inputTokensPerRequest: 1500, outputTokensPerMonth: 1e9, inputTokensPerMonth: 3e9 },
    };
    expect(answerKey({ ...base, request: parse(reordered) })).toBe(answerKey(base));
  });

  it('changes with each thing the answer depends on', () => {
    const variants: Partial<AnswerKeyParts>[] = [
      { request: parse({ ...body, workload: { ...body.workload, outputTokensPerMonth: 2e9 } }) },
      { request: parse({ ...body, candidates: [...body.candidates].reverse() }) },
      { request: parse({ ...body, assumptions: { utilization: 0.7 } }) },
      { catalogVersion: '1.2.4' },
      { detail: 'none' },
      { freshness: { day: 20485, staleDays: 90 } },
      { freshness: { day: 20484, staleDays: 30 } },
      { freshness: null },
    ];
    const keys = variants.map((v) => answerKey({ ...base, ...v }));
    for (const k of keys) expect(k).not.toBe(answerKey(base));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('keeps -0 apart from 0', () => {
    const zero = parse({ ...body, assumptions: { opsUsdPerMonth: 0 } });
    const negativeZero = parse({ ...body, assumptions: { opsUsdPerMonth: -0 } });
    expect(answerKey({ ...base, request: negativeZero })).not.toBe(answerKey({ ...base, request: zero }));
  });
});
