import type { Database } from '../db/database.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import { type ApiKeyRepository, createApiKeyRepository } from './api-keys.js';
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
  };
}
