import { describe, expect, it } from 'vitest';
import data from '../../data/reference/reasoning-tokens.json' with { type: 'json' };
import { REASONING_DEFAULTS, reasoningDefaultFor, resolveReasoning } from './reasoning-defaults.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('reasoning-token defaults (data/reference/reasoning-tokens.json)', () => {
  it('every record has a source URL, an as-of date, estimate: true and the per-prompt measurements it is derived from', () => {
    expect(data.records.length).toBeGreaterThan(0);
    for (const r of data.records) {
      expect(r.source, r.id).toMatch(/^https:\/\//);
      expect(r.measurementConfig, r.id).toMatch(/^https:\/\//);
      expect(r.asOf, r.id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      expect(r.estimate, r.id).toBe(true);
      expect(r.defaultNote.length, r.id).toBeGreaterThan(0);
      expect(r.prompts.length, r.id).toBe(19);
      expect(r.modelIds.length + r.offeringIds.length, r.id).toBeGreaterThan(0);
    }
  });

  it('each figure is the mean over its prompts of completion tokens × reasoning share (knowledge: the knowledge questions)', () => {
    for (const r of data.records) {
      const reasoning = r.prompts.map((p) => p.completionTokens * p.reasoningRatio);
      const knowledge = r.prompts.filter((p) => p.category === 'knowledge').map((p) => p.completionTokens * p.reasoningRatio);
      expect(knowledge.length, r.id).toBe(5);
      expect(r.reasoningTokensPerRequest, r.id).toEqual({ mixed: Math.round(mean(reasoning)), knowledge: Math.round(mean(knowledge)) });
    }
  });

  it('the core constants equal the data file', () => {
    expect(REASONING_DEFAULTS.map((d) => ({ ...d, modelIds: [...d.modelIds], offeringIds: [...d.offeringIds] }))).toEqual(
      data.records.map((r) => ({
        id: r.id,
        family: r.family,
        mode: r.mode,
        reasonsByDefault: r.reasonsByDefault,
        modelIds: r.modelIds,
        offeringIds: r.offeringIds,
        reasoningTokensPerRequest: r.reasoningTokensPerRequest,
        source: r.source,
        asOf: r.asOf,
        estimate: r.estimate,
      })),
    );
  });

  it('looks up by offering first, then by the model it serves or the self-hosted model', () => {
    expect(reasoningDefaultFor({ offeringId: 'openai-gpt-5' })?.id).toBe('gpt-5-high');
    expect(reasoningDefaultFor({ offeringId: 'openrouter-gpt-oss-120b', modelId: 'gpt-oss-120b' })?.id).toBe('gpt-oss-120b-high');
    expect(reasoningDefaultFor({ modelId: 'deepseek-r1' })?.id).toBe('deepseek-r1');
    expect(reasoningDefaultFor({ offeringId: 'google-gemini-2.5-pro' })?.reasoningTokensPerRequest).toEqual({
      mixed: 2871,
      knowledge: 407,
    });
    expect(reasoningDefaultFor({ offeringId: 'openai-o4-mini' })?.reasonsByDefault).toBe(true);
    expect(reasoningDefaultFor({ modelId: 'llama-3.3-70b' })).toBeNull();
    expect(reasoningDefaultFor({ offeringId: 'openai-gpt-4o', modelId: null })).toBeNull();
  });

  it('resolves auto, none, measured and numbers', () => {
    const oss = reasoningDefaultFor({ modelId: 'gpt-oss-120b' });
    const claude = reasoningDefaultFor({ offeringId: 'anthropic-claude-sonnet-4-0' });
    expect(resolveReasoning('auto', oss, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 545, basis: 'default' });
    expect(resolveReasoning('auto', oss, 'knowledge').reasoningTokensPerRequest).toBe(50);
    expect(resolveReasoning('auto', claude, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 0, basis: 'opt-in' });
    expect(resolveReasoning('measured', claude, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 2941, basis: 'default' });
    expect(resolveReasoning('none', oss, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 0, basis: 'none', record: null });
    expect(resolveReasoning(700, null, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 700, basis: 'request' });
    expect(resolveReasoning('auto', null, 'mixed')).toMatchObject({ reasoningTokensPerRequest: 0, basis: 'no-default' });
  });
});
