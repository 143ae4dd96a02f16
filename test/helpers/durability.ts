/**
 * The write traffic and the ledger of the durability tests (test/durability-*.test.ts,
 * docs/edge.md "Durability"): several concurrent clients send scenario creates, scenario PATCHes
 * with If-Match and API-offering PATCHes (catalog key) over real HTTP, plus writes that must be
 * rejected. Every write acknowledged (2xx with its body read) is recorded with the version and
 * the fields it set; writes whose answer never arrived (the server was killed, the database
 * stopped) are counted as "in flight" (outcome unknown: they may or may not be stored).
 * `lostWrites` then reads the database itself and lists every acknowledged write it lacks.
 */
import fc from 'fast-check';
import { baseWorkload } from './comparison.js';

/** Seeded integers in [min, max] (fast-check's generator, so a logged seed replays them). */
export function seededInts(seed: number, count: number, min: number, max: number): number[] {
  return fc.sample(fc.integer({ min, max }), { seed, numRuns: count });
}

type EntityKind = 'scenario' | 'api-offering' | 'key';

/** An acknowledged write: what the client was told is stored. */
export interface Ack {
  kind: EntityKind;
  id: string;
  /** The version the answer carried (keys have none). */
  version: number | null;
  requestId: string;
  /** The fields this write set, as the answer echoed them. */
  fields: Record<string, unknown>;
}

/** A write the service refused (4xx): nothing of it may be stored. */
export interface Rejection {
  requestId: string;
  status: number;
  what: string;
}

export class Ledger {
  readonly acks: Ack[] = [];
  /** The latest acknowledged state of each entity, by `kind/id`. */
  readonly latest = new Map<string, Ack>();
  readonly rejections: Rejection[] = [];
  /** Writes sent whose answer never came (connection broken): outcome unknown. */
  inFlight = 0;
  /** Answers by status, all writes. */
  readonly statuses = new Map<number, number>();
  /** Answers that are defects whatever happened: 5xx other than 503, a rejected write accepted, a 503 that is not problem+json. */
  readonly anomalies: string[] = [];

  ack(a: Ack): void {
    this.acks.push(a);
    const key = `${a.kind}/${a.id}`;
    const before = this.latest.get(key);
    if (!before || (a.version ?? 0) >= (before.version ?? 0)) this.latest.set(key, a);
  }

  status(s: number): void {
    this.statuses.set(s, (this.statuses.get(s) ?? 0) + 1);
  }

  count(kind: EntityKind): number {
    return this.acks.filter((a) => a.kind === kind).length;
  }

  statusSummary(): string {
    return [...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
  }
}

export interface WriterKeys {
  /** Scope `write`: scenarios. */
  write: string;
  /** Scope `catalog:write`: profiles. */
  catalog: string;
}

/** API offerings the writers PATCH, one per writer (so writers never race each other on one row). */
export const WRITER_OFFERINGS = ['openai-gpt-5', 'openai-gpt-5-mini', 'anthropic-claude-sonnet-4-5', 'anthropic-claude-haiku-4-5'];

const candidates = [
  { type: 'self-host', label: 'qwen on L40S', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
  { type: 'api', label: 'gpt-5-mini', offering: 'openai-gpt-5-mini' },
];

interface Answer {
  status: number;
  json: Record<string, unknown>;
  type: string;
  retryAfter: string | null;
}

interface Known {
  id: string;
  version: number;
  /** A write to it had no answer: re-read before the next If-Match. */
  uncertain: boolean;
}

/**
 * One client: its own scenarios and its own API offering. `step` sends one write chosen by the
 * seeded sequence and records the outcome; it throws when the connection fails (the caller stops).
 */
export class Writer {
  private readonly scenarios: Known[] = [];
  private readonly offering: Known;
  private readonly choices: number[];
  private n = 0;

  constructor(
    private readonly index: number,
    seed: number,
    private readonly keys: WriterKeys,
    private readonly ledger: Ledger,
    /** Tag put in request ids and names so runs can be told apart in logs. */
    private readonly tag: string,
  ) {
    this.offering = { id: WRITER_OFFERINGS[index % WRITER_OFFERINGS.length] as string, version: 0, uncertain: true };
    this.choices = seededInts(seed * 31 + index, 20_000, 0, 99);
  }

  private requestId(): string {
    return `${this.tag}-w${this.index}-${this.n}`;
  }

  private async send(
    baseUrl: string,
    method: string,
    path: string,
    key: string,
    requestId: string,
    body?: unknown,
    ifMatch?: number,
  ): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, 'x-request-id': requestId };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (ifMatch !== undefined) headers['if-match'] = `"${ifMatch}"`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    });
    const json = (await res.json()) as Record<string, unknown>;
    return { status: res.status, json, type: res.headers.get('content-type') ?? '', retryAfter: res.headers.get('retry-after') };
  }

  /**
   * Re-reads entities whose last write had no answer (it may or may not have been stored).
   * False when the service cannot answer yet (503: database down).
   */
  async refresh(baseUrl: string): Promise<boolean> {
    const stale: [string, Known][] = this.scenarios.filter((s) => s.uncertain).map((s) => ['scenarios', s]);
    if (this.offering.uncertain) stale.push(['api-offerings', this.offering]);
    for (const [path, known] of stale) {
      const res = await fetch(`${baseUrl}/${path}/${known.id}`, {
        headers: { authorization: `Bearer ${this.keys.write}` },
        signal: AbortSignal.timeout(30_000),
      });
      if (res.status === 503) return false;
      if (res.status !== 200) {
        this.ledger.anomalies.push(`GET /${path}/${known.id} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
        return false;
      }
      known.version = ((await res.json()) as { version: number }).version;
      known.uncertain = false;
    }
    return true;
  }

  /**
   * Sends one write; throws (after counting it in flight) when no answer arrives. False when the
   * service answered 503 (database down): the caller backs off.
   */
  async step(baseUrl: string): Promise<boolean> {
    if ((this.offering.uncertain || this.scenarios.some((s) => s.uncertain)) && !(await this.refresh(baseUrl))) return false;
    const choice = this.choices[this.n % this.choices.length] as number;
    this.n++;
    const requestId = this.requestId();
    const target = this.scenarios[choice % Math.max(1, this.scenarios.length)];
    let pending: Known | undefined;
    try {
      if (choice < 30 || !target) {
        const name = `dur ${requestId}`;
        const r = await this.send(baseUrl, 'POST', '/scenarios', this.keys.write, requestId, {
          name,
          workload: baseWorkload(),
          candidates,
        });
        this.record(r, requestId, 'create scenario', () => {
          const id = r.json.id as string;
          this.scenarios.push({ id, version: r.json.version as number, uncertain: false });
          return { kind: 'scenario', id, version: r.json.version as number, requestId, fields: { name, description: null } };
        });
      } else if (choice < 60) {
        pending = target;
        const description = `d ${requestId}`;
        const r = await this.send(baseUrl, 'PATCH', `/scenarios/${target.id}`, this.keys.write, requestId, { description }, target.version);
        this.record(
          r,
          requestId,
          'patch scenario',
          () => {
            target.version = r.json.version as number;
            return { kind: 'scenario', id: target.id, version: target.version, requestId, fields: { name: r.json.name, description } };
          },
          target,
        );
      } else if (choice < 85) {
        pending = this.offering;
        // A price no other write uses: 1 + (writer, step) / 10^6 dollars per million tokens.
        // (rounded to 6 decimals: prices round-trip exactly up to 15 significant digits, docs/database.md "Floats").
        const inputUsdPerMtok = Math.round((1 + (this.index * 100_000 + this.n) / 1e6) * 1e6) / 1e6;
        const r = await this.send(
          baseUrl,
          'PATCH',
          `/api-offerings/${this.offering.id}`,
          this.keys.catalog,
          requestId,
          { inputUsdPerMtok },
          this.offering.version,
        );
        this.record(
          r,
          requestId,
          'patch offering',
          () => {
            this.offering.version = r.json.version as number;
            return { kind: 'api-offering', id: this.offering.id, version: this.offering.version, requestId, fields: { inputUsdPerMtok } };
          },
          this.offering,
        );
      } else {
        return await this.rejected(baseUrl, choice, requestId, target);
      }
      return !this.unavailableSeen();
    } catch (err) {
      // No answer: the server died (or the database stopped) with this write in flight.
      this.ledger.inFlight++;
      if (pending) pending.uncertain = true;
      throw err;
    }
  }

  /** Writes that must be refused with a 4xx and leave nothing behind. */
  private async rejected(baseUrl: string, choice: number, requestId: string, target: Known): Promise<boolean> {
    const marker = `rejected ${requestId}`;
    const kinds = [
      [
        'stale If-Match on a scenario',
        412,
        () => this.send(baseUrl, 'PATCH', `/scenarios/${target.id}`, this.keys.write, requestId, { description: marker }, 999_999),
      ],
      [
        'scenario naming an unknown model',
        422,
        () =>
          this.send(baseUrl, 'POST', '/scenarios', this.keys.write, requestId, {
            name: marker,
            workload: baseWorkload(),
            candidates: [{ type: 'self-host', model: 'no-such-model', hardware: 'nvidia-l40s' }],
          }),
      ],
      [
        'price PATCH with a write-only key',
        403,
        () => this.send(baseUrl, 'PATCH', `/api-offerings/${this.offering.id}`, this.keys.write, requestId, { inputUsdPerMtok: 777 }),
      ],
      [
        'scenario with a negative volume',
        400,
        () =>
          this.send(baseUrl, 'POST', '/scenarios', this.keys.write, requestId, {
            name: marker,
            workload: baseWorkload({ inputTokensPerMonth: -1 }),
            candidates,
          }),
      ],
    ] as const;
    const [what, expected, send] = kinds[choice % kinds.length] as (typeof kinds)[number];
    const r = await send();
    this.ledger.status(r.status);
    if (r.status === 503) {
      this.unavailable(r, what);
      return false;
    }
    if (r.status !== expected) this.ledger.anomalies.push(`${what} (${requestId}) answered ${r.status}, expected ${expected}`);
    if (r.status >= 400) this.ledger.rejections.push({ requestId, status: r.status, what });
    return true;
  }

  private last503 = false;
  /** Whether the last write answered 503 (read once). */
  private unavailableSeen(): boolean {
    const seen = this.last503;
    this.last503 = false;
    return seen;
  }

  private unavailable(r: Answer, what: string): void {
    if (!r.type.startsWith('application/problem+json')) this.ledger.anomalies.push(`${what}: 503 without problem+json`);
    if (r.retryAfter === null) this.ledger.anomalies.push(`${what}: 503 without Retry-After`);
  }

  /** Records an answer; `entity` is the existing entity the write targeted (none for a create). */
  private record(r: Answer, requestId: string, what: string, onAck: () => Ack, entity?: Known): void {
    this.ledger.status(r.status);
    if (r.status >= 200 && r.status < 300) {
      this.ledger.ack(onAck());
      return;
    }
    if (r.status === 503) {
      // The database is down: the write was not acknowledged; its outcome is unknown to the client.
      this.last503 = true;
      this.unavailable(r, what);
      this.ledger.inFlight++;
      if (entity) entity.uncertain = true;
      return;
    }
    this.ledger.anomalies.push(`${what} (${requestId}) answered ${r.status}: ${JSON.stringify(r.json).slice(0, 300)}`);
    // Re-read before the next conditional write (a 412 here means a write with no answer was stored).
    if (entity) entity.uncertain = true;
  }
}

/** Runs the writers against `baseUrl` until `stopped()` or until their connection fails. */
export async function runWriters(writers: Writer[], baseUrl: string, stopped: () => boolean): Promise<void> {
  await Promise.all(
    writers.map(async (w) => {
      try {
        while (!stopped()) {
          // 503: the database is down; retry shortly, as a client honouring Retry-After would, only faster.
          if (!(await w.step(baseUrl))) await new Promise((r) => setTimeout(r, 50));
        }
      } catch {
        // The server (or its database) went away mid-write: counted in the ledger by step().
      }
    }),
  );
}

/** A read-only SQL query on the service's database; `?` placeholders. */
export type Sql = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * Every acknowledged write the database lacks, described (empty: nothing lost), plus every
 * rejected write that left something behind. Checks, for each entity, that its row exists with
 * at least the acknowledged version and, at exactly that version, the acknowledged fields; and for
 * each write its change-log row (docs/catalog.md: one `ChangeRecord` per write, in the write's
 * own transaction, carrying the request id and the version after the write).
 */
export async function lostWrites(sql: Sql, ledger: Ledger): Promise<{ lost: string[]; leaked: string[] }> {
  const lost: string[] = [];
  for (const a of ledger.latest.values()) {
    if (a.kind === 'scenario') {
      const [row] = await sql('SELECT "version", "name", "description" FROM "Scenario" WHERE "id" = ?', [a.id]);
      if (!row) lost.push(`scenario ${a.id} (acknowledged v${a.version}) is missing`);
      else if (Number(row.version) < (a.version ?? 0)) lost.push(`scenario ${a.id} is at v${row.version}, acknowledged v${a.version}`);
      else if (Number(row.version) === a.version && (row.name !== a.fields.name || row.description !== a.fields.description)) {
        lost.push(`scenario ${a.id} v${a.version} holds ${JSON.stringify(row)}, acknowledged ${JSON.stringify(a.fields)}`);
      }
    } else if (a.kind === 'api-offering') {
      const [row] = await sql('SELECT "version", "inputUsdPerMtok" FROM "ApiOffering" WHERE "id" = ?', [a.id]);
      if (!row) lost.push(`api-offering ${a.id} is missing`);
      else if (Number(row.version) < (a.version ?? 0)) lost.push(`api-offering ${a.id} is at v${row.version}, acknowledged v${a.version}`);
      else if (Number(row.version) === a.version && Number(row.inputUsdPerMtok) !== a.fields.inputUsdPerMtok) {
        lost.push(
          `api-offering ${a.id} v${a.version} has inputUsdPerMtok ${row.inputUsdPerMtok}, acknowledged ${a.fields.inputUsdPerMtok}`,
        );
      }
    } else {
      const [row] = await sql('SELECT "revokedAt" FROM "ApiKey" WHERE "id" = ?', [a.id]);
      if (!row) lost.push(`key ${a.id} is missing`);
      else if (row.revokedAt !== null) lost.push(`key ${a.id} is revoked`);
    }
  }
  const logged = new Map<string, Record<string, unknown>[]>();
  for (const row of await sql(
    'SELECT "requestId", "entityKind", "entityId", "version" FROM "ChangeRecord" WHERE "requestId" IS NOT NULL',
  )) {
    const id = String(row.requestId);
    logged.set(id, [...(logged.get(id) ?? []), row]);
  }
  for (const a of ledger.acks) {
    const rows = logged.get(a.requestId) ?? [];
    const match = rows.some(
      (r) => r.entityKind === a.kind && r.entityId === a.id && (a.version === null || Number(r.version) === a.version),
    );
    if (!match) lost.push(`no change-log row for ${a.kind} ${a.id} v${a.version} (request ${a.requestId}); rows: ${JSON.stringify(rows)}`);
  }
  const leaked: string[] = [];
  for (const r of ledger.rejections) {
    if (logged.has(r.requestId)) leaked.push(`rejected ${r.what} (${r.requestId}, ${r.status}) has a change-log row`);
  }
  const marked = await sql(
    `SELECT "id", "name", "description" FROM "Scenario" WHERE "name" LIKE 'rejected %' OR "description" LIKE 'rejected %'`,
  );
  for (const row of marked) leaked.push(`scenario ${row.id} carries a rejected write: ${JSON.stringify(row)}`);
  const priced = await sql('SELECT "id" FROM "ApiOffering" WHERE "inputUsdPerMtok" = 777');
  for (const row of priced) leaked.push(`api-offering ${row.id} has the rejected price 777`);
  return { lost, leaked };
}
