/**
 * Hidden reasoning tokens per request by model family and reasoning mode: sourced defaults for
 * reasoning models (docs/capacity.md §6). The figures are copied from
 * data/reference/reasoning-tokens.json, which holds the per-prompt measurements they are derived
 * from; a test (reasoning-defaults.test.ts) fails when the two differ.
 */

/** Which measured prompts a default is averaged over: all 19 (`mixed`) or the 5 short knowledge questions. */
export const REASONING_PROFILES = ['mixed', 'knowledge'] as const;
export type ReasoningProfile = (typeof REASONING_PROFILES)[number];

/** Default profile: the mean over every measured prompt. */
export const DEFAULT_REASONING_PROFILE: ReasoningProfile = 'mixed';

export interface ReasoningDefault {
  id: string;
  family: string;
  /** The reasoning mode measured (e.g. "high effort"). */
  mode: string;
  /** True when the model reasons unless told not to; false when reasoning is opt-in (Claude extended thinking). */
  reasonsByDefault: boolean;
  /** Catalogue model ids it applies to (self-hosted, and offerings serving that model). */
  modelIds: readonly string[];
  /** Catalogue API offering ids it applies to (closed models). */
  offeringIds: readonly string[];
  /** Mean hidden reasoning tokens per request, per profile. */
  reasoningTokensPerRequest: Readonly<Record<ReasoningProfile, number>>;
  source: string;
  asOf: string;
  /** Derived (a mean of published per-prompt figures), not published as such. */
  estimate: boolean;
}

const SOURCE =
  'https://github.com/cpldcpu/LRMTokenEconomy/blob/1b40589c62f097ece2adbdcbc3a8836951bd6c60/recent_figures/eco_all/knowledge_logic_puzzle_math_analysis_summary.csv';

/** The sourced defaults (data/reference/reasoning-tokens.json). */
export const REASONING_DEFAULTS: readonly ReasoningDefault[] = [
  {
    id: 'gpt-oss-120b-high',
    family: 'gpt-oss',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: ['gpt-oss-120b'],
    offeringIds: [],
    reasoningTokensPerRequest: { mixed: 545, knowledge: 50 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'gpt-oss-20b-high',
    family: 'gpt-oss',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: ['gpt-oss-20b'],
    offeringIds: [],
    reasoningTokensPerRequest: { mixed: 921, knowledge: 63 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'gpt-5-high',
    family: 'OpenAI GPT-5 (reasoning)',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: [],
    offeringIds: ['openai-gpt-5'],
    reasoningTokensPerRequest: { mixed: 2106, knowledge: 127 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'deepseek-r1',
    family: 'DeepSeek-R1',
    mode: 'always thinks',
    reasonsByDefault: true,
    modelIds: ['deepseek-r1'],
    offeringIds: [],
    reasoningTokensPerRequest: { mixed: 2291, knowledge: 250 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'qwen3-235b-a22b-thinking',
    family: 'Qwen3 (hybrid thinking)',
    mode: 'thinking',
    reasonsByDefault: true,
    modelIds: ['qwen3-235b-a22b'],
    offeringIds: [],
    reasoningTokensPerRequest: { mixed: 4855, knowledge: 336 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'qwen3-30b-a3b-thinking',
    family: 'Qwen3 (hybrid thinking)',
    mode: 'thinking',
    reasonsByDefault: true,
    modelIds: ['qwen3-30b-a3b'],
    offeringIds: [],
    reasoningTokensPerRequest: { mixed: 4061, knowledge: 290 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'claude-sonnet-4-extended-thinking',
    family: 'Claude extended thinking',
    mode: 'extended thinking (high)',
    reasonsByDefault: false,
    modelIds: [],
    offeringIds: ['anthropic-claude-sonnet-4-0'],
    reasoningTokensPerRequest: { mixed: 2941, knowledge: 74 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'o4-mini-high',
    family: 'OpenAI o-series',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: [],
    offeringIds: ['openai-o4-mini'],
    reasoningTokensPerRequest: { mixed: 2016, knowledge: 72 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'gemini-2.5-pro-high',
    family: 'Gemini 2.5 thinking',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: [],
    offeringIds: ['google-gemini-2.5-pro'],
    reasoningTokensPerRequest: { mixed: 2871, knowledge: 407 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
  {
    id: 'gemini-2.5-flash-high',
    family: 'Gemini 2.5 thinking',
    mode: 'high effort',
    reasonsByDefault: true,
    modelIds: [],
    offeringIds: ['google-gemini-2.5-flash'],
    reasoningTokensPerRequest: { mixed: 2418, knowledge: 89 },
    source: SOURCE,
    asOf: '2025-08',
    estimate: true,
  },
];

/**
 * The default that applies to a model or offering: the record listing the offering's id, else
 * the one listing the model id (a self-hosted model, or the model a hosted offering serves);
 * null when none does (a non-reasoning model, or a reasoning model not measured).
 *
 * @example
 * reasoningDefaultFor({ modelId: 'gpt-oss-120b' })?.reasoningTokensPerRequest.mixed; // 545
 * reasoningDefaultFor({ offeringId: 'openai-gpt-4o' }); // null
 */
export function reasoningDefaultFor(key: { modelId?: string | null; offeringId?: string }): ReasoningDefault | null {
  const { modelId, offeringId } = key;
  if (offeringId !== undefined) {
    const byOffering = REASONING_DEFAULTS.find((d) => d.offeringIds.includes(offeringId));
    if (byOffering) return byOffering;
  }
  if (modelId === undefined || modelId === null) return null;
  return REASONING_DEFAULTS.find((d) => d.modelIds.includes(modelId)) ?? null;
}

/** How a candidate's reasoning tokens are chosen: the default rule, none, the measured figure even when opt-in, or a number. */
export type ReasoningSetting = 'auto' | 'none' | 'measured' | number;

export interface ResolvedReasoning {
  reasoningTokensPerRequest: number;
  /** `request`: a number given; `none`: asked for none; `default`: the sourced default; `opt-in`: the model reasons only when asked; `no-default`: no sourced figure for this model. */
  basis: 'request' | 'none' | 'default' | 'opt-in' | 'no-default';
  /** The sourced record consulted (for `default`, `opt-in`), else null. */
  record: ReasoningDefault | null;
}

/**
 * Reasoning tokens per request for a candidate:
 * - a number: that number; `none`: 0;
 * - `auto`: the record's figure for `profile` when the model reasons by default, 0 when reasoning
 *   is opt-in (`opt-in`) or no record applies (`no-default`);
 * - `measured`: the record's figure even for opt-in reasoning (0, `no-default`, without a record).
 *
 * @example
 * resolveReasoning('auto', reasoningDefaultFor({ offeringId: 'openai-gpt-5' }), 'mixed').reasoningTokensPerRequest; // 2106
 * resolveReasoning('auto', reasoningDefaultFor({ offeringId: 'anthropic-claude-sonnet-4-0' }), 'mixed').basis; // 'opt-in'
 */
export function resolveReasoning(setting: ReasoningSetting, record: ReasoningDefault | null, profile: ReasoningProfile): ResolvedReasoning {
  if (typeof setting === 'number') return { reasoningTokensPerRequest: setting, basis: 'request', record: null };
  if (setting === 'none') return { reasoningTokensPerRequest: 0, basis: 'none', record: null };
  if (record === null) return { reasoningTokensPerRequest: 0, basis: 'no-default', record: null };
  if (setting === 'auto' && !record.reasonsByDefault) return { reasoningTokensPerRequest: 0, basis: 'opt-in', record };
  return { reasoningTokensPerRequest: record.reasoningTokensPerRequest[profile], basis: 'default', record };
}
