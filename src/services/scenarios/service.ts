import type { WriteContext } from '../../audit/record.js';
import type { EvaluateDeps, EvaluatedComparison } from '../../history/evaluate.js';
import { present } from '../../http/present.js';
import type { Page } from '../../repositories/profile-repository.js';
import type { Scenario, ScenarioOwner, ScenarioRepository } from '../../repositories/scenarios.js';
import { type ScenarioExtras, type ScenarioExtrasView, ScenarioSettings } from '../../runs/scenario-settings.js';
import { type AnswerDeps, presentedEvaluation } from '../answer-memo/answer.js';
import type { CatalogSnapshot } from '../catalog.js';
import { ChartRenderPool } from '../charts/render-pool.js';
import { freshReplicaModels } from '../comparison/candidates.js';
import { type ComparisonResult, type ReplicaModels, runComparison } from '../comparison.js';
import { conditionalWrite } from '../conditional-write.js';
import { breakEvenCurves, type CurveOptions } from '../curves.js';
import { type SensitivityOptions, scenarioSensitivity } from '../sensitivity.js';
import { checkedRequest, mergePatch, type ScenarioBody, splitWrite } from './stored-request.js';

/**
 * "Evaluate a scenario" and everything else done with saved scenarios: create, list, read,
 * replace, patch and delete them (through the scenario repository, conditional on versions),
 * and evaluate them against the current profiles — the comparison, the break-even curves and
 * chart, the sensitivity (tornado) data and chart. The HTTP routes (src/routes/scenarios) and
 * any other caller (scheduled runs, CLIs, batch jobs) use this one service.
 */

/** Where a scenario evaluation gets its profiles: the catalogue (ProfileCatalog) or any snapshot source. */
export interface SnapshotSource {
  snapshot(): Promise<CatalogSnapshot>;
}

export interface ScenarioServiceDeps {
  store: ScenarioRepository;
  catalog: SnapshotSource;
  /** Replica-model memo shared across requests (CostModelCache); default: computed afresh. */
  costModels?: ReplicaModels;
  /** The clock stamped on evaluations; default: the system clock. */
  now?: () => Date;
  /** Chart render queue, workers and cache (src/services/charts/render-pool.ts); default: one of its own (its idle workers never hold the process). */
  charts?: ChartRenderPool;
  /** Where a scenario's `schedule` and `notify` live (docs/runs.md); without it they are refused as unknown fields. */
  settings?: ScenarioSettings;
  /** As-of evaluation and price ages (src/history); without it, evaluations are as of now without ages. */
  history?: EvaluateDeps;
  /** Memo of evaluation answers (src/services/answer-memo), used with `history`; default none. */
  memo?: AnswerDeps['memo'];
}

/** Identifies the scenario a result was computed from. */
export interface ScenarioRef {
  id: string;
  name: string;
  version: number;
}

/** A scenario's comparison: the /compare result plus the scenario version and the time it ran. */
export type ScenarioEvaluation = (ComparisonResult | EvaluatedComparison) & {
  scenario: ScenarioRef & { updatedAt: string };
  evaluatedAt: string;
};

/**
 * Evaluates the stored scenario `scenario` against the profiles of `snapshot`: the /compare
 * result for its request, stamped with the scenario's id, name, version and updatedAt and with
 * `evaluatedAt` (ISO 8601). Numbers are in full precision (round with `present` at the edge).
 * Throws UnprocessableError (422) when the stored request is no longer valid or names a profile
 * that no longer exists.
 *
 * @example
 * const evaluation = evaluateScenario(await repos.scenarios.get(id), await catalog.snapshot());
 * evaluation.cheapest; // label of the cheapest option at today's prices
 */
export function evaluateScenario(
  scenario: Scenario,
  snapshot: CatalogSnapshot,
  { costModels = freshReplicaModels, evaluatedAt = new Date() }: { costModels?: ReplicaModels; evaluatedAt?: Date } = {},
): ScenarioEvaluation {
  // runComparison resolves the references itself (422 for unknown ids).
  const result = runComparison(checkedRequest(scenario.request), snapshot, costModels);
  return {
    ...result,
    scenario: { id: scenario.id, name: scenario.name, version: scenario.version, updatedAt: scenario.updatedAt },
    evaluatedAt: evaluatedAt.toISOString(),
  };
}

const refOf = (s: Scenario): ScenarioRef => ({ id: s.id, name: s.name, version: s.version });

/** Break-even curves of a scenario, rounded for display (see services/curves.ts). */
export type ScenarioCurves = { scenario: ScenarioRef } & ReturnType<typeof breakEvenCurves>;
/** Tornado data of a scenario, rounded for display (see services/sensitivity.ts). */
export type ScenarioSensitivity = { scenario: ScenarioRef } & ReturnType<typeof scenarioSensitivity>;

export interface ScenarioService {
  /** The same service restricted to one owner's scenarios (docs/auth.md): another owner's ids are not found. */
  ownedBy(owner: ScenarioOwner): ScenarioService;
  list(query: { name?: string; limit: number; offset: number }): Promise<Page<Scenario>>;
  get(id: string): Promise<Scenario>;
  /** Saves a new scenario; 422 when a profile id does not exist. */
  create(body: ScenarioBody, ctx: WriteContext): Promise<Scenario>;
  /** Replaces a scenario, conditional on `expectedVersion` when given (412 when stale, 409 on a lost race). */
  replace(id: string, body: ScenarioBody, expectedVersion: number | undefined, ctx: WriteContext): Promise<Scenario>;
  /**
   * Applies a JSON merge patch (see mergePatch) to the scenario, conditional on `expectedVersion`
   * or else on the version read; 400 when the patched scenario is invalid.
   */
  patch(id: string, patch: Record<string, unknown>, expectedVersion: number | undefined, ctx: WriteContext): Promise<Scenario>;
  /** Deletes the scenario with its schedule and webhook; its runs and deliveries are kept unless `runs` is `delete`. */
  delete(id: string, expectedVersion: number | undefined, ctx: WriteContext, runs?: 'keep' | 'delete'): Promise<void>;
  /** The scenario's schedule (with its next due time) and webhook (without the secret), when set. */
  extrasOf(id: string): Promise<ScenarioExtrasView>;
  /**
   * {@link evaluateScenario} on the stored scenario `id` with the current profiles, at `now()`;
   * with `asOf` (YYYY-MM-DD) and history deps, with the profile revisions valid that day (docs/catalog.md).
   * Rounded by present(), as served; the comparison part may be a memoised answer shared with
   * other requests (src/services/answer-memo): copy before changing anything in it.
   */
  evaluate(id: string, asOf?: string): Promise<ScenarioEvaluation>;
  /** Monthly cost of every candidate over a volume range, with the break-even points. */
  breakEvenCurves(id: string, options: CurveOptions): Promise<ScenarioCurves>;
  /** The break-even curves drawn as an SVG document. */
  breakEvenChart(id: string, options: CurveOptions): Promise<string>;
  /** Tornado data: which inputs move the result most. */
  sensitivity(id: string, options: SensitivityOptions): Promise<ScenarioSensitivity>;
  /** The tornado drawn as an SVG document. */
  sensitivityChart(id: string, options: SensitivityOptions): Promise<string>;
}

export function createScenarioService(deps: ScenarioServiceDeps): ScenarioService {
  // One chart pool for the service and every owner's view of it: the queue bounds all renders.
  const charts = deps.charts ?? new ChartRenderPool();
  const { store, catalog, costModels = freshReplicaModels, now = () => new Date(), settings } = deps;
  const answers = deps.history && { ...deps.history, costModels, ...(deps.memo ? { memo: deps.memo } : {}) };
  /** Separates `schedule`/`notify` from the scenario body and checks them (400) before anything is written. */
  function extrasOfBody(body: Record<string, unknown>): { extras: ScenarioExtras; rest: Record<string, unknown> } {
    const split = ScenarioSettings.split(body);
    settings?.check(split.extras);
    return split;
  }
  const saveExtras = async (id: string, extras: ScenarioExtras) => settings?.save(id, extras);
  /** Checks a write's request against the current profiles (400/422), then returns it for storing. */
  async function checkedWrite(body: ScenarioBody) {
    const write = splitWrite(body);
    checkedRequest(write.request, { snapshot: await catalog.snapshot() });
    return write;
  }

  async function curves(id: string, options: CurveOptions) {
    const s = await store.get(id);
    return { s, data: present(breakEvenCurves(checkedRequest(s.request), await catalog.snapshot(), options, costModels)) };
  }

  async function sensitivity(id: string, options: SensitivityOptions) {
    const s = await store.get(id);
    return { s, data: present(scenarioSensitivity(checkedRequest(s.request), await catalog.snapshot(), options, costModels)) };
  }

  return {
    ownedBy: (owner: ScenarioOwner): ScenarioService => createScenarioService({ ...deps, charts, store: store.ownedBy(owner) }),
    list: (query: { name?: string; limit: number; offset: number }): Promise<Page<Scenario>> => store.list(query),
    get: (id: string): Promise<Scenario> => store.get(id),

    async create(body: ScenarioBody, ctx: WriteContext): Promise<Scenario> {
      const { extras, rest } = extrasOfBody(body);
      const created = await store.create(await checkedWrite(rest as ScenarioBody), ctx);
      await saveExtras(created.id, extras);
      return created;
    },

    async replace(id: string, body: ScenarioBody, expectedVersion: number | undefined, ctx: WriteContext): Promise<Scenario> {
      const { extras, rest } = extrasOfBody(body);
      const write = await checkedWrite(rest as ScenarioBody);
      const saved = await conditionalWrite(expectedVersion, (expected) => store.replace(id, write, expected, ctx));
      // A replacement without schedule or notify removes the stored ones.
      await saveExtras(id, { schedule: extras.schedule ?? null, notify: extras.notify ?? null });
      return saved;
    },

    async patch(id: string, patch: Record<string, unknown>, expectedVersion: number | undefined, ctx: WriteContext): Promise<Scenario> {
      const { extras, rest } = extrasOfBody(patch);
      // Merged onto the scenario as read; without If-Match, merged again onto a newer one after a lost race.
      const saved = await conditionalWrite(expectedVersion, async (expected) => {
        const current = await store.get(id);
        const write = mergePatch(current, rest);
        checkedRequest(write.request, { snapshot: await catalog.snapshot(), sentNow: true });
        return store.replace(id, write, expected ?? current.version, ctx);
      });
      await saveExtras(id, extras);
      return saved;
    },

    async delete(id: string, expectedVersion: number | undefined, ctx: WriteContext, runs: 'keep' | 'delete' = 'keep'): Promise<void> {
      await conditionalWrite(expectedVersion, (expected) => store.delete(id, expected, ctx));
      await settings?.afterDelete(id, runs);
    },

    extrasOf: async (id: string): Promise<ScenarioExtrasView> => (settings ? settings.view(id) : {}),

    async evaluate(id: string, asOf?: string): Promise<ScenarioEvaluation> {
      const s = await store.get(id);
      if (!answers) return present(evaluateScenario(s, await catalog.snapshot(), { costModels, evaluatedAt: now() }));
      const result = await presentedEvaluation(checkedRequest(s.request), { asOf, detail: 'full' }, answers);
      // A new object around the (possibly shared, frozen) answer; what it adds (strings, the integer
      // version) is as present() would leave it.
      return {
        ...result,
        scenario: { id: s.id, name: s.name, version: s.version, updatedAt: s.updatedAt },
        evaluatedAt: now().toISOString(),
      };
    },

    async breakEvenCurves(id: string, options: CurveOptions) {
      const { s, data } = await curves(id, options);
      return { scenario: refOf(s), ...data };
    },

    async breakEvenChart(id: string, options: CurveOptions): Promise<string> {
      const s = await store.get(id);
      return charts.chart({ kind: 'break-even', scenario: { name: s.name, request: s.request }, options }, await catalog.snapshot());
    },

    async sensitivity(id: string, options: SensitivityOptions) {
      const { s, data } = await sensitivity(id, options);
      return { scenario: refOf(s), ...data };
    },

    async sensitivityChart(id: string, options: SensitivityOptions): Promise<string> {
      const s = await store.get(id);
      return charts.chart({ kind: 'tornado', scenario: { name: s.name, request: s.request }, options }, await catalog.snapshot());
    },
  };
}
