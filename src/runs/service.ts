import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../errors.js';
import type { ScenarioRepository } from '../repositories/scenarios.js';
import type { ProfileCatalog } from '../services/catalog.js';
import type { ReplicaModels } from '../services/comparison.js';
import { compactEvaluation } from './compact.js';
import { diffRuns, summarize } from './diff.js';
import { evaluateScenario } from './evaluate-scenario.js';
import type { RunRepository } from './repository.js';
import type { Run, RunError, RunEvaluation, RunTrigger } from './types.js';

export interface RunRequest {
  trigger: RunTrigger;
  /** Who asked (src/auth/actor.ts); `scheduler` for scheduled runs. */
  actor: string;
  /** The schedule tick served, for scheduled runs. */
  scheduledFor?: Date | null;
}

/** Called after a run is stored (webhook outbox); must not throw for the run to count as done. */
export type RunListener = (run: Run) => Promise<void>;

/**
 * Runs a saved scenario now and stores the run with its summary and its changes from the
 * previous successful run (docs/runs.md). A scenario that cannot be evaluated (a profile was
 * deleted, the stored request became invalid) gives a stored run with status `failed` and the
 * problem, so that history and `run-failed` notifications see it.
 */
export class RunService {
  private readonly listeners: RunListener[] = [];

  constructor(
    private readonly deps: {
      scenarios: ScenarioRepository;
      runs: RunRepository;
      catalog: ProfileCatalog;
      costModels: ReplicaModels;
      log: FastifyBaseLogger;
    },
  ) {}

  onRun(listener: RunListener): void {
    this.listeners.push(listener);
  }

  /** Evaluates and stores one run; 404 (NotFoundError) for an unknown scenario, nothing written. */
  async run(scenarioId: string, request: RunRequest): Promise<Run> {
    const scenario = await this.deps.scenarios.get(scenarioId);
    let evaluation: RunEvaluation | null = null;
    let error: RunError | null = null;
    try {
      const { prepared, result } = evaluateScenario(scenario, await this.deps.catalog.snapshot(), this.deps.costModels);
      evaluation = compactEvaluation(scenario.request, prepared, result);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = { status: err.status, title: err.title, detail: err.message, errors: err.errors };
    }
    const stored = await this.deps.runs.insert(
      {
        scenarioId,
        trigger: request.trigger,
        actor: request.actor,
        status: evaluation ? 'ok' : 'failed',
        scheduledFor: request.scheduledFor ?? null,
        scenarioVersion: scenario.version,
        evaluation,
        summary: evaluation ? summarize(evaluation) : null,
        error,
      },
      (previous) =>
        evaluation && previous?.evaluation
          ? diffRuns(
              { id: previous.id, scenarioVersion: previous.scenarioVersion, evaluation: previous.evaluation },
              {
                scenarioVersion: scenario.version,
                evaluation,
              },
            )
          : null,
    );
    for (const listener of this.listeners) {
      await listener(stored).catch((err: unknown) => this.deps.log.error({ err, runId: stored.id }, 'run listener failed'));
    }
    return stored;
  }
}
