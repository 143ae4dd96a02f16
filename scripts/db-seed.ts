/** Loads data/reference/profiles.json into DATABASE_URL (the service also does this at start): npm run db:seed */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { loadReferenceData, readReferenceData } from '../src/db/reference-data.js';
import { createRepositories } from '../src/repositories/index.js';

const config = loadConfig();
const db = await openDatabase(config.DATABASE_URL);
const result = await loadReferenceData(db, createRepositories(db), readReferenceData());
process.stdout.write(
  result.loaded
    ? `reference data ${result.dataVersion}: ${result.inserted} records inserted\n`
    : `reference data ${result.dataVersion} was already loaded; nothing changed\n`,
);
await db.close();
