import { type FieldChange, fieldChanges, ownFields } from '../audit/changes.js';
import { startOfAsOf } from '../audit/dates.js';
import type { ApiOffering, ApiOfferingSpec } from '../domain/profiles.js';
import type { Dataset, DatasetModel, DatasetPrice, DatasetProvider, PriceSet } from './dataset.js';
import { matches } from './dataset.js';

/**
 * The sync's pure core: maps the genai-prices dataset onto the catalogue's API offerings and
 * plans the writes (data/reference/README.md, "Price sync", states every rule). No I/O, no
 * clock: the catalogue, its history and `now` are passed in.
 */

/** Dataset provider id → catalogue provider name. `add`: dataset models missing from the catalogue are added. */
export const PROVIDER_MAP: readonly { dataset: string; catalogue: string; add: boolean }[] = [
  { dataset: 'openai', catalogue: 'OpenAI', add: true },
  { dataset: 'anthropic', catalogue: 'Anthropic', add: true },
  { dataset: 'google', catalogue: 'Google', add: true },
  // Open-model hosts: offerings in the catalogue are updated; new ones need a modelId, so a person adds them.
  { dataset: 'openrouter', catalogue: 'OpenRouter', add: false },
  { dataset: 'together', catalogue: 'Together AI', add: false },
  { dataset: 'fireworks', catalogue: 'Fireworks AI', add: false },
  { dataset: 'groq', catalogue: 'Groq', add: false },
];

/** The fields the sync owns; every other field of an offering is hand-curated and never written. */
export const SYNCED_FIELDS = [
  'inputUsdPerMtok',
  'cachedInputUsdPerMtok',
  'outputUsdPerMtok',
  'longContextThresholdTokens',
  'longContextInputUsdPerMtok',
  'longContextCachedInputUsdPerMtok',
  'longContextOutputUsdPerMtok',
] as const;
type SyncedField = (typeof SYNCED_FIELDS)[number];
type SyncedPrices = Partial<Pick<ApiOfferingSpec, SyncedField>>;

export type StoredOffering = ApiOffering & { deletedAt: string | null };

/** What the change log says about one offering. */
export interface OfferingHistory {
  /** Change-log id of the last write by a sync, or null. */
  lastSyncId: number | null;
  /** The last write by a person (not a sync, not reference data) after the last sync. */
  editAfterSync: { actor: string; at: string } | null;
  /** Effective date of the last revision (ISO), or null. */
  lastEffectiveAt: string | null;
}

export interface PlannedStep {
  /** Start date of a dated price change (`YYYY-MM-DD`), or null: valid from the write. */
  effectiveDate: string | null;
  changes: FieldChange[];
  /** The offering's own fields after this step. */
  record: Record<string, unknown>;
}

export interface SyncPlan {
  datasetVersion: string;
  origin: string;
  added: { id: string; provider: string; modelName: string; effectiveDate: string | null; record: Record<string, unknown> }[];
  /** `version`: the offering's version the plan was made from (the apply fails with 412 if it moved). */
  changed: { id: string; version: number; steps: PlannedStep[] }[];
  unchanged: string[];
  /** Offerings the sync leaves alone: a person edited them after the last sync, or deleted them. */
  held: { id: string; reason: string; changes: FieldChange[] }[];
  /** Dated price changes that start after `now`: applied by the first sync on or after their date. */
  scheduled: { id: string; startDate: string; changes: FieldChange[] }[];
  unmapped: { provider: string; model: string | null; count: number; reason: string }[];
  /** Catalogue offerings of a mapped provider that match no dataset model (left as they are). */
  notInDataset: string[];
  notes: string[];
}

const DATASET_HOME = 'https://github.com/pydantic/genai-prices';

const base = (p: DatasetPrice) => (typeof p === 'number' ? p : p.base);
const firstTier = (p: DatasetPrice | undefined) => (p !== undefined && typeof p === 'object' ? (p.tiers[0] ?? null) : null);

/**
 * The catalogue's price fields from one dataset price set, or null when the set lacks a
 * per-token input or output price. Only fields the set provides are returned: a missing cached
 * or long-context price leaves the catalogue's value as it is. genai-prices bills a whole request
 * at a tier's price once its input exceeds the tier's start, which is the catalogue's
 * long-context rule; only the first tier maps (notes say when there are more).
 */
export function syncedPrices(set: PriceSet, notes?: string[], label?: string): SyncedPrices | null {
  const input = set.input_mtok;
  const output = set.output_mtok;
  if (input === undefined || output === undefined) return null;
  const cached = set.cache_read_mtok;
  const out: SyncedPrices = { inputUsdPerMtok: base(input), outputUsdPerMtok: base(output) };
  if (cached !== undefined) out.cachedInputUsdPerMtok = base(cached);
  const tier = firstTier(input);
  if (tier) {
    out.longContextThresholdTokens = tier.start;
    out.longContextInputUsdPerMtok = tier.price;
    out.longContextOutputUsdPerMtok = firstTier(output)?.price ?? base(output);
    if (cached !== undefined) out.longContextCachedInputUsdPerMtok = firstTier(cached)?.price ?? base(cached);
    if (typeof input === 'object' && input.tiers.length > 1 && notes && label) {
      notes.push(`${label}: ${input.tiers.length} input tiers; only the first (from ${tier.start} tokens) is kept.`);
    }
  }
  return out;
}

interface TimelineEntry {
  /** Start date, or null for the undated (base) prices. */
  from: string | null;
  prices: PriceSet;
}

/** The model's undated and start-dated price sets, oldest first; time-of-day sets are left out. */
export function timeline(model: DatasetModel): { entries: TimelineEntry[]; timeOfDay: boolean } {
  if (!Array.isArray(model.prices)) return { entries: [{ from: null, prices: model.prices }], timeOfDay: false };
  let timeOfDay = false;
  const entries: TimelineEntry[] = [];
  for (const p of model.prices) {
    if (!p.constraint) entries.push({ from: null, prices: p.prices });
    else if ('start_date' in p.constraint) entries.push({ from: p.constraint.start_date, prices: p.prices });
    else timeOfDay = true;
  }
  entries.sort((a, b) => (a.from === null ? -1 : b.from === null ? 1 : a.from.localeCompare(b.from)));
  return { entries, timeOfDay };
}

const startsBy = (from: string | null, at: Date) => from === null || startOfAsOf(from).getTime() <= at.getTime();

/** The entry valid at `at`: the latest dated one already started, else the undated one. */
function validAt(entries: TimelineEntry[], at: Date): TimelineEntry | undefined {
  return entries.filter((e) => startsBy(e.from, at)).at(-1);
}

const priceView = (r: Record<string, unknown>) => Object.fromEntries(SYNCED_FIELDS.map((f) => [f, r[f] ?? null]));

/** A catalogue id for a dataset model: `<provider>-<model id>` as a slug. */
export function offeringId(providerId: string, modelId: string): string {
  return `${providerId}-${modelId}`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '')
    .slice(0, 100);
}

function firstMatch(provider: DatasetProvider, modelName: string): DatasetModel | undefined {
  return provider.models.find((m) => matches(m.match, modelName));
}

/** Plans a sync of `dataset` onto `offerings` (all of them, deleted ones included) at `now`. */
export function planSync(
  dataset: Dataset,
  offerings: StoredOffering[],
  history: ReadonlyMap<string, OfferingHistory>,
  now: Date,
  /** Ids of the catalogue's model profiles: an added model with one of these ids is open-weight. */
  modelIds: ReadonlySet<string> = new Set(),
): SyncPlan {
  const today = now.toISOString().slice(0, 10);
  const plan: SyncPlan = {
    datasetVersion: dataset.version,
    origin: dataset.origin,
    added: [],
    changed: [],
    unchanged: [],
    held: [],
    scheduled: [],
    unmapped: [],
    notInDataset: [],
    notes: [],
  };
  const takenIds = new Set(offerings.map((o) => o.id));
  const byId = new Map(dataset.providers.map((p) => [p.id, p]));

  for (const provider of dataset.providers) {
    if (!PROVIDER_MAP.some((m) => m.dataset === provider.id)) {
      plan.unmapped.push({
        provider: provider.id,
        model: null,
        count: provider.models.length,
        reason: 'provider not mapped to the catalogue',
      });
    }
  }

  for (const mapping of PROVIDER_MAP) {
    const provider = byId.get(mapping.dataset);
    if (!provider) continue;
    const source = provider.pricing_urls?.[0] ?? DATASET_HOME;
    const covered = new Set<DatasetModel>();
    const mine = offerings.filter((o) => o.provider.toLowerCase() === mapping.catalogue.toLowerCase());

    for (const offering of mine) {
      const model = firstMatch(provider, offering.modelName);
      if (!model) {
        plan.notInDataset.push(offering.id);
        continue;
      }
      covered.add(model);
      const label = `${offering.id} (${provider.id}/${model.id})`;
      const { entries, timeOfDay } = timeline(model);
      if (timeOfDay) plan.notes.push(`${label}: time-of-day prices (off-peak discounts) are not mapped; the all-day price is used.`);
      const steps = plannedSteps(offering, entries, history.get(offering.id), now, today, source, plan.notes, label);
      if (steps === null) {
        plan.unmapped.push({
          provider: provider.id,
          model: model.id,
          count: 1,
          reason: `no per-token input and output price (offering ${offering.id})`,
        });
        continue;
      }
      const future = entries.filter((e) => !startsBy(e.from, now));
      const current = ownFields(offering);
      for (const f of future) {
        const fields = syncedPrices(f.prices);
        if (!fields) continue;
        const last = (steps.at(-1)?.record ?? current) as Record<string, unknown>;
        const changes = fieldChanges(priceView(last), priceView({ ...last, ...fields }));
        if (changes.length > 0) plan.scheduled.push({ id: offering.id, startDate: f.from as string, changes });
      }
      const all = steps.flatMap((s) => s.changes);
      const h = history.get(offering.id);
      if (offering.deletedAt) {
        if (all.length > 0)
          plan.held.push({
            id: offering.id,
            reason: `deleted at ${offering.deletedAt}; the sync never restores an offering`,
            changes: all,
          });
        continue;
      }
      if (h?.editAfterSync) {
        if (all.length > 0) {
          plan.held.push({
            id: offering.id,
            reason: `edited by ${h.editAfterSync.actor} at ${h.editAfterSync.at} after the last sync; the person's edit wins`,
            changes: all,
          });
        } else plan.unchanged.push(offering.id);
        continue;
      }
      if (steps.length === 0) plan.unchanged.push(offering.id);
      else plan.changed.push({ id: offering.id, version: offering.version, steps });
    }

    const uncovered = provider.models.filter((m) => !covered.has(m));
    if (!mapping.add) {
      if (uncovered.length > 0) {
        plan.unmapped.push({
          provider: provider.id,
          model: null,
          count: uncovered.length,
          reason: `open-model host: offerings already in the catalogue are updated; new ones are added by hand (they need the served model's modelId)`,
        });
      }
      continue;
    }
    for (const model of uncovered) {
      const why = addable(provider, model);
      if (why) {
        plan.unmapped.push({ provider: provider.id, model: model.id, count: 1, reason: why });
        continue;
      }
      const { entries } = timeline(model);
      const now_ = validAt(entries, now);
      const fields = now_ ? syncedPrices(now_.prices, plan.notes, `${provider.id}/${model.id}`) : null;
      if (!now_ || !fields) {
        plan.unmapped.push({ provider: provider.id, model: model.id, count: 1, reason: 'no per-token input and output price valid today' });
        continue;
      }
      const id = offeringId(provider.id, model.id);
      if (takenIds.has(id)) {
        plan.unmapped.push({
          provider: provider.id,
          model: model.id,
          count: 1,
          reason: `id '${id}' is taken by an offering whose modelName does not match this model`,
        });
        continue;
      }
      takenIds.add(id);
      const record: Record<string, unknown> = {
        id,
        provider: mapping.catalogue,
        modelName: model.id,
        // A dataset model named like a model profile (gpt-oss-120b) is an open-weight model the provider hosts.
        kind: modelIds.has(model.id) ? 'hosted-open-weight' : 'closed',
        modelId: modelIds.has(model.id) ? model.id : null,
        contextWindowTokens: model.context_window ?? null,
        inputUsdPerMtok: null,
        cachedInputUsdPerMtok: null,
        outputUsdPerMtok: null,
        batchDiscountFraction: 0,
        longContextThresholdTokens: null,
        longContextInputUsdPerMtok: null,
        longContextCachedInputUsdPerMtok: null,
        longContextOutputUsdPerMtok: null,
        estimate: false,
        source,
        asOf: now_.from ?? today,
        notes: `Added by the price sync from @pydantic/genai-prices ${dataset.version} (dataset model ${provider.id}/${model.id}). Batch discount not in the dataset: set by hand.`,
        ...fields,
      };
      plan.added.push({ id, provider: mapping.catalogue, modelName: model.id, effectiveDate: now_.from, record });
    }
  }
  plan.notes = [...new Set(plan.notes)].sort();
  return plan;
}

/** Model ids of audio, image, embedding and moderation models: their token prices are not text generation. */
const NOT_TEXT = /(audio|realtime|transcribe|tts|image|embedding|moderation|whisper|search-preview)/;

/** Why a dataset model is not added, or null when it is. */
function addable(provider: DatasetProvider, model: DatasetModel): string | null {
  if (model.deprecated) return 'deprecated in the dataset';
  if (model.id.startsWith('ft:')) return 'fine-tuned model price (per customer model), not an offering';
  if (provider.model_match && !matches(provider.model_match, model.id)) {
    return "not one of the provider's own models (genai-prices model_match): a third-party model it resells";
  }
  if (NOT_TEXT.test(model.id)) return 'not a text-generation model (audio, image, embedding, moderation or search)';
  return null;
}

/**
 * The writes that bring one offering up to date: every dated price change that started after
 * its last revision's effective date (in order, each with its own start date), or else one step
 * to the price valid now, when it differs. Null when the dataset has no usable price for it.
 */
function plannedSteps(
  offering: StoredOffering,
  entries: TimelineEntry[],
  history: OfferingHistory | undefined,
  now: Date,
  today: string,
  source: string,
  notes: string[],
  label: string,
): PlannedStep[] | null {
  const lastEffective = history?.lastEffectiveAt ? Date.parse(history.lastEffectiveAt) : Number.NEGATIVE_INFINITY;
  let state: Record<string, unknown> = ownFields(offering);
  const steps: PlannedStep[] = [];
  const step = (entry: TimelineEntry, fields: SyncedPrices) => {
    const prices = { ...state, ...fields };
    if (fieldChanges(priceView(state), priceView(prices)).length === 0) return;
    const next = { ...prices, source, asOf: entry.from ?? today };
    steps.push({ effectiveDate: entry.from, changes: fieldChanges(state, next), record: next });
    state = next;
  };
  const dated = entries.filter((e) => e.from !== null && startsBy(e.from, now) && startOfAsOf(e.from).getTime() > lastEffective);
  for (const e of dated) {
    const fields = syncedPrices(e.prices, notes, label);
    if (fields) step(e, fields);
  }
  if (steps.length > 0) return steps;
  const current = validAt(entries, now);
  const fields = current ? syncedPrices(current.prices, notes, label) : null;
  if (!current || !fields) return null;
  step(current, fields);
  return steps;
}
