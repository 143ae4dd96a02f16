import type { Database } from '../db/database.js';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../domain/profiles.js';
import { type ChangeLogRepository, createChangeLogRepository } from './change-log.js';
import { createProfileRepository, type ProfileRepository } from './profile-repository.js';
import { createScenarioRepository, type ScenarioRepository } from './scenarios.js';

export interface Repositories {
  hardware: ProfileRepository<HardwareProfile>;
  models: ProfileRepository<ModelProfile>;
  apiOfferings: ProfileRepository<ApiOffering>;
  scenarios: ScenarioRepository;
  changeLog: ChangeLogRepository;
}

export function createRepositories(db: Database): Repositories {
  return {
    hardware: createProfileRepository('hardware profile', 'hardware', 'hardware', db),
    models: createProfileRepository('model profile', 'model', 'model', db),
    apiOfferings: createProfileRepository('API offering', 'api-offering', 'apiOffering', db),
    scenarios: createScenarioRepository(db),
    changeLog: createChangeLogRepository(db),
  };
}
