import { UnprocessableError } from '../../errors.js';
import type { Scenario } from '../../repositories/scenarios.js';
import type { CatalogSnapshot } from '../catalog.js';
import type { ReplicaModels } from '../comparison/candidates.js';
import { checkedRequest } from '../scenarios/stored-request.js';
import { hybridProfile } from './hybrid-profile.js';

/**
 * The hybrid plan of a saved scenario drawn as an SVG document (GET /scenarios/{id}/hybrid.svg):
 * the pair named by `labels` (default: the cheapest hybrid plan), hour by hour.
 *
 * @throws {UnprocessableError} the stored request is invalid, or there is no self-host × API pair
 *   with a fitting self-host model; BadRequestError for an unknown label (hybridProfile).
 */
export async function scenarioHybridChart(
  s: Scenario,
  snapshot: CatalogSnapshot,
  labels: { selfHost?: string; api?: string },
  models?: ReplicaModels,
): Promise<string> {
  const profile = hybridProfile(checkedRequest(s.request), snapshot, labels, models);
  if (profile === null) {
    throw new UnprocessableError('Nothing to draw: the scenario needs a fitting self-host candidate and an API candidate.', [
      { field: 'candidates', message: 'no self-host × API pair with a fitting self-host model' },
    ]);
  }
  // vega and vega-lite load on the first chart request, not at start-up.
  const { renderHybridSvg } = await import('../../charts/index.js');
  const share = Math.round(profile.selfHostedTokenShare * 100);
  const replicas = `${profile.replicas} replica${profile.replicas === 1 ? '' : 's'}`;
  return renderHybridSvg({
    title: `Hybrid plan over the day — "${profile.selfHost}" (${replicas}, ${share} % of tokens) + "${profile.api}" — scenario "${s.name}"`,
    hours: profile.hours,
  });
}
