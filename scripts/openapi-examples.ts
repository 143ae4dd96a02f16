/**
 * Regenerates the computed examples of the OpenAPI document (npm run openapi:examples), then run
 * `npm run openapi:write`. The example scenario (src/schemas/scenarios.ts) is saved and evaluated
 * on the reference catalogue by the real service at a fixed date, so the ScenarioEvaluation example
 * is a response the service gives, every field included; `npm run lint:openapi` (Redocly, redocly.yaml)
 * fails when an example no longer matches its schema.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultConfig } from '../src/config.js';
import { projectRoot } from '../src/db/paths.js';
import { scenarioWriteSchema } from '../src/schemas/scenarios.js';
import { createService } from '../src/service.js';

const EVALUATED_AT = '2026-11-27T05:00:00.000Z';
const SCENARIO_ID = '23724ed5-3726-4d4b-ae95-b99c710f4656';
const STORED_AT = '2026-11-27T04:00:00.000Z';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-examples-'));
try {
  const { app } = await createService(
    defaultConfig({ DATABASE_URL: `file:${join(dir, 'examples.db')}`, LOG_LEVEL: 'silent', LOAD_REFERENCE_DATA: true }),
    { now: () => new Date(EVALUATED_AT) },
  );
  await app.ready();
  const scenario = (scenarioWriteSchema.meta()?.examples as object[] | undefined)?.[0];
  if (!scenario) throw new Error('the ScenarioWrite schema has no example');
  const created = await app.inject({ method: 'POST', url: '/scenarios', payload: scenario });
  if (created.statusCode !== 201) throw new Error(`POST /scenarios answered ${created.statusCode}: ${created.body}`);
  const id = (created.json() as { id: string }).id;
  const evaluated = await app.inject({ method: 'GET', url: `/scenarios/${id}/evaluation` });
  if (evaluated.statusCode !== 200) throw new Error(`GET evaluation answered ${evaluated.statusCode}: ${evaluated.body}`);
  await app.close();
  // Stable ids and timestamps: the example scenario's id, and fixed dates instead of the load time.
  const text = evaluated.body
    .replaceAll(id, SCENARIO_ID)
    .replace(/"updatedAt":"[^"]+"/g, `"updatedAt":"${STORED_AT}"`)
    .replace(/"evaluatedAt":"[^"]+"/g, `"evaluatedAt":"${EVALUATED_AT}"`);
  const target = resolve(projectRoot, 'src/schemas/examples/scenario-evaluation.json');
  writeFileSync(target, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
  process.stdout.write(`wrote ${target}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
