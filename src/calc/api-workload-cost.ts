/**
 * Monthly cost of a workload on a per-token API.
 */
import type { ApiOfferingSpec } from '../domain/profiles.js';
import { CalcInputError } from './errors.js';
import { optional, requireFraction, requireNonNegative } from './input-checks.js';
import type { CalcWarning } from './warnings.js';
import { warning } from './warnings.js';
import type { ResolvedWorkload, Workload } from './workload.js';
import { resolveWorkload } from './workload.js';

/** The fields of an API offering the core reads. */
export type ApiPricing = Pick<
  ApiOfferingSpec,
  | 'modelName'
  | 'contextWindowTokens'
  | 'inputUsdPerMtok'
  | 'cachedInputUsdPerMtok'
  | 'outputUsdPerMtok'
  | 'batchDiscountFraction'
  | 'longContextThresholdTokens'
  | 'longContextInputUsdPerMtok'
  | 'longContextCachedInputUsdPerMtok'
  | 'longContextOutputUsdPerMtok'
> & {
  /**
   * Hidden reasoning tokens the model generates per request on top of the workload's visible
   * output tokens (docs/capacity.md §6); billed as output tokens. Default 0.
   */
  reasoningTokensPerRequest?: number;
};

/**
 * Output tokens billed per visible output token: (visible + reasoning) ÷ visible per request.
 *
 * @example
 * reasoningOutputMultiplier(400, 545); // (400 + 545) / 400 = 2.3625
 */
export function reasoningOutputMultiplier(visibleOutputTokensPerRequest: number, reasoningTokensPerRequest: number | undefined): number {
  return (visibleOutputTokensPerRequest + (reasoningTokensPerRequest ?? 0)) / visibleOutputTokensPerRequest;
}

export interface ApiPricesApplied {
  inputUsdPerMtok: number;
  /** The cache-hit price; equals the input price where the offering has no caching price. */
  cachedInputUsdPerMtok: number;
  outputUsdPerMtok: number;
  /** 1 − batchShare × batchDiscountFraction. */
  batchMultiplier: number;
  /** True when the request input exceeds longContextThresholdTokens. */
  longContextTier: boolean;
}

export interface ApiWorkloadCost {
  modelName: string;
  workload: ResolvedWorkload;
  prices: ApiPricesApplied;
  uncachedInputUsdPerMonth: number;
  cachedInputUsdPerMonth: number;
  outputUsdPerMonth: number;
  /** Sum of the three, after the batch discount. */
  totalUsdPerMonth: number;
  /** Input cost (cached and uncached) ÷ input Mtok; null when there is no input. */
  inputUsdPerMtok: number | null;
  outputUsdPerMtok: number;
  /** Total ÷ (input + output) Mtok. */
  blendedUsdPerMtok: number;
  warnings: CalcWarning[];
}

function validateOffering(o: ApiPricing): void {
  requireNonNegative('offering.inputUsdPerMtok', o.inputUsdPerMtok);
  requireNonNegative('offering.outputUsdPerMtok', o.outputUsdPerMtok);
  optional(requireNonNegative, 'offering.cachedInputUsdPerMtok', o.cachedInputUsdPerMtok);
  requireFraction('offering.batchDiscountFraction', o.batchDiscountFraction);
  optional(requireNonNegative, 'offering.longContextThresholdTokens', o.longContextThresholdTokens);
  optional(requireNonNegative, 'offering.longContextInputUsdPerMtok', o.longContextInputUsdPerMtok);
  optional(requireNonNegative, 'offering.longContextCachedInputUsdPerMtok', o.longContextCachedInputUsdPerMtok);
  optional(requireNonNegative, 'offering.longContextOutputUsdPerMtok', o.longContextOutputUsdPerMtok);
  optional(requireNonNegative, 'offering.reasoningTokensPerRequest', o.reasoningTokensPerRequest);
  if (o.contextWindowTokens !== null && !(o.contextWindowTokens > 0)) {
    throw new CalcInputError('offering.contextWindowTokens', 'must be greater than 0');
  }
}

/**
 * Prices that apply to a workload: the long-context tier when the typical request input exceeds
 * `longContextThresholdTokens` (tier prices missing in the profile fall back to base prices),
 * the cache price or else the input price, and the batch multiplier.
 *
 * @example
 * // Gemini 2.5 Pro, 250,000-token prompts: tier applies → 2.50 / 0.25 / 15
 * apiPricesFor(gemini25Pro, workload).inputUsdPerMtok; // 2.5
 */
export function apiPricesFor(offering: ApiPricing, workload: ResolvedWorkload): ApiPricesApplied {
  const longContextTier =
    offering.longContextThresholdTokens !== null && workload.inputTokensPerRequest > offering.longContextThresholdTokens;
  const input = longContextTier ? (offering.longContextInputUsdPerMtok ?? offering.inputUsdPerMtok) : offering.inputUsdPerMtok;
  const cachedBase = offering.cachedInputUsdPerMtok ?? offering.inputUsdPerMtok;
  const cached = longContextTier
    ? (offering.longContextCachedInputUsdPerMtok ?? (offering.cachedInputUsdPerMtok === null ? input : cachedBase))
    : cachedBase;
  const output = longContextTier ? (offering.longContextOutputUsdPerMtok ?? offering.outputUsdPerMtok) : offering.outputUsdPerMtok;
  return {
    inputUsdPerMtok: input,
    cachedInputUsdPerMtok: cached,
    outputUsdPerMtok: output,
    batchMultiplier: 1 - workload.batchShare * offering.batchDiscountFraction,
    longContextTier,
  };
}

/**
 * Monthly cost of a workload on an API, USD:
 *   batchMultiplier × [uncached input Mtok × input price + cached input Mtok × cached price
 *                      + output Mtok × output price]
 * with batchMultiplier = 1 − batchShare × batchDiscountFraction (the discount applies to all
 * token kinds, as OpenAI, Anthropic and Google batch APIs do). Linear in volume. A reasoning
 * model's hidden reasoning tokens are billed as output: output Mtok = visible output Mtok ×
 * (visible + reasoningTokensPerRequest) ÷ visible per request; per-Mtok figures stay per
 * visible token.
 *
 * @throws {CalcInputError} for an invalid workload (`workload.*`) or negative prices (`offering.*`).
 * @example
 * // GPT-5 ($1.25 / $0.125 / $10), 3e9 input (20 % cached) + 1e9 output, no batch:
 * // 2400 × 1.25 + 600 × 0.125 + 1000 × 10 = 3000 + 75 + 10000 = $13,075 per month
 * apiWorkloadCost(gpt5, { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9,
 *   inputTokensPerRequest: 1500, outputTokensPerRequest: 500, cachedInputShare: 0.2 }).totalUsdPerMonth; // 13075
 */
export function apiWorkloadCost(offering: ApiPricing, workload: Workload): ApiWorkloadCost {
  validateOffering(offering);
  const w = resolveWorkload(workload);
  const prices = apiPricesFor(offering, w);
  const inputMtok = w.inputTokensPerMonth / 1e6;
  const cachedMtok = inputMtok * w.cachedInputShare;
  const uncachedMtok = inputMtok - cachedMtok;
  const outputMtok = w.outputTokensPerMonth / 1e6;
  const billedOutputMtok = outputMtok * reasoningOutputMultiplier(w.outputTokensPerRequest, offering.reasoningTokensPerRequest);
  const uncachedInputUsdPerMonth = prices.batchMultiplier * uncachedMtok * prices.inputUsdPerMtok;
  const cachedInputUsdPerMonth = prices.batchMultiplier * cachedMtok * prices.cachedInputUsdPerMtok;
  const outputUsdPerMonth = prices.batchMultiplier * billedOutputMtok * prices.outputUsdPerMtok;
  const totalUsdPerMonth = uncachedInputUsdPerMonth + cachedInputUsdPerMonth + outputUsdPerMonth;
  const warnings: CalcWarning[] = [];
  const contextTokens = w.inputTokensPerRequest + w.outputTokensPerRequest + (offering.reasoningTokensPerRequest ?? 0);
  if (offering.contextWindowTokens !== null && contextTokens > offering.contextWindowTokens) {
    warnings.push(
      warning(
        'api-context-exceeded',
        `${contextTokens} tokens per request exceed ${offering.modelName}'s context window of ${offering.contextWindowTokens}`,
      ),
    );
  }
  return {
    modelName: offering.modelName,
    workload: w,
    prices,
    uncachedInputUsdPerMonth,
    cachedInputUsdPerMonth,
    outputUsdPerMonth,
    totalUsdPerMonth,
    inputUsdPerMtok: inputMtok > 0 ? (uncachedInputUsdPerMonth + cachedInputUsdPerMonth) / inputMtok : null,
    outputUsdPerMtok: outputUsdPerMonth / outputMtok,
    blendedUsdPerMtok: totalUsdPerMonth / (inputMtok + outputMtok),
    warnings,
  };
}
