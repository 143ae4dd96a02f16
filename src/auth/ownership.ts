import type { ScenarioOwner } from '../repositories/scenarios.js';
import type { Actor } from './actor.js';

/**
 * Whose scenarios an actor sees (docs/auth.md, "Ownership"): an admin key sees every scenario;
 * any other key sees those it created; a request without a key sees those written without one.
 */
export function scenarioOwnerOf(actor: Actor): ScenarioOwner {
  return { keyId: actor.keyId, seesAll: actor.keyId !== null && actor.scopes.includes('admin') };
}
