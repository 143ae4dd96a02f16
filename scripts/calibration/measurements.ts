/**
 * Loads the calibration measurements: data/calibration/measurements.json plus every
 * data/calibration/incoming/*.json (one file per source, same row schema, each row naming its
 * `sourceGroup`). Every row is checked against the schema; rows that fail, and rows whose id was
 * already loaded, are set aside with the reason (the caller prints them) instead of stopping the
 * run. Each row gets a source group — the whole table, vendor page or benchmark round it comes
 * from — used by leave-one-source-out validation.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { z } from 'zod';
import { WEIGHT_PRECISIONS } from '../../src/domain/profiles.js';

export const MEASUREMENTS_FILE = 'data/calibration/measurements.json';
export const INCOMING_DIR = 'data/calibration/incoming';

export const REGIMES = ['batch1', 'concurrency', 'max-throughput'] as const;
export type Regime = (typeof REGIMES)[number];

const nullablePositiveInt = z.number().int().positive().nullable();

/** One published measurement. Unknown extra fields are kept (sources may add context). */
export const measurementRowSchema = z.looseObject({
  id: z.string().min(1),
  model: z.string().min(1),
  hardware: z.string().min(1),
  gpus: z.number().int().positive(),
  tensorParallel: nullablePositiveInt,
  weightPrecision: z.enum(WEIGHT_PRECISIONS),
  kvCachePrecision: z.enum(['bf16', 'fp8']).nullable(),
  engine: z.string().min(1),
  regime: z.enum(REGIMES),
  concurrency: nullablePositiveInt,
  inputTokens: z.number().positive().nullable(),
  outputTokens: z.number().positive().nullable(),
  metric: z.enum(['output-tokens-per-second-total', 'output-tokens-per-second-per-user', 'total-tokens-per-second-total']),
  value: z.number().positive(),
  perGpu: z.boolean(),
  speculativeDecoding: z.boolean().optional(),
  /** Mean tokens emitted per target-model step with speculative decoding / MTP, when published. */
  acceptanceLength: z.number().min(1).optional(),
  source: z.string().url(),
  asOf: z.string().min(4),
  notes: z.string(),
  sourceGroup: z.string().min(1).optional(),
  modelShape: z
    .object({
      name: z.string(),
      totalParamsB: z.number().positive(),
      numLayers: z.number().int().positive(),
      numKvHeads: z.number().int().positive(),
      headDim: z.number().int().positive(),
      hiddenSize: z.number().int().positive(),
    })
    .optional(),
});

export type MeasurementRow = z.infer<typeof measurementRowSchema>;

export interface LoadedRow extends MeasurementRow {
  sourceGroup: string;
  /** File the row came from, relative to the repository root. */
  file: string;
}

export interface RejectedRow {
  file: string;
  id: string;
  reason: string;
}

/**
 * The source group of a row: its explicit `sourceGroup`, else one derived from its source URL —
 * - MLCommons results repositories → the round (`MLPerf Inference v5.1`), all submitters together;
 * - GPUStack performance lab → the model's folder (one lab page per model);
 * - other GitHub files → repository + path, without the commit (every version of one page is one
 *   source: the TensorRT-LLM perf-overview at v0.17 and at v1.0 is the same vendor table);
 * - anything else → host + path.
 *
 * @example
 * sourceGroupOf({ source: 'https://github.com/mlcommons/inference_results_v4.1/blob/a2f5/closed/AMD/x.txt' });
 * // 'MLPerf Inference v4.1'
 */
export function sourceGroupOf(row: Pick<MeasurementRow, 'source' | 'sourceGroup'>): string {
  if (row.sourceGroup) return row.sourceGroup;
  const url = new URL(row.source);
  const round = /mlcommons\/inference_results_(v[\d.]+)/.exec(url.pathname);
  if (round) return `MLPerf Inference ${round[1]}`;
  const gh = /^\/([^/]+\/[^/]+)\/(?:blob|tree)\/[^/]+\/(.+)$/.exec(url.pathname);
  if (url.hostname === 'github.com' && gh) {
    const [, repo, path] = gh as unknown as [string, string, string];
    if (/gpustack\/gpustack/i.test(repo)) return `${repo}:${posix.dirname(path)}`;
    return `${repo}:${path}`;
  }
  return `${url.hostname}${url.pathname}`.replace(/\/$/, '');
}

function readRows(root: string, file: string, rows: LoadedRow[], rejected: RejectedRow[], seen: Set<string>, requireGroup: boolean) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(root, file), 'utf8'));
  } catch (err) {
    rejected.push({ file, id: '(file)', reason: `not readable JSON: ${(err as Error).message}` });
    return;
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { rows?: unknown }).rows;
  if (!Array.isArray(list)) {
    rejected.push({ file, id: '(file)', reason: 'expected an array of rows or an object with a `rows` array' });
    return;
  }
  for (const [i, raw] of list.entries()) {
    const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i}`;
    const result = measurementRowSchema.safeParse(raw);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(row)'}: ${issue.message}`).join('; ');
      rejected.push({ file, id, reason: `schema: ${issues}` });
      continue;
    }
    const row = result.data;
    if (requireGroup && !row.sourceGroup) {
      rejected.push({ file, id, reason: 'sourceGroup missing (required for incoming rows)' });
      continue;
    }
    if (seen.has(row.id)) {
      rejected.push({ file, id, reason: 'duplicate id (an earlier row has it)' });
      continue;
    }
    seen.add(row.id);
    rows.push({ ...row, sourceGroup: sourceGroupOf(row), file });
  }
}

/**
 * Every valid row of measurements.json and of incoming/*.json (files in name order), with the
 * rows set aside and why.
 */
export function loadMeasurements(root: string): { rows: LoadedRow[]; rejected: RejectedRow[]; files: string[] } {
  const rows: LoadedRow[] = [];
  const rejected: RejectedRow[] = [];
  const seen = new Set<string>();
  const files = [MEASUREMENTS_FILE];
  readRows(root, MEASUREMENTS_FILE, rows, rejected, seen, false);
  let incoming: string[] = [];
  try {
    incoming = readdirSync(join(root, INCOMING_DIR))
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    incoming = [];
  }
  for (const f of incoming) {
    const file = `${INCOMING_DIR}/${f}`;
    files.push(file);
    readRows(root, file, rows, rejected, seen, true);
  }
  return { rows, rejected, files };
}
