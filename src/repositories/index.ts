import type { Database } from '../db/database.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import type { ApiOffering as ApiOfferingRow, Hardware as HardwareRow, Model as ModelRow } from '../generated/prisma/client.js';
import { type ApiKeyRepository, createApiKeyRepository } from './api-keys.js';
import { type BatchJobRepository, createBatchJobRepository } from './batch-jobs.js';
import { createIdempotencyRepository, type IdempotencyRepository } from './idempotency.js';
import { createProfileRepository, type ProfileDelegate, type ProfileRepository } from './profile-repository.js';
import { createScenarioRepository, type ScenarioRepository } from './scenarios.js';

export interface Repositories {
  hardware: ProfileRepository<HardwareProfile>;
  models: ProfileRepository<ModelProfile>;
  apiOfferings: ProfileRepository<ApiOffering>;
  scenarios: ScenarioRepository;
  apiKeys: ApiKeyRepository;
  idempotency: IdempotencyRepository;
  batchJobs: BatchJobRepository;
}

export function createRepositories(db: Database): Repositories {
  // Prisma's delegate types are generic per model; the repository only needs the shared subset.
  const delegate = (d: unknown) => d as ProfileDelegate;
  return {
    hardware: createProfileRepository('hardware profile', delegate(db.prisma.hardware)),
    models: createProfileRepository('model profile', delegate(db.prisma.model)),
    apiOfferings: createProfileRepository('API offering', delegate(db.prisma.apiOffering)),
    scenarios: createScenarioRepository(db),
    apiKeys: createApiKeyRepository(db),
    idempotency: createIdempotencyRepository(db),
    batchJobs: createBatchJobRepository(db),
  };
}

/**
 * The Prisma models (prisma/schema.prisma) store exactly the fields of the domain types
 * (src/domain/profiles.ts): a column missing on either side fails `npm run typecheck` here.
 */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
const rowsMatchDomain: [SameKeys<HardwareRow, HardwareProfile>, SameKeys<ModelRow, ModelProfile>, SameKeys<ApiOfferingRow, ApiOffering>] = [
  true,
  true,
  true,
];
void rowsMatchDomain;
