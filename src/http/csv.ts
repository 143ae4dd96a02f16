import { stringify } from 'csv-stringify/sync';
import type { CandidateResult } from '../services/comparison.js';

/** Columns of the comparison results table as CSV (one row per candidate). */
export const RESULT_COLUMNS = [
  'index',
  'label',
  'type',
  'excluded',
  'fits',
  'monthlyCostUsd',
  'inputUsdPerMtok',
  'outputUsdPerMtok',
  'blendedUsdPerMtok',
  'gpus',
  'replicas',
  'outputTokensPerSecondPerReplica',
] as const;

export function resultRow(r: CandidateResult): (string | number | boolean | null)[] {
  const d = (r.detail ?? {}) as { gpus?: number | null; replicas?: number | null; throughput?: { outputTokensPerSecondPerReplica?: number } };
  return [
    r.index,
    r.label,
    r.type,
    r.excluded?.reason ?? '',
    r.fits,
    r.monthlyCostUsd,
    r.usdPerMtok.input,
    r.usdPerMtok.output,
    r.usdPerMtok.blended,
    d.gpus ?? null,
    d.replicas ?? null,
    d.throughput?.outputTokensPerSecondPerReplica ?? null,
  ];
}

/** RFC 4180 CSV with a header line; empty cells for null. */
export function toCsv(header: readonly string[], rows: (string | number | boolean | null)[][]): string {
  return stringify([header as string[], ...rows.map((row) => row.map((v) => (v === null ? '' : v)))], {
    cast: { boolean: (b) => String(b) },
  });
}
