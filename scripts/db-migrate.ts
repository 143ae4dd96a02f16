/** Applies pending migrations to DATABASE_URL (the service also does this at start): npm run db:migrate */
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';

const config = loadConfig();
const db = await openDatabase(config.DATABASE_URL);
process.stdout.write(db.appliedAtOpen.length > 0 ? `applied: ${db.appliedAtOpen.join(', ')}\n` : 'database is up to date\n');
await db.close();
