/**
 * Regenerates the committed openapi.yaml from the routes' zod schemas (npm run openapi:write).
 * test/openapi.test.ts fails when the committed file and the served document differ.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultConfig } from '../src/config.js';
import { projectRoot } from '../src/db/paths.js';
import { createService } from '../src/service.js';

const dir = mkdtempSync(join(tmpdir(), 'breakeven-openapi-'));
try {
  const { app } = await createService(
    defaultConfig({ DATABASE_URL: `file:${join(dir, 'openapi.db')}`, LOG_LEVEL: 'silent', LOAD_REFERENCE_DATA: false }),
  );
  await app.ready();
  const target = resolve(projectRoot, 'openapi.yaml');
  writeFileSync(target, app.swagger({ yaml: true }));
  await app.close();
  process.stdout.write(`wrote ${target}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
