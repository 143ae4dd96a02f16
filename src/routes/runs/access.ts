import type { FastifyRequest } from 'fastify';
import { actorOf } from '../../auth/actor.js';
import { scenarioOwnerOf } from '../../auth/ownership.js';
import { NotFoundError } from '../../errors.js';
import type { Scenario, ScenarioRepository } from '../../repositories/scenarios.js';
import type { RunRepository } from '../../runs/repository.js';

/**
 * Whether the request may read a scenario's runs and deliveries (docs/auth.md, "Ownership"): the
 * scenario is the actor's (or the actor is an admin), or it was deleted with its runs kept and
 * those runs were stored under the actor's key. Answers the scenario when it still exists;
 * throws 404 otherwise, as for another owner's scenario.
 */
export async function readableScenario(
  req: FastifyRequest,
  id: string,
  deps: { scenarios: ScenarioRepository; runs: RunRepository },
): Promise<Scenario | null> {
  const owner = scenarioOwnerOf(actorOf(req));
  try {
    return await deps.scenarios.ownedBy(owner).get(id);
  } catch (err) {
    if (err instanceof NotFoundError && (await deps.runs.visibleTo(id, owner))) return null;
    throw err;
  }
}

/** The scenario, if the request's actor owns it (404 otherwise): for routes that run it. */
export function ownedScenario(req: FastifyRequest, id: string, scenarios: ScenarioRepository): Promise<Scenario> {
  return scenarios.ownedBy(scenarioOwnerOf(actorOf(req))).get(id);
}
