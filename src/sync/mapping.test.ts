import { describe, expect, it } from 'vitest';
import type { Dataset, DatasetProvider } from './dataset.js';
import { matches } from './dataset.js';
import { type OfferingHistory, offeringId, planSync, type StoredOffering, syncedPrices } from './mapping.js';
import { offeringHistories } from './offering-history.js';

const NOW = new Date('2026-09-15T00:00:00Z');

function offering(overrides: Partial<StoredOffering> = {}): StoredOffering {
  return {
    id: 'anthropic-claude-test',
    provider: 'Anthropic',
    modelName: 'claude-test',
    kind: 'closed',
    modelId: null,
    contextWindowTokens: 200000,
    inputUsdPerMtok: 3,
    cachedInputUsdPerMtok: 0.3,
    outputUsdPerMtok: 15,
    batchDiscountFraction: 0.5,
    longContextThresholdTokens: null,
    longContextInputUsdPerMtok: null,
    longContextCachedInputUsdPerMtok: null,
    longContextOutputUsdPerMtok: null,
    estimate: false,
    source: 'https://example.com/hand',
    asOf: '2026-05-01',
    notes: 'curated by hand',
    version: 1,
    createdAt: '2026-05-01T00:00:00.000Z',
    updatedAt: '2026-05-01T00:00:00.000Z',
    deletedAt: null,
    ...overrides,
  };
}

function dataset(models: DatasetProvider['models'], extra: DatasetProvider[] = []): Dataset {
  return {
    version: '9.9.9',
    origin: 'test',
    providers: [
      { id: 'anthropic', name: 'Anthropic', pricing_urls: ['https://example.com/anthropic'], model_match: { contains: 'claude' }, models },
      ...extra,
    ],
  };
}

const history = (h: Partial<OfferingHistory> = {}): Map<string, OfferingHistory> =>
  new Map([['anthropic-claude-test', { lastSyncId: null, editAfterSync: null, lastEffectiveAt: '2026-05-01T00:00:00.000Z', ...h }]]);

describe('syncedPrices', () => {
  it('maps input, cached input and output; the first tier becomes the long-context prices', () => {
    expect(
      syncedPrices({
        input_mtok: { base: 3, tiers: [{ start: 200000, price: 6 }] },
        cache_read_mtok: { base: 0.3, tiers: [{ start: 200000, price: 0.6 }] },
        output_mtok: { base: 15, tiers: [{ start: 200000, price: 22.5 }] },
        cache_write_mtok: 3.75,
      }),
    ).toEqual({
      inputUsdPerMtok: 3,
      cachedInputUsdPerMtok: 0.3,
      outputUsdPerMtok: 15,
      longContextThresholdTokens: 200000,
      longContextInputUsdPerMtok: 6,
      longContextCachedInputUsdPerMtok: 0.6,
      longContextOutputUsdPerMtok: 22.5,
    });
  });
  it('leaves out what the set lacks, and is null without an input or output price', () => {
    expect(syncedPrices({ input_mtok: 1, output_mtok: 2 })).toEqual({ inputUsdPerMtok: 1, outputUsdPerMtok: 2 });
    expect(syncedPrices({ input_mtok: 1 })).toBeNull();
    expect(syncedPrices({})).toBeNull();
  });
});

describe('matches (genai-prices rules)', () => {
  it('is case-insensitive except for regex, and nests and/or', () => {
    const rule = { and: [{ starts_with: 'Gemini-2.5-pro' }, { regex: '^(?!.*-tts)' }] };
    expect(matches(rule, 'gemini-2.5-pro-preview')).toBe(true);
    expect(matches(rule, 'gemini-2.5-pro-tts')).toBe(false);
    expect(matches({ or: [{ equals: 'a' }, { ends_with: 'B' }] }, 'xb')).toBe(true);
  });
  it('builds slug ids', () => {
    expect(offeringId('openai', 'gpt-4o:extended')).toBe('openai-gpt-4o-extended');
    expect(offeringId('openai', 'ft:gpt-4o')).toBe('openai-ft-gpt-4o');
  });
});

describe('planSync', () => {
  const model = (prices: DatasetProvider['models'][number]['prices']) => ({ id: 'claude-test', match: { equals: 'claude-test' }, prices });

  it('writes only price fields (plus source and asOf) and keeps hand-curated ones', () => {
    const plan = planSync(dataset([model({ input_mtok: 2, output_mtok: 10 })]), [offering()], history(), NOW);
    expect(plan.changed).toHaveLength(1);
    const step = plan.changed[0]?.steps[0];
    expect(step?.effectiveDate).toBeNull();
    expect(step?.changes).toEqual([
      { field: 'asOf', old: '2026-05-01', new: '2026-09-15' },
      { field: 'inputUsdPerMtok', old: 3, new: 2 },
      { field: 'outputUsdPerMtok', old: 15, new: 10 },
      { field: 'source', old: 'https://example.com/hand', new: 'https://example.com/anthropic' },
    ]);
    expect(step?.record).toMatchObject({ batchDiscountFraction: 0.5, notes: 'curated by hand', cachedInputUsdPerMtok: 0.3 });
  });

  it('turns dated price changes after the last revision into steps with their own dates, and schedules future ones', () => {
    const prices = [
      { prices: { input_mtok: 3, output_mtok: 15 } },
      { constraint: { type: 'start_date' as const, start_date: '2026-04-01' }, prices: { input_mtok: 2.5, output_mtok: 15 } },
      { constraint: { type: 'start_date' as const, start_date: '2026-06-01' }, prices: { input_mtok: 2, output_mtok: 12 } },
      { constraint: { type: 'start_date' as const, start_date: '2026-08-01' }, prices: { input_mtok: 1.5, output_mtok: 12 } },
      { constraint: { type: 'start_date' as const, start_date: '2027-01-01' }, prices: { input_mtok: 1, output_mtok: 8 } },
    ];
    const plan = planSync(dataset([model(prices)]), [offering()], history(), NOW);
    // 2026-04-01 is before the last revision (2026-05-01): not replayed.
    expect(plan.changed[0]?.steps.map((s) => [s.effectiveDate, s.record.inputUsdPerMtok, s.record.asOf])).toEqual([
      ['2026-06-01', 2, '2026-06-01'],
      ['2026-08-01', 1.5, '2026-08-01'],
    ]);
    expect(plan.scheduled).toEqual([
      {
        id: 'anthropic-claude-test',
        startDate: '2027-01-01',
        changes: [
          { field: 'inputUsdPerMtok', old: 1.5, new: 1 },
          { field: 'outputUsdPerMtok', old: 12, new: 8 },
        ],
      },
    ]);
  });

  it("holds an offering a person edited after the last sync, and one that was deleted; the dataset's lack deletes nothing", () => {
    const ds = dataset([model({ input_mtok: 2, output_mtok: 10 })]);
    const edited = planSync(
      ds,
      [offering()],
      history({ lastSyncId: 3, editAfterSync: { actor: 'alice', at: '2026-09-01T00:00:00.000Z' } }),
      NOW,
    );
    expect(edited.changed).toEqual([]);
    expect(edited.held[0]?.reason).toMatch(/edited by alice/);
    const deleted = planSync(ds, [offering({ deletedAt: '2026-09-02T00:00:00.000Z' })], history(), NOW);
    expect(deleted.held[0]?.reason).toMatch(/never restores/);
    expect(deleted.added).toEqual([]);
    const missing = planSync(dataset([]), [offering()], history(), NOW);
    expect(missing.notInDataset).toEqual(['anthropic-claude-test']);
    expect(missing.changed).toEqual([]);
  });

  it("adds the mapped providers' own text models, and reports the rest as unmapped with a reason", () => {
    const ds = dataset(
      [
        { id: 'claude-new', match: { equals: 'claude-new' }, context_window: 100000, prices: { input_mtok: 1, output_mtok: 5 } },
        { id: 'claude-old', match: { equals: 'claude-old' }, deprecated: true, prices: { input_mtok: 1, output_mtok: 5 } },
        { id: 'haiku-like', match: { equals: 'haiku-like' }, prices: { input_mtok: 1, output_mtok: 5 } },
        { id: 'claude-embed', match: { equals: 'claude-embed' }, prices: { input_mtok: 1 } },
      ],
      [{ id: 'elsewhere', name: 'Elsewhere', models: [{ id: 'm', match: { equals: 'm' }, prices: {} }] }],
    );
    const plan = planSync(ds, [], new Map(), NOW);
    expect(plan.added.map((a) => [a.id, a.record.kind, a.record.contextWindowTokens, a.record.batchDiscountFraction])).toEqual([
      ['anthropic-claude-new', 'closed', 100000, 0],
    ]);
    expect(plan.unmapped.map((u) => [u.provider, u.model, u.reason.split(' ')[0]])).toEqual([
      ['elsewhere', null, 'provider'],
      ['anthropic', 'claude-old', 'deprecated'],
      ['anthropic', 'haiku-like', 'not'],
      ['anthropic', 'claude-embed', 'no'],
    ]);
  });
});

describe('offeringHistories', () => {
  const row = (id: number, actor: string, effectiveAt = '2026-01-01T00:00:00.000Z') =>
    ({ id, actor, at: `2026-01-0${id}T00:00:00.000Z`, entityId: 'x', effectiveAt }) as never;
  it('a person edit counts only after the last sync; reference data and syncs are not people', () => {
    expect(offeringHistories([row(1, 'reference-data'), row(2, 'sync:genai-prices@1')]).get('x')).toMatchObject({
      lastSyncId: 2,
      editAfterSync: null,
    });
    expect(offeringHistories([row(1, 'reference-data'), row(2, 'sync:a'), row(3, 'alice')]).get('x')?.editAfterSync).toEqual({
      actor: 'alice',
      at: '2026-01-03T00:00:00.000Z',
    });
    expect(offeringHistories([row(1, 'alice'), row(2, 'sync:a')]).get('x')?.editAfterSync).toBeNull();
  });
});
