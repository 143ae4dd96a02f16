import type { Database } from '../db/database.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { ApiOffering as ApiOfferingRow, Hardware as HardwareRow, Model as ModelRow } from '../generated/prisma/client.js';
import { type ApiKeyRepository, createApiKeyRepository } from './api-keys.js';
import { type BatchJobRepository, createBatchJobRepository } from './batch-jobs.js';
import { type ChangeLogRepository, createChangeLogRepository } from './change-log.js';
import { createIdempotencyRepository, type IdempotencyRepository } from './idempotency.js';
import { createProfileRepository, type ProfileRepository } from './profile-repository.js';
import { createScenarioRepository, type ScenarioRepository } from './scenarios.js';

export interface Repositories {
  hardware: ProfileRepository<HardwareProfile>;
  models: ProfileRepository<ModelProfile>;
  apiOfferings: ProfileRepository<ApiOffering>;
  scenarios: ScenarioRepository;
  changeLog: ChangeLogRepository;
  apiKeys: ApiKeyRepository;
  idempotency: IdempotencyRepository;
  batchJobs: BatchJobRepository;
}

export function createRepositories(db: Database): Repositories {
  return {
    hardware: createProfileRepository('hardware profile', 'hardware', 'hardware', db),
    models: createProfileRepository('model profile', 'model', 'model', db),
    apiOfferings: createProfileRepository('API offering', 'api-offering', 'apiOffering', db),
    scenarios: createScenarioRepository(db),
    changeLog: createChangeLogRepository(db),
    apiKeys: createApiKeyRepository(db),
    idempotency: createIdempotencyRepository(db),
    batchJobs: createBatchJobRepository(db),
  };
}

/**
 * The Prisma models (prisma/schema.prisma) store exactly the fields of the domain types
 * (src/domain/profiles.ts): a column missing on either side fails `npm run typecheck` here.
 * `deletedAt` (the soft-delete mark, docs/catalog.md) is bookkeeping the domain types leave out.
 */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const rowsMatchDomain: [
  SameKeys<Omit<HardwareRow, 'deletedAt'>, HardwareProfile>,
  SameKeys<Omit<ModelRow, 'deletedAt'>, ModelProfile>,
  SameKeys<Omit<ApiOfferingRow, 'deletedAt'>, ApiOffering>,
] = [true, true, true];
void rowsMatchDomain;
