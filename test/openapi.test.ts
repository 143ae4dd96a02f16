import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../src/db/paths.js';
import { startTestService, type TestService } from './helpers/app.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());

const committed = () => readFileSync(resolve(projectRoot, 'openapi.yaml'), 'utf8');

/** A response object, or the shared component a `$ref` response names. */
function resolved<T>(doc: { components: { responses?: Record<string, T> } }, res: T | { $ref: string }): T {
  const ref = (res as { $ref?: string }).$ref;
  if (ref === undefined) return res as T;
  const found = doc.components.responses?.[ref.replace('#/components/responses/', '')];
  if (found === undefined) throw new Error(`unresolved ${ref}`);
  return found;
}

describe('OpenAPI document', () => {
  it('committed openapi.yaml is identical to what the service serves (run `npm run openapi:write` when this fails)', async () => {
    const served = await svc.http.get('/openapi.yaml').expect(200);
    expect(served.headers['content-type']).toMatch(/yaml/);
    expect(served.text).toBe(committed());
  });

  it('JSON and YAML forms are the same document', async () => {
    const json = await svc.http.get('/openapi.json').expect(200);
    expect(json.body).toEqual(parse(committed()));
  });

  it('validates against the OpenAPI 3.1 specification', async () => {
    const result = await validate(parse(committed()));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('every operation has an operationId, a summary, examples and its error responses', async () => {
    const doc = parse(committed());
    const operations = Object.entries(doc.paths as Record<string, Record<string, Record<string, unknown>>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(20);
    const ids = new Set<string>();
    const text = JSON.stringify(doc.components.schemas);
    for (const { key, op } of operations) {
      expect(op.summary, key).toEqual(expect.any(String));
      expect(op.operationId, key).toEqual(expect.any(String));
      ids.add(op.operationId as string);
      type Response = { content?: Record<string, { schema?: { $ref?: string } }> };
      const responses = Object.fromEntries(
        Object.entries(op.responses as Record<string, Response>).map(([c, r]) => [c, resolved<Response>(doc, r)]),
      );
      const codes = Object.keys(responses);
      expect(
        codes.some((c) => c.startsWith('2')),
        key,
      ).toBe(true);
      // Liveness has no failure mode a client can cause; every other operation documents its errors.
      if (key !== 'GET /health')
        expect(
          codes.some((c) => c.startsWith('4') || c === '503'),
          key,
        ).toBe(true);
      for (const c of codes.filter((c) => Number(c) >= 400)) {
        expect(Object.keys(responses[c]?.content ?? {}), `${key} ${c}`).toEqual(['application/problem+json']);
      }
      // An example for the request body or, for operations without one, for the success response.
      const body = (op.requestBody as { content: Record<string, { schema: { $ref?: string } }> } | undefined)?.content;
      const success = responses[codes.find((c) => c.startsWith('2')) as string]?.content;
      const ref = Object.values(body ?? success ?? {})[0]?.schema?.$ref;
      if (ref) {
        const name = ref.split('/').pop() as string;
        expect(doc.components.schemas[name].examples, `${key} → ${name}`).toBeDefined();
      } else if (body || success) {
        expect(JSON.stringify(body ?? success), key).toContain('examples');
      }
    }
    expect(ids.size).toBe(operations.length);
    expect(text).toContain('examples');
  });
});

describe('OpenAPI document: one schema per shape, media types, examples per status', () => {
  const doc = () => parse(committed());
  type Op = {
    operationId: string;
    responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown>; example?: { status?: number } }> }>;
  };
  const operations = () =>
    Object.entries(doc().paths as Record<string, Record<string, Op>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, op })),
    );

  it('has no `X` / `XInput` pair and no component nothing refers to', () => {
    const d = doc();
    const names = Object.keys(d.components.schemas);
    expect(names.filter((n) => names.includes(`${n}Input`))).toEqual([]);
    const text = JSON.stringify({ ...d, components: { ...d.components, schemas: undefined } }) + JSON.stringify(d.components.schemas);
    const unused = names.filter((n) => !text.includes(`"#/components/schemas/${n}"`));
    expect(unused).toEqual([]);
  });

  it('types every body: free-form values only where any JSON value or a historic record of several kinds is meant', () => {
    const freeForm: string[] = [];
    const walk = (v: unknown, at: string): void => {
      if (Array.isArray(v)) {
        for (const [i, x] of v.entries()) walk(x, `${at}/${i}`);
        return;
      }
      if (v === null || typeof v !== 'object') return;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => !['description', 'examples', 'example'].includes(k));
      if (/\/(properties\/[^/]+|items|additionalProperties|anyOf\/\d+|contentSchema)$/.test(at)) {
        if (keys.length === 0 || (o.type === 'object' && !o.properties && !o.anyOf))
          freeForm.push(at.replace(/\/additionalProperties$/, ''));
      }
      for (const [k, c] of Object.entries(o)) if (k !== 'examples' && k !== 'example') walk(c, `${at}/${k}`);
    };
    const d = doc();
    walk(d.components.schemas, '');
    walk(d.paths, '#paths');
    const change = (at: string) => [`${at}/old`, `${at}/new`];
    expect([...new Set(freeForm)].sort()).toEqual(
      [
        // A changed field's value before and after: any JSON value (number, string, list, object…).
        ...change('/Revision/properties/changes/items/properties'),
        ...change('/AuditEntry/properties/changes/items/properties'),
        ...change('/PriceSyncResult/properties/changed/items/properties/steps/items/properties/changes/items/properties'),
        ...change('/PriceSyncResult/properties/held/items/properties/changes/items/properties'),
        ...change('/PriceSyncResult/properties/scheduled/items/properties/changes/items/properties'),
        '/RunChanges/properties/profileChanges/items/properties/from',
        '/RunChanges/properties/profileChanges/items/properties/to',
        // Stored records of several kinds (hardware, model, API offering, scenario, key, sync), as written then.
        '/AuditEntry/properties/record/anyOf/0',
        '/RunEvaluation/properties/profiles/items/properties/values',
      ].sort(),
    );
  });

  it('every error response shows an example body of its own status code', () => {
    const seen = new Set<string>();
    const d = doc();
    for (const { key, op } of operations()) {
      for (const [code, res] of Object.entries(op.responses)) {
        if (Number(code) < 400) continue;
        const example = resolved(d, res).content?.['application/problem+json']?.example;
        expect(example?.status, `${key} ${code}`).toBe(Number(code));
        seen.add(code);
      }
    }
    expect([...seen]).toEqual(expect.arrayContaining(['400', '404', '409', '412', '422', '429', '503']));
  });

  it('declares 429 (rate limits) and 503 (database unavailable or busy, load shedding) with Retry-After wherever they can answer', () => {
    const d = doc();
    type Headers = { headers?: Record<string, { schema?: { type?: string } }> };
    for (const { key, op } of operations()) {
      const path = key.split(' ')[1] as string;
      const codes = Object.keys(op.responses);
      // src/http/limits.ts exempts these from the rate limits; liveness and metrics are exempt from load shedding and read no database.
      expect(codes.includes('429'), `${key} 429`).toBe(!['/health', '/ready', '/metrics'].includes(path));
      expect(codes.includes('503'), `${key} 503`).toBe(!['/health', '/metrics'].includes(path));
      for (const code of ['429', '503'].filter((c) => codes.includes(c))) {
        const res = resolved<Headers>(d, op.responses[code] as Headers);
        expect(res.headers?.['Retry-After']?.schema?.type, `${key} ${code}`).toBe('integer');
      }
    }
  });

  it('declares the NDJSON stream with the schema of one line, CSV and SVG as string bodies', () => {
    const byId = Object.fromEntries(operations().map(({ op }) => [op.operationId, op]));
    const batch = byId.compareBatch?.responses['200']?.content ?? {};
    expect(Object.keys(batch).sort()).toEqual(['application/x-ndjson', 'text/csv']);
    // The body is a string (what a client reads); contentSchema is the schema of one line.
    expect(batch['application/x-ndjson']?.schema?.type).toBe('string');
    const item = JSON.stringify(batch['application/x-ndjson']?.schema?.contentSchema);
    expect(item).toContain('#/components/schemas/BatchLine');
    expect(item).toContain('#/components/schemas/BatchEnd');
    expect(batch['text/csv']?.schema?.type).toBe('string');
    expect(byId.compare?.responses['200']?.content?.['text/csv']?.schema?.type).toBe('string');
    const charts = Object.values(byId).filter((op) => op.responses['200']?.content?.['image/svg+xml']);
    expect(charts.map((op) => op.operationId).sort()).toEqual([
      'getScenarioBreakEvenChart',
      'getScenarioHistoryChart',
      'getScenarioHybridChart',
      'getScenarioSensitivityChart',
    ]);
    for (const op of charts)
      expect(Object.entries(op.responses['200']?.content ?? {})).toEqual([
        ['image/svg+xml', expect.objectContaining({ schema: expect.objectContaining({ type: 'string' }) })],
      ]);
  });
});
