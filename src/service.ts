import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/database.js';
import { loadReferenceData, readReferenceData } from './db/reference-data.js';
import { createRepositories } from './repositories/index.js';

/**
 * Opens the store (applying migrations), loads the reference data when configured, and builds
 * the app. Closing the app closes the database.
 */
export async function createService(config: Config, opts: { now?: () => Date } = {}): Promise<{ app: FastifyInstance; db: Database }> {
  const db = await openDatabase(config.DATABASE_URL);
  try {
    const app = await buildApp(config, { db, ...opts });
    if (db.appliedAtOpen.length > 0) app.log.info({ migrations: db.appliedAtOpen }, 'migrations applied');
    if (config.LOAD_REFERENCE_DATA) {
      const result = await loadReferenceData(db, createRepositories(db), readReferenceData(), app.now());
      app.log.info(result, result.loaded ? 'reference data loaded' : 'reference data already loaded');
    }
    app.addHook('onClose', async () => db.close());
    return { app, db };
  } catch (err) {
    await db.close();
    throw err;
  }
}
