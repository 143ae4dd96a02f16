import { startOfAsOf } from '../audit/dates.js';
import { record, type WriteContext } from '../audit/record.js';
import { type Database, inTransaction } from '../db/database.js';
import type { ApiOffering } from '../domain/profiles.js';
import type { SyncPlan } from '../sync/mapping.js';
import type { ProfileRepository, Writable } from './profile-repository.js';

/**
 * Applies a price-sync plan in ONE transaction: every added offering, every revision of a changed
 * one (each dated change with its start date as effective date), and a `sync` change-log row
 * with the counts. A plan made from a version that has since moved fails with 412 and nothing
 * is written.
 */
export async function applySyncPlan(
  db: Pick<Database, 'prisma'>,
  offerings: ProfileRepository<ApiOffering>,
  plan: SyncPlan,
  ctx: WriteContext,
  counts: Record<string, number>,
): Promise<void> {
  await inTransaction(db, async (tx) => {
    for (const a of plan.added) {
      const effectiveAt = a.effectiveDate ? startOfAsOf(a.effectiveDate) : undefined;
      await offerings.create(a.record as unknown as Writable<ApiOffering>, ctx, { tx, effectiveAt });
    }
    for (const c of plan.changed) {
      let version = c.version;
      for (const step of c.steps) {
        const { id: _id, ...fields } = step.record;
        const effectiveAt = step.effectiveDate ? startOfAsOf(step.effectiveDate) : undefined;
        await offerings.replace(c.id, fields as Omit<Writable<ApiOffering>, 'id'>, version, ctx, { tx, effectiveAt });
        version++;
      }
    }
    await record(tx, ctx, {
      entityKind: 'sync',
      entityId: `genai-prices@${plan.datasetVersion}`,
      action: 'create',
      version: null,
      changes: Object.entries(counts).map(([field, n]) => ({ field, old: null, new: n })),
      record: { datasetVersion: plan.datasetVersion, origin: plan.origin, ...counts },
      source: plan.origin,
    });
  });
}
