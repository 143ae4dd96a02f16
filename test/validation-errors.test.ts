import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';

/** Field naming of validation errors in nested bodies (unions, unknown keys, batch items). */
let svc: TestService;
beforeAll(async () => {
  svc = await startTestService();
});
afterAll(async () => svc.close());

const workload = { inputTokensPerMonth: 3e9, outputTokensPerMonth: 1e9, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 };
const inlineOffering = {
  provider: 'Example',
  modelName: 'example-large',
  kind: 'closed',
  inputUsdPerMtok: 1,
  outputUsdPerMtok: 4,
  batchDiscountFraction: 0.5,
  source: 'https://example.com/pricing',
  asOf: '2026-11-01',
};

const fieldsOf = (body: { errors: { field: string }[] }) => body.errors.map((e) => e.field).sort();

describe('validation errors name the field inside id-or-inline references', () => {
  it('an inline offering missing a required field names that field', async () => {
    const { batchDiscountFraction: _omitted, ...incomplete } = inlineOffering;
    const res = await svc.http
      .post('/compare')
      .send({ workload, candidates: [{ type: 'api', offering: incomplete }] })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['candidates.0.offering.batchDiscountFraction']);
  });

  it('an inline offering with a wrong type and an unknown field names both', async () => {
    const res = await svc.http
      .post('/compare')
      .send({ workload, candidates: [{ type: 'api', offering: { ...inlineOffering, inputUsdPerMtok: 'one', colour: 'red' } }] })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['candidates.0.offering.colour', 'candidates.0.offering.inputUsdPerMtok']);
  });

  it('an id that is not a slug names the reference field', async () => {
    const res = await svc.http
      .post('/compare')
      .send({ workload, candidates: [{ type: 'api', offering: 'Not A Slug' }] })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['candidates.0.offering']);
  });

  it('an unknown key in a nested object is named by its full path', async () => {
    const res = await svc.http
      .post('/compare')
      .send({ workload: { ...workload, extra: 1 }, candidates: [{ type: 'api', offering: inlineOffering }] })
      .expect(400);
    expect(fieldsOf(res.body)).toEqual(['workload.extra']);
  });
});
