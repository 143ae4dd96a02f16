import { randomUUID } from 'node:crypto';
import type { Database } from '../db/store.js';
import type { Delivery, DeliveryAttempt, NotifyEvent, NotifySettings } from './types.js';

/** The Prisma boundary of webhook settings and of the delivery outbox/log. */
export interface NotifyRepository {
  saveSettings(scenarioId: string, settings: NotifySettings): Promise<void>;
  removeSettings(scenarioId: string): Promise<void>;
  settings(scenarioId: string): Promise<NotifySettings | null>;
  enqueue(d: {
    scenarioId: string;
    runId: string | null;
    event: NotifyEvent;
    url: string;
    body: string;
    signature: string | null;
    at: Date;
  }): Promise<void>;
  /** Pending deliveries whose next attempt is due, oldest first. */
  due(now: Date, limit: number): Promise<(Delivery & { body: string; signature: string | null; nextAttemptAtDate: Date })[]>;
  /** Leases a pending delivery until `until` if nobody else did (conditional UPDATE on nextAttemptAt). */
  claim(id: string, dueAt: Date, until: Date): Promise<boolean>;
  recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    outcome: { status: 'pending' | 'delivered' | 'failed'; nextAttemptAt: Date | null },
  ): Promise<void>;
  list(scenarioId: string, page: { limit: number; offset: number }): Promise<{ items: Delivery[]; total: number }>;
  deleteAll(scenarioId: string): Promise<void>;
}

type Row = {
  id: string;
  scenarioId: string;
  runId: string | null;
  event: string;
  url: string;
  body: string;
  signature: string | null;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: string;
  createdAt: Date;
  deliveredAt: Date | null;
};

function toDomain(r: Row): Delivery {
  const status = r.status === 'delivered' || r.status === 'failed' ? r.status : 'pending';
  return {
    id: r.id,
    scenarioId: r.scenarioId,
    runId: r.runId,
    event: r.event as NotifyEvent,
    url: r.url,
    status,
    attempts: r.attempts,
    nextAttemptAt: status === 'pending' ? r.nextAttemptAt.toISOString() : null,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    attemptLog: JSON.parse(r.attemptLog) as DeliveryAttempt[],
    createdAt: r.createdAt.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString() ?? null,
  };
}

export function createNotifyRepository(db: Database): NotifyRepository {
  const settings = db.prisma.scenarioNotify;
  const outbox = db.prisma.notificationDelivery;
  return {
    async saveSettings(scenarioId, s) {
      const data = { url: s.url, secret: s.secret, events: JSON.stringify(s.on), breakEvenThresholdPercent: s.breakEvenThresholdPercent };
      await settings.upsert({ where: { scenarioId }, create: { scenarioId, ...data }, update: data });
    },
    async removeSettings(scenarioId) {
      await settings.deleteMany({ where: { scenarioId } });
    },
    async settings(scenarioId) {
      const row = await settings.findUnique({ where: { scenarioId } });
      if (!row) return null;
      return {
        url: row.url,
        secret: row.secret,
        on: JSON.parse(row.events) as NotifyEvent[],
        breakEvenThresholdPercent: row.breakEvenThresholdPercent,
      };
    },
    async enqueue(d) {
      await outbox.create({
        data: {
          id: randomUUID(),
          scenarioId: d.scenarioId,
          runId: d.runId,
          event: d.event,
          url: d.url,
          body: d.body,
          signature: d.signature,
          status: 'pending',
          nextAttemptAt: d.at,
          createdAt: d.at,
        },
      });
    },
    async due(now, limit) {
      const rows = await outbox.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: now } },
        orderBy: { nextAttemptAt: 'asc' },
        take: limit,
      });
      return rows.map((r) => ({ ...toDomain(r), body: r.body, signature: r.signature, nextAttemptAtDate: r.nextAttemptAt }));
    },
    async claim(id, dueAt, until) {
      const { count } = await outbox.updateMany({ where: { id, status: 'pending', nextAttemptAt: dueAt }, data: { nextAttemptAt: until } });
      return count === 1;
    },
    async recordAttempt(id, attempt, outcome) {
      const row = await outbox.findUnique({ where: { id } });
      if (!row) return;
      const log = [...(JSON.parse(row.attemptLog) as DeliveryAttempt[]), attempt];
      await outbox.update({
        where: { id },
        data: {
          status: outcome.status,
          attempts: row.attempts + 1,
          nextAttemptAt: outcome.nextAttemptAt ?? row.nextAttemptAt,
          lastStatusCode: attempt.statusCode,
          lastError: attempt.error,
          attemptLog: JSON.stringify(log),
          deliveredAt: outcome.status === 'delivered' ? new Date(attempt.at) : null,
        },
      });
    },
    async list(scenarioId, { limit, offset }) {
      const where = { scenarioId };
      const [rows, total] = await Promise.all([
        outbox.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: offset, take: limit }),
        outbox.count({ where }),
      ]);
      return { items: rows.map(toDomain), total };
    },
    async deleteAll(scenarioId) {
      await outbox.deleteMany({ where: { scenarioId } });
    },
  };
}
