/**
 * Domain types of stored scenario runs (docs/runs.md). Plain data: no Prisma, Fastify or zod.
 * Money is USD per month, volumes are tokens per month, as in the /compare response.
 */
export const RUN_TRIGGERS = ['api', 'schedule', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export type ProfileKind = 'hardware' | 'model' | 'apiOffering';

/** A profile as a run used it: id and version plus the field values (notes and timestamps left out). */
export interface ProfileSnapshot {
  kind: ProfileKind;
  /** Stored id; null for a profile given inline in the scenario. */
  id: string | null;
  version: number | null;
  values: Record<string, unknown>;
}

/** One candidate's outcome, without the engine breakdown (it is reproducible from request + profiles). */
export interface RunCandidate {
  label: string;
  type: 'api' | 'self-host';
  /** Reason the candidate was ruled out by a constraint, else null. */
  excluded: string | null;
  fits: boolean | null;
  monthlyCostUsd: number | null;
  usdPerMtok: { input: number | null; output: number | null; blended: number | null };
  /** Self-host only: deployment chosen. */
  gpus?: number | null;
  replicas?: number | null;
  precision?: string | null;
}

export interface RunBreakEven {
  selfHost: string;
  api: string;
  outcome: string;
  monthlyTokens: number | null;
  monthlyApiSpendUsd: number | null;
  savingsAtCurrentVolumeUsd: number | null;
}

/** The compact evaluation a run stores: enough to reproduce and explain it. */
export interface RunEvaluation {
  /** The /compare request evaluated (the scenario at `scenarioVersion`). */
  request: Record<string, unknown>;
  profiles: ProfileSnapshot[];
  results: RunCandidate[];
  cheapest: string | null;
  breakEven: RunBreakEven[];
  warnings: { candidate: string; code: string; message: string }[];
}

export interface RunSummary {
  cheapest: string | null;
  monthlyCostUsd: { label: string; monthlyCostUsd: number | null }[];
  breakEven: { selfHost: string; api: string; outcome: string; monthlyTokens: number | null }[];
}

export interface CostChange {
  label: string;
  fromUsd: number | null;
  toUsd: number | null;
  changeUsd: number | null;
  /** (to − from) ÷ from × 100; null when either side is null or from is 0. */
  changePercent: number | null;
}

export interface BreakEvenMove {
  selfHost: string;
  api: string;
  fromOutcome: string;
  toOutcome: string;
  fromMonthlyTokens: number | null;
  toMonthlyTokens: number | null;
  changePercent: number | null;
}

export interface ProfileFieldChange {
  kind: ProfileKind;
  id: string;
  field: string;
  from: unknown;
  to: unknown;
  /** `openai-gpt-5.outputUsdPerMtok 10 -> 8` */
  text: string;
}

/** What differs between a run and the previous successful run of the same scenario. */
export interface RunChanges {
  previousRunId: string;
  changed: boolean;
  cheapest: { from: string | null; to: string | null } | null;
  monthlyCost: CostChange[];
  breakEven: BreakEvenMove[];
  newlyExcluded: { label: string; reason: string }[];
  stoppedFitting: string[];
  addedCandidates: string[];
  removedCandidates: string[];
  profileChanges: ProfileFieldChange[];
  scenarioVersion: { from: number; to: number } | null;
}

export interface RunError {
  status: number;
  title: string;
  detail: string;
  errors: { field: string; message: string }[];
}

export interface Run {
  id: string;
  scenarioId: string;
  number: number;
  createdAt: string;
  trigger: RunTrigger;
  actor: string;
  status: 'ok' | 'failed';
  scheduledFor: string | null;
  scenarioVersion: number;
  evaluation: RunEvaluation | null;
  summary: RunSummary | null;
  changes: RunChanges | null;
  error: RunError | null;
}
