import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitForUpdate } from '@pydantic/genai-prices';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/app.js';

/**
 * The price sync (src/sync) on the dataset bundled in @pydantic/genai-prices and on a copy served
 * by a local HTTP server. Expected prices are read from the dataset itself, independently of the
 * sync's code. The clock is fixed, so which dated prices have started is fixed too.
 */
const NOW = new Date('2026-12-01T12:00:00.000Z');
type Body = Record<string, unknown> & {
  counts: { added: number; changed: number; revisions: number; unchanged: number };
  changed: { id: string; steps: { effectiveDate: string | null; changes: { field: string; old: unknown; new: unknown }[] }[] }[];
  unchanged: string[];
  held: { id: string; reason: string }[];
  added: { id: string }[];
  notInDataset: string[];
  summary: string;
};

type Provider = { id: string; models: { id: string; match: unknown; prices: unknown }[] };
const dataset = async () => JSON.parse(JSON.stringify(await waitForUpdate())) as Provider[];
/** The undated price of a model in the dataset (its plain price set, or its unconstrained one). */
async function datasetPrice(provider: string, model: string, key: string): Promise<number> {
  const m = (await dataset()).find((p) => p.id === provider)?.models.find((x) => x.id === model);
  const set = Array.isArray(m?.prices)
    ? (m.prices.at(-1) as { prices: Record<string, unknown> }).prices
    : (m?.prices as Record<string, unknown>);
  const p = set[key] as number | { base: number };
  return typeof p === 'number' ? p : p.base;
}

async function auditTotal(svc: TestService): Promise<number> {
  return (await svc.http.get('/audit').query({ limit: 1 }).expect(200)).body.total;
}

describe('sync from the bundled dataset', () => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService({ LOAD_REFERENCE_DATA: true }, undefined, () => NOW);
  });
  afterAll(async () => svc?.close());

  it('a dry run is deterministic, writes nothing, and maps OpenAI, Anthropic, Google and OpenRouter', async () => {
    const before = await auditTotal(svc);
    const offeringsBefore = (await svc.http.get('/api-offerings').query({ limit: 1 }).expect(200)).body.total;
    const a = (await svc.http.post('/sync/api-prices').query({ dryRun: 'true' }).expect(200)).body as Body;
    const b = (await svc.http.post('/sync/api-prices').query({ dryRun: 'true' }).expect(200)).body as Body;
    expect(b).toEqual(a);
    expect(a.dryRun).toBe(true);
    expect(a.applied).toBe(false);
    expect(a.actor).toBe('sync:genai-prices@0.1.8');
    expect(await auditTotal(svc)).toBe(before);
    expect((await svc.http.get('/api-offerings').query({ limit: 1 }).expect(200)).body.total).toBe(offeringsBefore);

    const mapped = new Set([...a.unchanged, ...a.changed.map((c) => c.id)]);
    for (const id of ['openai-gpt-5', 'anthropic-claude-sonnet-4-5', 'google-gemini-2.5-pro', 'openrouter-llama-3.3-70b-instruct']) {
      expect(mapped.has(id), id).toBe(true);
    }
    // Every catalogue offering lands in exactly one bucket.
    const buckets = [...a.unchanged, ...a.changed.map((c) => c.id), ...a.held.map((h) => h.id), ...a.notInDataset];
    expect(new Set(buckets).size).toBe(buckets.length);
    expect(buckets.length).toBe(offeringsBefore);
    expect(a.counts.added).toBe(a.added.length);
    expect(a.summary).toContain('dry run, nothing written');
    expect(a.summary).toContain(`added ${a.counts.added}, changed ${a.counts.changed}`);
  });

  it('applies the diff as revisions by sync:genai-prices@<version>, idempotently, deleting nothing', async () => {
    const offeringsBefore = (await svc.http.get('/api-offerings').query({ limit: 1 }).expect(200)).body.total;
    const applied = (await svc.http.post('/sync/api-prices').expect(200)).body as Body;
    expect(applied.applied).toBe(true);
    const rows = (await svc.http.get('/audit').query({ actor: 'sync:genai-prices@0.1.8', limit: 1 }).expect(200)).body.total;
    // One row per revision plus the sync's own row.
    expect(rows).toBe(applied.counts.revisions + 1);
    const after = (await svc.http.get('/api-offerings').query({ limit: 1 }).expect(200)).body.total;
    expect(after).toBe(offeringsBefore + applied.counts.added);
    for (const id of applied.notInDataset) await svc.http.get(`/api-offerings/${id}`).expect(200);

    // After the sync the catalogue's prices are the dataset's.
    const haiku = (await svc.http.get('/api-offerings/anthropic-claude-haiku-4-5').expect(200)).body;
    expect(haiku.inputUsdPerMtok).toBe(await datasetPrice('anthropic', 'claude-haiku-4-5', 'input_mtok'));
    expect(haiku.outputUsdPerMtok).toBe(await datasetPrice('anthropic', 'claude-haiku-4-5', 'output_mtok'));
    for (const c of applied.changed) {
      const stored = (await svc.http.get(`/api-offerings/${c.id}`).expect(200)).body;
      for (const change of c.steps.at(-1)?.changes ?? []) expect(stored[change.field], `${c.id}.${change.field}`).toEqual(change.new);
    }
    // A dated price change became a revision effective from its own start date.
    for (const c of applied.changed) {
      for (const step of c.steps.filter((s) => s.effectiveDate !== null)) {
        const revs = (await svc.http.get(`/api-offerings/${c.id}/revisions`).expect(200)).body.items as {
          effectiveAt: string;
          actor: string;
        }[];
        expect(revs.some((r) => r.effectiveAt === `${step.effectiveDate}T00:00:00.000Z` && r.actor.startsWith('sync:'))).toBe(true);
      }
    }

    const again = (await svc.http.post('/sync/api-prices').expect(200)).body as Body;
    expect(again.applied).toBe(false);
    expect(again.counts).toMatchObject({ added: 0, changed: 0, revisions: 0 });
    expect(await svc.http.get('/audit').query({ actor: 'sync:genai-prices@0.1.8', limit: 1 }).expect(200)).toHaveProperty(
      'body.total',
      rows,
    );
  });

  it("a person's edit after the last sync wins, and the diff says so", async () => {
    await svc.http.patch('/api-offerings/openai-gpt-5').send({ inputUsdPerMtok: 9.99 }).expect(200);
    const diff = (await svc.http.post('/sync/api-prices').query({ dryRun: 'true' }).expect(200)).body as Body;
    const held = diff.held.find((h) => h.id === 'openai-gpt-5');
    expect(held?.reason).toMatch(/edited by anonymous at .* after the last sync/);
    expect(diff.summary).toContain('openai-gpt-5: edited by anonymous');
    await svc.http.post('/sync/api-prices').expect(200);
    expect((await svc.http.get('/api-offerings/openai-gpt-5').expect(200)).body.inputUsdPerMtok).toBe(9.99);
  });

  it('never restores a deleted offering', async () => {
    await svc.http.delete('/api-offerings/anthropic-claude-haiku-4-5').expect(204);
    const diff = (await svc.http.post('/sync/api-prices').expect(200)).body as Body;
    expect(diff.added.map((a) => a.id)).not.toContain('anthropic-claude-haiku-4-5');
    await svc.http.get('/api-offerings/anthropic-claude-haiku-4-5').expect(404);
  });
});

describe('sync from PRICE_SYNC_URL', () => {
  let server: Server;
  let base: string;
  let served = '[]';
  beforeAll(async () => {
    served = JSON.stringify(await dataset());
    server = createServer((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json' });
      const bodies: Record<string, string> = { '/malformed': '{"providers": [', '/wrong-shape': '[{"id": 1}]', '/empty': '[]' };
      res.end(bodies[req.url ?? ''] ?? served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('a changed price in the served copy becomes exactly one revision', async () => {
    const svc = await startTestService({ LOAD_REFERENCE_DATA: true, PRICE_SYNC_URL: `${base}/data.json` }, undefined, () => NOW);
    try {
      const first = (await svc.http.post('/sync/api-prices').expect(200)).body as Body;
      expect(first.actor).toMatch(/^sync:genai-prices@0\.1\.8\+url\.[0-9a-f]{12}$/);
      const providers = await dataset();
      const haiku = providers.find((p) => p.id === 'anthropic')?.models.find((m) => m.id === 'claude-haiku-4-5') as {
        prices: Record<string, unknown>;
      };
      haiku.prices = { ...haiku.prices, input_mtok: 1.5 };
      served = JSON.stringify(providers);
      const diff = (await svc.http.post('/sync/api-prices').query({ dryRun: 'true' }).expect(200)).body as Body;
      expect(diff.counts).toMatchObject({ added: 0, changed: 1, revisions: 1 });
      expect(diff.changed[0]?.id).toBe('anthropic-claude-haiku-4-5');
      expect(diff.changed[0]?.steps[0]?.changes).toContainEqual({
        field: 'inputUsdPerMtok',
        old: await datasetPrice('anthropic', 'claude-haiku-4-5', 'input_mtok'),
        new: 1.5,
      });
      const revsBefore = (await svc.http.get('/api-offerings/anthropic-claude-haiku-4-5/revisions').expect(200)).body.total;
      await svc.http.post('/sync/api-prices').expect(200);
      const revs = (await svc.http.get('/api-offerings/anthropic-claude-haiku-4-5/revisions').expect(200)).body;
      expect(revs.total).toBe(revsBefore + 1);
      expect(revs.items[0].changes.filter((c: { field: string }) => c.field === 'inputUsdPerMtok')).toHaveLength(1);
      expect((await svc.http.get('/api-offerings/anthropic-claude-haiku-4-5').expect(200)).body.inputUsdPerMtok).toBe(1.5);
    } finally {
      await svc.close();
    }
  });

  it.each([
    ['/slow', 504, /did not answer within 300 ms/],
    ['/malformed', 502, /malformed JSON/],
    ['/wrong-shape', 502, /not in the genai-prices format/],
    ['/empty', 502, /not in the genai-prices format/],
  ])('%s → %i problem, nothing written', async (path, status, detail) => {
    const url = `${base}${path}`;
    const svc = await startTestService(
      { LOAD_REFERENCE_DATA: true, PRICE_SYNC_URL: url, PRICE_SYNC_TIMEOUT_MS: 300 },
      undefined,
      () => NOW,
    );
    try {
      const before = await auditTotal(svc);
      const res = await svc.http.post('/sync/api-prices').expect(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toMatch(detail);
      expect(await auditTotal(svc)).toBe(before);
    } finally {
      await svc.close();
    }
  });
});
