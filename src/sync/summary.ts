import type { FieldChange } from '../audit/changes.js';
import { SYNCED_FIELDS, type SyncPlan } from './mapping.js';

/**
 * A sync diff as plain text, for people and for the CLI (`breakeven sync --dry-run` prints it).
 * Pure.
 */
const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const changeText = (c: FieldChange) => `${c.field} ${show(c.old)} → ${show(c.new)}`;
const PRICE_FIELDS = new Set<string>(SYNCED_FIELDS);
const priceChanges = (cs: FieldChange[]) =>
  cs
    .filter((c) => PRICE_FIELDS.has(c.field))
    .map(changeText)
    .join('; ');

export function syncCounts(plan: SyncPlan) {
  return {
    added: plan.added.length,
    changed: plan.changed.length,
    revisions: plan.added.length + plan.changed.reduce((n, c) => n + c.steps.length, 0),
    unchanged: plan.unchanged.length,
    held: plan.held.length,
    scheduled: plan.scheduled.length,
    unmapped: plan.unmapped.reduce((n, u) => n + u.count, 0),
    notInDataset: plan.notInDataset.length,
  };
}

export function syncSummary(plan: SyncPlan, applied: boolean): string {
  const n = syncCounts(plan);
  const lines = [
    `Price sync from @pydantic/genai-prices ${plan.datasetVersion} (${plan.origin}) — ${applied ? 'applied' : 'dry run, nothing written'}`,
    `  added ${n.added}, changed ${n.changed} (${n.revisions} revisions in all), unchanged ${n.unchanged}, held ${n.held}, scheduled ${n.scheduled}, unmapped ${n.unmapped} dataset models, ${n.notInDataset} catalogue offerings not in the dataset`,
  ];
  if (plan.changed.length > 0) {
    lines.push('Changed:');
    for (const c of plan.changed) {
      for (const s of c.steps) lines.push(`  ${c.id}${s.effectiveDate ? ` from ${s.effectiveDate}` : ''}: ${priceChanges(s.changes)}`);
    }
  }
  if (plan.added.length > 0) {
    lines.push('Added:');
    for (const a of plan.added) {
      const r = a.record;
      lines.push(
        `  ${a.id} (${a.provider} ${a.modelName}): input ${show(r.inputUsdPerMtok)}, cached ${show(r.cachedInputUsdPerMtok)}, output ${show(r.outputUsdPerMtok)} $/Mtok`,
      );
    }
  }
  if (plan.held.length > 0) {
    lines.push('Held (not written):');
    for (const h of plan.held) lines.push(`  ${h.id}: ${h.reason}; the sync would set ${priceChanges(h.changes)}`);
  }
  if (plan.scheduled.length > 0) {
    lines.push('Scheduled (dated changes not started yet; a sync on or after the date applies them):');
    for (const s of plan.scheduled) lines.push(`  ${s.id} from ${s.startDate}: ${priceChanges(s.changes)}`);
  }
  if (plan.notInDataset.length > 0) lines.push(`Not in the dataset (left as they are): ${plan.notInDataset.join(', ')}`);
  if (plan.unmapped.length > 0) {
    lines.push('Unmapped dataset models, by reason:');
    const byReason = new Map<string, number>();
    for (const u of plan.unmapped) {
      const key = u.model === null ? `${u.provider}: ${u.reason}` : u.reason;
      byReason.set(key, (byReason.get(key) ?? 0) + u.count);
    }
    for (const [reason, count] of [...byReason].sort((a, b) => b[1] - a[1])) lines.push(`  ${count} × ${reason}`);
  }
  if (plan.notes.length > 0) lines.push('Notes:', ...plan.notes.map((x) => `  ${x}`));
  return lines.join('\n');
}
