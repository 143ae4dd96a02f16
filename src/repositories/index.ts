import type { Database } from '../db/database.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import { type ApiKeyRepository, createApiKeyRepository } from './api-keys.js';
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
  };
}
