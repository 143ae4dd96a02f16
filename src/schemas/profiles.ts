import { z } from 'zod';
import {
  type ApiOffering,
  ARCHITECTURES,
  type HardwareProfile,
  type ModelProfile,
  OFFERING_KINDS,
  WEIGHT_PRECISIONS,
} from '../domain/profiles.js';
import { asOfSchema, nonNegative, nonNegativeInt, positive, positiveInt, slugSchema, urlSchema } from './common.js';

/**
 * zod schemas of the three profile kinds. Each kind is described once by its fields — required,
 * nullable (may be omitted on create, then null) and flags (booleans defaulting to false) — and a
 * cross-field check; the create, replace, patch and response schemas are derived from that.
 */
type Shape = Record<string, z.ZodType>;
type NullableShape<S extends Shape> = { [K in keyof S]: z.ZodNullable<S[K]> };
type OptionalShape<S extends Shape> = { [K in keyof S]: z.ZodOptional<S[K]> };
type FlagShape<F extends Record<string, string>> = { [K in keyof F]: z.ZodBoolean };

/**
 * The schemas of one profile kind; `complete` parses a whole record (without the stored
 * bookkeeping `version`, `createdAt`, `updatedAt`) and `response` a stored one.
 */
export interface ProfileKindSchemas {
  create: z.ZodObject;
  replace: z.ZodObject;
  patch: z.ZodObject;
  response: z.ZodObject;
  /** Values given to omitted nullable fields and flags. */
  defaults: Record<string, null | boolean | number>;
  /** Cross-field rules, run on a complete record (create, replace, and a patch merged with the stored record). */
  check: (record: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  /** Complete-record schema (with the cross-field check) used to validate merged patches and seed data. */
  complete: z.ZodType<Record<string, unknown>>;
}

const metaFields = {
  source: urlSchema.describe('URL of the primary source of the figures.'),
  asOf: asOfSchema.describe('Date of the source.'),
};
const notesField = { notes: z.string().max(4000).describe('Free-text notes: caveats, other sources.') };

// Each field schema wrapped the same way; Object.fromEntries cannot carry the per-key types, hence `as`.
const nullables = <S extends Shape>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.nullable()])) as NullableShape<S>;
const optionals = <S extends Shape>(shape: S) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as OptionalShape<S>;
const booleans = <F extends Record<string, string>>(flags: F) =>
  Object.fromEntries(Object.entries(flags).map(([k, d]) => [k, z.boolean().describe(d)])) as FlagShape<F>;

/**
 * One profile kind from its fields — `required`, `nullable` (may be omitted on create, then
 * null), `flags` (booleans defaulting to false) — and its cross-field `check`: the create,
 * replace, patch, complete-record and response schemas, and the defaults of omitted fields.
 */
function defineKind<R extends Shape, N extends Shape, F extends Record<string, string>>(
  name: string,
  required: R,
  nullable: N,
  flags: F,
  check: (r: Record<string, unknown>, ctx: z.RefinementCtx) => void,
  example: Record<string, unknown>,
) {
  const flagShape = booleans(flags);
  const nullableShape = nullables({ ...nullable, ...notesField });
  const writableShape = { ...metaFields, ...required, ...optionals(nullableShape), ...optionals(flagShape) };
  const bodyExample = Object.fromEntries(Object.entries(example).filter(([k]) => k !== 'id'));
  const create = z
    .object({ id: slugSchema.describe('Readable unique id (slug).'), ...writableShape })
    .strict()
    .superRefine((r, ctx) => check(r, ctx))
    .meta({ id: `${name}Create`, examples: [example] });
  const replace = z
    .object({ id: slugSchema.optional().describe('If given, must equal the id in the path.'), ...writableShape })
    .strict()
    .superRefine((r, ctx) => check(r, ctx))
    .meta({ id: `${name}Replace`, examples: [bodyExample] });
  const patch = z
    .object({ ...metaFields, ...required, ...nullableShape, ...flagShape })
    .partial()
    .strict()
    .meta({ id: `${name}Patch`, examples: [{ notes: 'Re-checked against the vendor datasheet.' }] });
  const completeShape = { id: slugSchema, ...metaFields, ...required, ...nullableShape, ...flagShape };
  const stored = { ...example, version: 1, createdAt: '2026-11-27T00:00:00.000Z', updatedAt: '2026-11-27T00:00:00.000Z' };
  const response = z
    .object({
      ...completeShape,
      version: z.number().int().describe('Incremented on every write; also sent as the ETag header.'),
      createdAt: z.string().describe('ISO 8601 timestamp.'),
      updatedAt: z.string().describe('ISO 8601 timestamp.'),
    })
    .meta({ id: name, examples: [stored] });
  const complete = z
    .object(completeShape)
    .strict()
    .superRefine((r, ctx) => check(r, ctx));
  const defaults: Record<string, null | boolean> = {};
  for (const k of Object.keys(nullableShape)) defaults[k] = null;
  for (const k of Object.keys(flags)) defaults[k] = false;
  return { create, replace, patch, response, defaults, check, complete } satisfies ProfileKindSchemas;
}

function issue(ctx: z.RefinementCtx, path: string, message: string): void {
  ctx.addIssue({ code: 'custom', path: [path], message });
}

const nonNegativeCapex = nonNegative(10_000_000);
const tflops = positive(1_000_000).describe('Dense peak TFLOPS per GPU (no 2:4 sparsity).');

export const hardwareSchemas = defineKind(
  'Hardware',
  {
    name: z.string().min(1).max(200),
    vendor: z.string().min(1).max(100),
    memoryGb: positive(10_000).describe('Accelerator memory per GPU, decimal GB.'),
    memoryBandwidthTBps: positive(1_000).describe('Memory bandwidth per GPU, TB/s.'),
  },
  {
    tflopsBf16: tflops,
    tflopsFp8: tflops,
    tflopsFp4: tflops,
    tdpWatts: positive(100_000).describe('Board power per GPU, W.'),
    interconnect: z.string().min(1).max(100).describe('Scale-up link, e.g. "NVLink 4" or "PCIe Gen5".'),
    interconnectGBps: positive(100_000).describe('Scale-up bandwidth per GPU, GB/s.'),
    usdPerGpuHour: positive(1_000).describe('Representative on-demand cloud price, USD per GPU-hour.'),
    cloudPriceSource: urlSchema.describe('Source of usdPerGpuHour.'),
    purchaseUsdPerGpu: positive(10_000_000).describe('Purchase price per GPU, USD.'),
    purchasePriceSource: urlSchema.describe('Source of purchaseUsdPerGpu.'),
    platformCapexUsdPerGpu: nonNegativeCapex.describe(
      "Owned: server, network and storage share per GPU, USD (all-in capital cost minus the GPU price). Null: the hardware class's sourced default, if any (docs/cost-model.md, All-in capital cost).",
    ),
    platformCapexSource: urlSchema.describe('Source of platformCapexUsdPerGpu.'),
  },
  { vendorClaim: 'True when figures are vendor claims (unreleased or unmeasured), discounted by a realisation factor.' },
  (r, ctx) => {
    if (r.tflopsBf16 == null && r.tflopsFp8 == null && r.tflopsFp4 == null) {
      issue(ctx, 'tflopsBf16', 'at least one of tflopsBf16, tflopsFp8, tflopsFp4 is needed to estimate compute');
    }
    if (r.usdPerGpuHour != null && r.cloudPriceSource == null) issue(ctx, 'cloudPriceSource', 'required when usdPerGpuHour is set');
    if (r.purchaseUsdPerGpu != null && r.purchasePriceSource == null) {
      issue(ctx, 'purchasePriceSource', 'required when purchaseUsdPerGpu is set');
    }
    if (r.platformCapexUsdPerGpu != null && r.platformCapexSource == null) {
      issue(ctx, 'platformCapexSource', 'required when platformCapexUsdPerGpu is set');
    }
  },
  {
    id: 'nvidia-h100-sxm',
    name: 'H100 SXM5 80GB',
    vendor: 'NVIDIA',
    memoryGb: 80,
    memoryBandwidthTBps: 3.35,
    tflopsBf16: 989,
    tflopsFp8: 1979,
    tflopsFp4: null,
    tdpWatts: 700,
    interconnect: 'NVLink 4',
    interconnectGBps: 900,
    usdPerGpuHour: 2.69,
    cloudPriceSource: 'https://huggingface.co/datasets/600me/gpu-cloud-h100-a100-pricing-benchmark',
    purchaseUsdPerGpu: 30000,
    purchasePriceSource: 'https://huggingface.co/blog/',
    platformCapexUsdPerGpu: null,
    platformCapexSource: null,
    vendorClaim: false,
    source: 'https://www.nvidia.com/en-us/data-center/h100/',
    asOf: '2026-10-19',
    notes: null,
  },
);

const precision = z.enum(WEIGHT_PRECISIONS);

export const modelSchemas = defineKind(
  'Model',
  {
    name: z.string().min(1).max(200),
    family: z.string().min(1).max(100),
    vendor: z.string().min(1).max(100),
    license: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9.+-]+$/, 'must be an SPDX licence id (e.g. Apache-2.0) or "custom"')
      .describe('SPDX licence id, or "custom" for a vendor licence (name it in licenseName).'),
    architecture: z.enum(ARCHITECTURES).describe('dense, moe (mixture of experts) or hybrid (SSM/attention mix).'),
    totalParamsB: positive(100_000).describe('Total parameters, billions.'),
    activeParamsB: positive(100_000).describe('Parameters active per token, billions (equal to total for dense).'),
    numLayers: positiveInt(10_000),
    numAttentionLayers: positiveInt(10_000).describe('Layers with attention (a KV cache); fewer than numLayers for hybrids.'),
    numSlidingWindowLayers: nonNegativeInt(10_000).describe('Attention layers with a sliding or chunked window.'),
    numKvHeads: positiveInt(10_000),
    headDim: positiveInt(100_000),
    hiddenSize: positiveInt(1_000_000),
    nativeContextTokens: positiveInt(100_000_000),
    nativeWeightPrecision: precision,
  },
  {
    licenseName: z.string().min(1).max(200),
    slidingWindowTokens: positiveInt(100_000_000).describe('Window of the sliding/chunked layers, tokens.'),
    globalNumKvHeads: positiveInt(10_000).describe('KV heads of full-attention layers where they differ.'),
    globalHeadDim: positiveInt(100_000).describe('Head dim of full-attention layers where it differs.'),
    kvLatentDim: positiveInt(1_000_000).describe('MLA: elements cached per token per attention layer.'),
    ssmStateElementsPerLayer: positiveInt(1_000_000_000).describe('Fixed recurrent state per sequence per non-attention layer, elements.'),
    numExperts: positiveInt(100_000),
    numExpertsActive: positiveInt(100_000),
    numSharedExperts: nonNegativeInt(100_000),
    nonExpertWeightPrecision: precision.describe('Precision of non-expert weights where the checkpoint is mixed.'),
  },
  {
    iso42001Certified: 'True where the model is covered by an ISO/IEC 42001 certification (source in notes).',
    estimate: 'True when some figures are derived or estimated (see notes).',
  },
  (r, ctx) => {
    const n = (k: string) => r[k] as number | null | undefined;
    if ((n('activeParamsB') ?? 0) > (n('totalParamsB') ?? Infinity)) issue(ctx, 'activeParamsB', 'must not exceed totalParamsB');
    if ((n('numAttentionLayers') ?? 0) > (n('numLayers') ?? Infinity)) issue(ctx, 'numAttentionLayers', 'must not exceed numLayers');
    if ((n('numSlidingWindowLayers') ?? 0) > (n('numAttentionLayers') ?? Infinity)) {
      issue(ctx, 'numSlidingWindowLayers', 'must not exceed numAttentionLayers');
    }
    if ((n('numSlidingWindowLayers') ?? 0) > 0 && n('slidingWindowTokens') == null) {
      issue(ctx, 'slidingWindowTokens', 'required when numSlidingWindowLayers > 0');
    }
    if (r.architecture === 'moe' && (n('numExperts') == null || n('numExpertsActive') == null)) {
      issue(ctx, 'numExperts', 'numExperts and numExpertsActive are required for a moe model');
    }
    if (n('numExpertsActive') != null && n('numExperts') != null && (n('numExpertsActive') as number) > (n('numExperts') as number)) {
      issue(ctx, 'numExpertsActive', 'must not exceed numExperts');
    }
    if (r.architecture === 'hybrid') {
      if ((n('numAttentionLayers') ?? 0) >= (n('numLayers') ?? 0)) {
        issue(ctx, 'numAttentionLayers', 'a hybrid model has fewer attention layers than layers');
      }
      if (n('ssmStateElementsPerLayer') == null) issue(ctx, 'ssmStateElementsPerLayer', 'required for a hybrid model');
    }
    if (r.license === 'custom' && r.licenseName == null) issue(ctx, 'licenseName', 'required when license is "custom"');
  },
  {
    id: 'gemma-4-26b-a4b',
    name: 'Gemma 4 26B A4B',
    family: 'Gemma 4',
    vendor: 'Google',
    license: 'Apache-2.0',
    licenseName: null,
    iso42001Certified: false,
    architecture: 'moe',
    totalParamsB: 25.2,
    activeParamsB: 3.8,
    numLayers: 30,
    numAttentionLayers: 30,
    numSlidingWindowLayers: 25,
    slidingWindowTokens: 1024,
    numKvHeads: 8,
    headDim: 256,
    globalNumKvHeads: 2,
    globalHeadDim: 512,
    kvLatentDim: null,
    ssmStateElementsPerLayer: null,
    hiddenSize: 2816,
    numExperts: 128,
    numExpertsActive: 8,
    numSharedExperts: 1,
    nativeContextTokens: 262144,
    nativeWeightPrecision: 'bf16',
    nonExpertWeightPrecision: null,
    estimate: false,
    source: 'https://github.com/AI-Hypercomputer/maxtext',
    asOf: '2026-08-22',
    notes: null,
  },
);

const usdPerMtok = nonNegative(100_000).describe('USD per million tokens.');

export const apiOfferingSchemas = defineKind(
  'ApiOffering',
  {
    provider: z.string().min(1).max(100),
    modelName: z.string().min(1).max(200).describe("The provider's model id."),
    kind: z.enum(OFFERING_KINDS).describe('closed (proprietary model) or hosted-open-weight.'),
    inputUsdPerMtok: usdPerMtok,
    outputUsdPerMtok: usdPerMtok,
    batchDiscountFraction: z.number().min(0).max(0.99).describe('Fraction off with the batch API (0.5 = half price); 0 if none.'),
  },
  {
    modelId: slugSchema.describe('Model profile id served (hosted open-weight offerings).'),
    contextWindowTokens: positiveInt(100_000_000),
    cachedInputUsdPerMtok: usdPerMtok.describe('Price of cache-hit input tokens, USD per million.'),
    longContextThresholdTokens: positiveInt(100_000_000).describe(
      'Requests with more input tokens than this are billed at the long-context prices.',
    ),
    longContextInputUsdPerMtok: usdPerMtok,
    longContextCachedInputUsdPerMtok: usdPerMtok,
    longContextOutputUsdPerMtok: usdPerMtok,
  },
  { estimate: 'True when prices are estimates rather than list prices.' },
  (r, ctx) => {
    const tier = ['longContextInputUsdPerMtok', 'longContextOutputUsdPerMtok'];
    if (r.longContextThresholdTokens != null) {
      for (const k of tier) if (r[k] == null) issue(ctx, k, 'required when longContextThresholdTokens is set');
    } else {
      for (const k of [...tier, 'longContextCachedInputUsdPerMtok']) {
        if (r[k] != null) issue(ctx, k, 'needs longContextThresholdTokens');
      }
    }
  },
  {
    id: 'google-gemini-2.5-pro',
    provider: 'Google',
    modelName: 'gemini-2.5-pro',
    kind: 'closed',
    modelId: null,
    contextWindowTokens: 1048576,
    inputUsdPerMtok: 1.25,
    cachedInputUsdPerMtok: 0.125,
    outputUsdPerMtok: 10,
    batchDiscountFraction: 0.5,
    longContextThresholdTokens: 200000,
    longContextInputUsdPerMtok: 2.5,
    longContextCachedInputUsdPerMtok: 0.25,
    longContextOutputUsdPerMtok: 15,
    estimate: false,
    source: 'https://github.com/pydantic/genai-prices/blob/47df840a5ab10bbcffb8e5ac01b9899032245d1b/prices/providers/google.yml',
    asOf: '2026-08-21',
    notes: null,
  },
);

/**
 * One definition per profile shape: the domain types (src/domain/profiles.ts) are the definition
 * and these schemas must describe exactly them. Adding, removing or retyping a field on one side
 * only fails `npm run typecheck` here (and in the repository, which checks the Prisma rows).
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type StoredFields = 'version' | 'createdAt' | 'updatedAt';
const schemasMatchDomain: {
  hardware: [
    Same<z.output<typeof hardwareSchemas.complete>, Omit<HardwareProfile, StoredFields>>,
    Same<z.output<typeof hardwareSchemas.response>, HardwareProfile>,
  ];
  model: [
    Same<z.output<typeof modelSchemas.complete>, Omit<ModelProfile, StoredFields>>,
    Same<z.output<typeof modelSchemas.response>, ModelProfile>,
  ];
  apiOffering: [
    Same<z.output<typeof apiOfferingSchemas.complete>, Omit<ApiOffering, StoredFields>>,
    Same<z.output<typeof apiOfferingSchemas.response>, ApiOffering>,
  ];
} = { hardware: [true, true], model: [true, true], apiOffering: [true, true] };
void schemasMatchDomain;
