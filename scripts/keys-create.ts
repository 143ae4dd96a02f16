/**
 * Creates an API key in DATABASE_URL and prints its secret once (docs/auth.md):
 *   npm run keys:create -- --name admin --scopes admin
 *   npm run keys:create -- --name pricing-bot --scopes catalog:write,read
 * Only the SHA-256 of the secret is stored; the secret cannot be shown again.
 */
import { parseArgs } from 'node:util';
import { KeyService } from '../src/auth/keys-service.js';
import { keyCreateSchema } from '../src/auth/schemas.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { createRepositories } from '../src/repositories/index.js';

const usage = 'usage: npm run keys:create -- --name <name> --scopes <scope[,scope…]>   (scopes: read, write, catalog:write, admin)\n';
let values: { name?: string; scopes?: string };
try {
  ({ values } = parseArgs({ options: { name: { type: 'string' }, scopes: { type: 'string' } }, strict: true }));
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${usage}`);
  process.exit(2);
}
const parsed = keyCreateSchema.safeParse({ name: values.name, scopes: (values.scopes ?? '').split(',').filter((s) => s !== '') });
if (!parsed.success) {
  const problems = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'arguments'}: ${i.message}`).join('\n');
  process.stderr.write(`${problems}\n${usage}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config.DATABASE_URL);
try {
  const { key, secret } = await new KeyService(createRepositories(db).apiKeys).create(parsed.data.name, parsed.data.scopes);
  process.stderr.write(`Created API key '${key.name}' (id ${key.id}, scopes: ${key.scopes.join(', ')}).\n`);
  process.stderr.write('The secret follows on standard output. It is shown this once; only its SHA-256 is stored.\n');
  process.stdout.write(`${secret}\n`);
} finally {
  await db.close();
}
