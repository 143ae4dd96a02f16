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

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * OWASP's rule against CSV (formula) injection: a text cell starting with `=`, `+`, `-`, `@`, tab
 * or carriage return gets a leading single quote, so Excel, LibreOffice and Google Sheets show it
 * as text instead of evaluating it. Example: `neutraliseCell('=1+1')` → `"'=1+1"`. Numbers are not
 * text cells and are written as they are (a negative number stays a number). Quoting of `"`, `,`
 * and line breaks is csv-stringify's job. https://owasp.org/www-community/attacks/CSV_Injection
 */
export function neutraliseCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180 CSV lines; empty cells for null, booleans as true/false, text cells neutralised (`neutraliseCell`). */
export function csvLines(rows: readonly (readonly Cell[])[]): string {
  return stringify(
    rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'string' ? neutraliseCell(v) : v))),
    { cast: { boolean: (b) => String(b) } },
  );
}

/** CSV with a header line. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvLines([header, ...rows]);
}
