import type { WriteContext } from '../audit/record.js';
import type { Database } from '../db/database.js';
import type { Repositories } from '../repositories/index.js';
import { applySyncPlan } from '../repositories/price-sync.js';
import type { Dataset } from './dataset.js';
import { planSync, type SyncPlan } from './mapping.js';
import { offeringHistories, SYNC_ACTOR_PREFIX } from './offering-history.js';
import { syncCounts, syncSummary } from './summary.js';

/**
 * One price sync: read the dataset, plan against the catalogue and its history, and (unless a
 * dry run) apply the plan in one transaction as revisions by `sync:genai-prices@<version>`.
 */
export interface SyncDeps {
  db: Pick<Database, 'prisma'>;
  repos: Pick<Repositories, 'apiOfferings' | 'models' | 'changeLog'>;
  /** Reads the dataset (bundled snapshot or PRICE_SYNC_URL). */
  load: () => Promise<Dataset>;
  now: () => Date;
  /** Called after an applied sync that wrote anything (cache invalidation). */
  onWrite?: () => void;
}

export interface SyncOutcome {
  dryRun: boolean;
  applied: boolean;
  actor: string;
  plan: SyncPlan;
  counts: ReturnType<typeof syncCounts>;
  summary: string;
}

export async function runPriceSync(deps: SyncDeps, opts: { dryRun: boolean; requestId: string | null }): Promise<SyncOutcome> {
  const dataset = await deps.load();
  const [offerings, rows, models] = await Promise.all([
    deps.repos.apiOfferings.listWithDeleted(),
    deps.repos.changeLog.allOfKind('api-offering'),
    deps.repos.models.listAll(),
  ]);
  const at = deps.now();
  const plan = planSync(dataset, offerings, offeringHistories(rows), at, new Set(models.map((m) => m.id)));
  const counts = syncCounts(plan);
  const actor = `${SYNC_ACTOR_PREFIX}genai-prices@${dataset.version}`;
  const writes = counts.revisions > 0;
  if (!opts.dryRun && writes) {
    const ctx: WriteContext = { actor, requestId: opts.requestId, at };
    await applySyncPlan(deps.db, deps.repos.apiOfferings, plan, ctx, counts);
    deps.onWrite?.();
  }
  const applied = !opts.dryRun && writes;
  return { dryRun: opts.dryRun, applied, actor, plan, counts, summary: syncSummary(plan, applied) };
}
