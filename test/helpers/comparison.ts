/**
 * Helpers for the comparison-API tests (/estimates, /compare, /compare/batch, /scenarios,
 * /projections): independent re-statements of the documented cost formulas, small parsers for
 * the non-JSON representations (CSV, NDJSON, SVG) and problem+json assertions.
 *
 * Nothing here imports the engine: expectations are computed from request inputs and profile
 * fields only, following docs/api.md. `expectRounded` uses the edge's rounding rule
 * (src/http/present.ts, table-tested on its own) on such an independently computed value.
 */
import type { IncomingMessage } from 'node:http';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type supertest from 'supertest';
import { expect } from 'vitest';
import { type RoundingRule, roundByRule } from '../../src/http/present.js';

/** A month is 730 hours (docs/api.md, "Conventions"). */
export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;

export interface WorkloadInput {
  inputTokensPerMonth: number;
  outputTokensPerMonth: number;
  inputTokensPerRequest: number;
  outputTokensPerRequest: number;
  cachedInputShare?: number;
  peakToAverage?: number;
  batchShare?: number;
}

/** 3e9 input + 1e9 output tokens a month, 1,500-in / 500-out requests (the 3:1 mix matches the request shape). */
export const baseWorkload = (overrides: Partial<WorkloadInput> = {}): WorkloadInput => ({
  inputTokensPerMonth: 3e9,
  outputTokensPerMonth: 1e9,
  inputTokensPerRequest: 1500,
  outputTokensPerRequest: 500,
  ...overrides,
});

/** The same workload at another total monthly volume: input and output scaled together. */
export function atVolume(w: WorkloadInput, totalTokensPerMonth: number): WorkloadInput {
  const k = totalTokensPerMonth / (w.inputTokensPerMonth + w.outputTokensPerMonth);
  return { ...w, inputTokensPerMonth: w.inputTokensPerMonth * k, outputTokensPerMonth: w.outputTokensPerMonth * k };
}

export interface OfferingPrices {
  inputUsdPerMtok: number;
  cachedInputUsdPerMtok: number | null;
  outputUsdPerMtok: number;
  batchDiscountFraction: number;
  longContextThresholdTokens?: number | null;
  longContextInputUsdPerMtok?: number | null;
  longContextCachedInputUsdPerMtok?: number | null;
  longContextOutputUsdPerMtok?: number | null;
}

/** The prices that apply (long-context tier when the request input exceeds the threshold). */
export function pricesFor(o: OfferingPrices, w: WorkloadInput): { input: number; cached: number; output: number; tier: boolean } {
  const tier = o.longContextThresholdTokens != null && w.inputTokensPerRequest > o.longContextThresholdTokens;
  if (tier) {
    const input = o.longContextInputUsdPerMtok ?? o.inputUsdPerMtok;
    return {
      input,
      cached: o.longContextCachedInputUsdPerMtok ?? o.cachedInputUsdPerMtok ?? input,
      output: o.longContextOutputUsdPerMtok ?? o.outputUsdPerMtok,
      tier,
    };
  }
  return { input: o.inputUsdPerMtok, cached: o.cachedInputUsdPerMtok ?? o.inputUsdPerMtok, output: o.outputUsdPerMtok, tier };
}

/**
 * API monthly cost, USD: (input × (1 − cached) × inputPrice + input × cached × cachedPrice
 * + output × outputPrice) / 1e6, times 1 − batchShare × batchDiscountFraction.
 */
export function apiMonthlyCost(o: OfferingPrices, w: WorkloadInput): number {
  const p = pricesFor(o, w);
  const cached = w.cachedInputShare ?? 0;
  const raw =
    (w.inputTokensPerMonth * (1 - cached) * p.input + w.inputTokensPerMonth * cached * p.cached + w.outputTokensPerMonth * p.output) / 1e6;
  return raw * (1 - (w.batchShare ?? 0) * o.batchDiscountFraction);
}

/** replicas = max(1, ceil(peak ÷ (replica output tokens/s × utilisation))), peak = output/(730 × 3600) × peakToAverage. */
export function replicasForPeak(w: WorkloadInput, replicaOutputTokensPerSecond: number, utilization: number): number {
  const peak = (w.outputTokensPerMonth / SECONDS_PER_MONTH) * (w.peakToAverage ?? 2);
  return Math.max(1, Math.ceil(peak / (replicaOutputTokensPerSecond * utilization)));
}

/**
 * Relative closeness. Responses round at the edge (src/http/present.ts): money to cents, token
 * counts whole, rates and other derived figures to 4 significant digits (relative error ≤ 5e-4),
 * echoed inputs to 12. Use the default for echoes and exact sums of money; `SHOWN_4SIG` when a
 * relation holds between figures shown to 4 significant digits; `expectRounded` when the exact
 * engine value is known.
 */
export function expectClose(actual: unknown, expected: number, relative = 1e-9): void {
  expect(typeof actual).toBe('number');
  const a = actual as number;
  const scale = Math.max(Math.abs(expected), 1e-12);
  expect(Math.abs(a - expected) / scale, `${a} vs expected ${expected}`).toBeLessThanOrEqual(relative);
}

/** Relative tolerance for a relation between two or three figures each shown to 4 significant digits. */
export const SHOWN_4SIG = 1.6e-3;

/** The response shows `exact` rounded by `rule`: exactly the engine's value, rounded once at the edge. */
export function expectRounded(actual: unknown, exact: number, rule: RoundingRule): void {
  expect(actual, `${String(actual)} shown for exact ${exact} (${rule})`).toBe(roundByRule(exact, rule));
}

/** Asserts an RFC 9457 problem+json response with the status, naming exactly these fields (when given). */
export function expectProblem(res: supertest.Response, status: number, fields?: string[]): { field: string; message: string }[] {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String), requestId: expect.any(String) });
  const errors = (res.body.errors ?? []) as { field: string; message: string }[];
  if (fields) expect(errors.map((e) => e.field).sort()).toEqual([...fields].sort());
  return errors;
}

/** Minimal RFC 4180 parser: quoted fields, doubled quotes, commas and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CSV as objects keyed by the header line. */
export function csvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  return { header, records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

/** One JSON value per non-empty line. */
export function parseNdjson<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/**
 * The item lines of a /compare/batch NDJSON stream, after checking that it ends with its end
 * record (`{"type":"end",...,"complete":true}`) and that the record counts the items.
 */
export function batchItems<T = Record<string, unknown>>(text: string): T[] {
  const lines = parseNdjson<Record<string, unknown>>(text);
  const end = lines.pop();
  if (end?.type !== 'end' || end.complete !== true || end.items !== lines.length) {
    throw new Error(`batch stream does not end with a complete end record: ${JSON.stringify(end)}`);
  }
  return lines as T[];
}

/** A /compare/batch CSV stream without its trailer line, after checking the trailer says complete. */
export function batchCsvBody(text: string): string {
  const lines = text.trimEnd().split('\n');
  const trailer = lines.pop() ?? '';
  if (!/^# end items=\d+ total=\d+ ok=\d+ failed=\d+ complete=true$/.test(trailer)) {
    throw new Error(`batch CSV does not end with a complete trailer: ${trailer}`);
  }
  return `${lines.join('\n')}\n`;
}

/** supertest parser that keeps a non-JSON body (SVG, CSV, NDJSON) as a UTF-8 string in `res.body`. */
export const asText = ((res: IncomingMessage, cb: (err: Error | null, body: string) => void): void => {
  let data = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    data += chunk;
  });
  res.on('end', () => cb(null, data));
}) as unknown as Parameters<supertest.Test['parse']>[0];

/** XML-escapes text as it appears in attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const svgParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', processEntities: true, parseAttributeValue: false });

/** Every element's attributes (entities decoded), depth first. */
export function svgAttributes(svg: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'string') attrs[k] = v;
      else visit(v);
    }
    out.push(attrs);
  };
  visit(svgParser.parse(svg));
  return out;
}

/** Asserts well-formed XML (fast-xml-parser's validator) with an <svg> root. */
export function expectValidSvg(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg.trimStart()).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
}
