import { stringify } from 'csv-stringify/sync';
import type { BreakEvenEntry, CandidateResult, ComparisonResult } from '../services/comparison.js';

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
  'gpusPerReplica',
  'replicas',
  'outputTokensPerSecondPerUser',
  'bottleneck',
  'outputTokensPerSecondPerReplica',
  'breakEvenVsIndex',
  'breakEvenVs',
  'breakEvenOutcome',
  'breakEvenMonthlyTokens',
  'breakEvenPaybackMonths',
] as const;

/**
 * The break-even pair a CSV row reports: for a self-host row, its pair with the cheapest costed
 * API candidate; for an API row, its pair with the cheapest costed self-host candidate (lowest
 * monthly cost, first on a tie). Null when there is no such pair (excluded candidate, no candidate
 * of the other kind).
 */
export function rowBreakEven(r: CandidateResult, result: Pick<ComparisonResult, 'results' | 'breakEven'>): BreakEvenEntry | null {
  if (r.excluded !== null) return null;
  const otherType = r.type === 'self-host' ? 'api' : 'self-host';
  let other: CandidateResult | null = null;
  for (const c of result.results) {
    if (c.type !== otherType || c.monthlyCostUsd === null) continue;
    if (other === null || c.monthlyCostUsd < (other.monthlyCostUsd as number)) other = c;
  }
  if (other === null) return null;
  const [s, a] = r.type === 'self-host' ? [r.index, other.index] : [other.index, r.index];
  return result.breakEven.find((e) => e.selfHostIndex === s && e.apiIndex === a) ?? null;
}

export function resultRow(
  r: CandidateResult,
  result: Pick<ComparisonResult, 'results' | 'breakEven'>,
): (string | number | boolean | null)[] {
  const d = (r.detail ?? {}) as { throughput?: { outputTokensPerSecondPerReplica?: number } };
  const be = rowBreakEven(r, result);
  const vsIndex = be === null ? null : r.type === 'self-host' ? be.apiIndex : be.selfHostIndex;
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
    r.gpus,
    r.gpusPerReplica,
    r.replicas,
    r.outputTokensPerSecondPerUser,
    r.bottleneck,
    d.throughput?.outputTokensPerSecondPerReplica ?? null,
    vsIndex,
    be === null ? null : r.type === 'self-host' ? be.api : be.selfHost,
    be?.outcome ?? null,
    be?.monthlyTokens ?? null,
    be?.paybackMonths ?? null,
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
