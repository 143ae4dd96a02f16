import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';
import { asText, baseWorkload, csvRecords, parseNdjson } from './helpers/comparison.js';
import { rawExchange } from './helpers/raw-http.js';

let svc: TestService;
beforeAll(async () => {
  svc = await startTestService({ LOAD_REFERENCE_DATA: true });
});
afterAll(async () => svc.close());

const good = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5-mini' }] };
const bad = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'no-such-api' }] };

function batch(items: unknown[], accept?: string) {
  const req = svc.http.post('/compare/batch');
  if (accept) req.set('accept', accept);
  return req.send({ items }).buffer(true).parse(asText);
}

describe('batch streams end with a completion record', () => {
  it('NDJSON: the last line is {"type":"end",...,"complete":true} counting the item lines', async () => {
    const res = await batch([good, bad, good]).expect(200);
    const lines = parseNdjson<Record<string, unknown>>(res.body as string);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).map((l) => [l.index, l.ok])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(lines[3]).toEqual({ type: 'end', items: 3, total: 3, ok: 2, failed: 1, complete: true });
    expect((res.body as string).endsWith('\n')).toBe(true);
  });

  it('CSV: the last line is the trailer comment, after every data row', async () => {
    const res = await batch([good, bad, good], 'text/csv').expect(200);
    const text = res.body as string;
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# end items=3 total=3 ok=2 failed=1 complete=true');
    expect(lines.filter((l) => l.startsWith('#'))).toHaveLength(1);
    const { records } = csvRecords(lines.slice(0, -1).join('\n'));
    expect(records.map((r) => r.item)).toEqual(['0', '1', '2']);
  });

  it('a stream without its end record is detectably cut', async () => {
    const res = await batch([good, good]).expect(200);
    const cut = (res.body as string).split('\n').slice(0, 2).join('\n');
    const last = parseNdjson<Record<string, unknown>>(cut).at(-1);
    expect(last?.type).toBeUndefined();
  });
});

describe('each batch item is held to the /compare response schema', () => {
  // The denormal volume made POST /compare answer 500 (its result fails the response schema) while
  // the batch streamed the same result as ok:true with nulls. Whatever /compare answers for a body,
  // the batch item must agree.
  const denormal = {
    workload: { inputTokensPerMonth: 5e-324, outputTokensPerMonth: 5e-324, inputTokensPerRequest: 1500, outputTokensPerRequest: 500 },
    candidates: [
      { type: 'api', offering: 'openai-gpt-5-mini' },
      { type: 'self-host', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
    ],
  };
  const bodies = [good, bad, denormal, { ...good, assumptions: { utilization: 1e-300 } }];

  it.each(bodies.map((b, i) => [i, b]))('body %i: batch item and /compare agree', async (_i, body) => {
    const single = await svc.http.post('/compare').send(body as object);
    const [line] = parseNdjson<{ ok: boolean; result?: unknown; error?: { status: number } }>(
      (await batch([body]).expect(200)).body as string,
    );
    if (single.status === 200) {
      expect(line?.ok).toBe(true);
      expect(line?.result).toEqual(single.body);
    } else {
      expect(line?.ok).toBe(false);
      expect(line?.error?.status).toBe(single.status);
    }
  });
});

describe('the item cap is enforced while the body arrives', () => {
  it('answers 413 once item 10,001 arrives, before the body is complete, pointing to batch jobs', async () => {
    const port = (svc.app.server.address() as { port: number }).port;
    const items = `{"items":[${Array.from({ length: 10_001 }, () => '{}').join(',')}`;
    // Content-Length promises far more than is sent: the body never completes.
    const head = `POST /compare/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${items.length + 1_000_000}\r\n\r\n`;
    const res = await rawExchange(port, [head, items], { timeoutMs: 5_000 });
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = JSON.parse(res.body) as { detail: string };
    expect(body.detail).toMatch(/at most 10000 items/);
    expect(body.detail).toMatch(/batch-jobs/);
  });

  it('10,000 items (the cap) are accepted', async () => {
    const small = { workload: baseWorkload(), candidates: [{ type: 'api', offering: 'openai-gpt-5-nano' }] };
    const res = await batch(
      Array.from({ length: 10_000 }, () => small),
      'application/x-ndjson',
    ).expect(200);
    const lines = parseNdjson<Record<string, unknown>>(res.body as string);
    expect(lines.at(-1)).toMatchObject({ type: 'end', items: 10_000, complete: true });
  }, 120_000);
});
