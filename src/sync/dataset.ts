import { z } from 'zod';

/**
 * The price dataset of @pydantic/genai-prices (its bundled snapshot, or the same JSON format at
 * PRICE_SYNC_URL): providers, each with models, each with a `match` rule on the model name and
 * prices that are either one set or a list of conditional sets (start date / time of day).
 * Only the parts the sync reads are validated; everything else passes through untouched.
 */
export type MatchRule =
  | { equals: string }
  | { starts_with: string }
  | { ends_with: string }
  | { contains: string }
  | { regex: string }
  | { or: MatchRule[] }
  | { and: MatchRule[] };

const matchRule: z.ZodType<MatchRule> = z.lazy(() =>
  z.union([
    z.object({ equals: z.string() }),
    z.object({ starts_with: z.string() }),
    z.object({ ends_with: z.string() }),
    z.object({ contains: z.string() }),
    z.object({ regex: z.string() }),
    z.object({ or: z.array(matchRule) }),
    z.object({ and: z.array(matchRule) }),
  ]),
);

const price = z.union([
  z.number().min(0),
  z.object({ base: z.number().min(0), tiers: z.array(z.object({ start: z.number().min(0), price: z.number().min(0) })) }),
]);
export type DatasetPrice = z.infer<typeof price>;
const priceSet = z.record(z.string(), price.optional());
export type PriceSet = z.infer<typeof priceSet>;

const constraint = z.union([
  z.object({ type: z.literal('start_date').optional(), start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ type: z.literal('time_of_date').optional(), start_time: z.string(), end_time: z.string() }),
]);

const model = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  match: matchRule,
  context_window: z.number().int().positive().optional(),
  deprecated: z.boolean().optional(),
  prices: z.union([priceSet, z.array(z.object({ constraint: constraint.optional(), prices: priceSet }))]),
});
export type DatasetModel = z.infer<typeof model>;

const provider = z.object({
  id: z.string().min(1),
  name: z.string(),
  pricing_urls: z.array(z.string()).optional(),
  /** The names of the provider's own models (genai-prices' rule); absent for resellers. */
  model_match: matchRule.optional(),
  models: z.array(model),
});
export type DatasetProvider = z.infer<typeof provider>;

export const datasetSchema = z.array(provider).min(1);

export interface Dataset {
  /** `<package version>` for the bundled snapshot, `<package version>+url.<sha256 prefix>` for a download. */
  version: string;
  /** Where it came from: `bundled` or the URL. */
  origin: string;
  providers: DatasetProvider[];
}

export class DatasetError extends Error {
  override name = 'DatasetError';
}

/** Validates parsed JSON as a dataset; throws DatasetError naming the first problems. */
export function parseDataset(json: unknown, version: string, origin: string): Dataset {
  const parsed = datasetSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new DatasetError(`The price dataset from ${origin} is not in the genai-prices format: ${first}`);
  }
  return { version, origin, providers: parsed.data };
}

/** Whether `name` satisfies `rule`, exactly as genai-prices decides it (case-insensitive except regex). */
export function matches(rule: MatchRule, name: string): boolean {
  const n = name.toLowerCase();
  if ('or' in rule) return rule.or.some((r) => matches(r, name));
  if ('and' in rule) return rule.and.every((r) => matches(r, name));
  if ('equals' in rule) return n === rule.equals.toLowerCase();
  if ('starts_with' in rule) return n.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return n.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return n.includes(rule.contains.toLowerCase());
  return new RegExp(rule.regex).test(name);
}
