import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload, csvRecords, expectProblem } from './helpers/comparison.js';

/**
 * Content negotiation on the operations that offer several representations (RFC 9110 §12.5.1):
 * the most specific media range decides, q=0 excludes, 406 problem+json when nothing fits.
 */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const body = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5' }] };

function compare(accept: string) {
  return svc.http.post('/compare').set('accept', accept).send(body).buffer(true).parse(asText);
}

describe('POST /compare content negotiation', () => {
  it('answers CSV for "application/json;q=0, */*" and JSON for "text/csv;q=0, */*"', async () => {
    const csv = await compare('application/json;q=0, */*');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvRecords(csv.body as string).records).toHaveLength(1);

    const json = await compare('text/csv;q=0, */*');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(json.body as string).results).toHaveLength(1);
  });

  it('answers 406 problem+json for "text/csv;q=0" and for a type it cannot produce', async () => {
    for (const accept of ['text/csv;q=0', 'image/png', 'application/json;q=0, text/*;q=0']) {
      const res = await svc.http.post('/compare').set('accept', accept).send(body);
      expectProblem(res, 406);
      expect(res.body.detail).toContain('application/json or text/csv');
    }
  });

  it('follows wildcards and ties: text/* is CSV, */* is JSON, equal ranges go by the client order', async () => {
    expect((await compare('text/*')).headers['content-type']).toMatch(/^text\/csv/);
    expect((await compare('*/*')).headers['content-type']).toMatch(/^application\/json/);
    expect((await compare('text/csv, application/json')).headers['content-type']).toMatch(/^text\/csv/);
    expect((await compare('application/json, text/csv')).headers['content-type']).toMatch(/^application\/json/);
  });
});

describe('POST /compare/batch content negotiation', () => {
  it('answers CSV for "application/x-ndjson;q=0, */*" and 406 for "text/csv;q=0"', async () => {
    const batch = { items: [body] };
    const csv = await svc.http.post('/compare/batch').set('accept', 'application/x-ndjson;q=0, */*').send(batch).buffer(true).parse(asText);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expectProblem(await svc.http.post('/compare/batch').set('accept', 'text/csv;q=0').send(batch), 406);
  });
});
