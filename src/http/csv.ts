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
  const d = (r.detail ?? {}) as {
    gpus?: number | null;
    replicas?: number | null;
    throughput?: { outputTokensPerSecondPerReplica?: number };
  };
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

type Cell = string | number | boolean | null;

/** RFC 4180 CSV lines; empty cells for null, booleans as true/false. */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((row) => row.map((v) => (v === null ? '' : v))),
    { cast: { boolean: (b) => String(b) } },
  );
}

/** CSV with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvLines([header, ...rows]);
}
