import type { FastifyInstance } from 'fastify';
import type { ApiOffering, HardwareProfile, ModelProfile } from '../../domain/profiles.js';
import type { Repositories } from '../../repositories/index.js';
import { apiOfferingSchemas, hardwareSchemas, modelSchemas } from '../../schemas/profiles.js';
import type { ProfileCatalog } from '../../services/catalog.js';
import { registerProfileRoutes } from './register.js';

export interface ProfileRoutesDeps {
  repos: Repositories;
  catalog: ProfileCatalog;
  onWrite?: (kind: 'hardware' | 'models' | 'apiOfferings') => void;
  now: () => Date;
}

export async function profileRoutes(app: FastifyInstance, { repos, catalog, onWrite, now }: ProfileRoutesDeps): Promise<void> {
  registerProfileRoutes(app, {
    path: '/hardware',
    tag: 'Hardware',
    noun: 'hardware profile',
    operation: ['Hardware', 'Hardware'],
    schemas: hardwareSchemas,
    repo: repos.hardware,
    filters: { vendor: 'Vendor, e.g. NVIDIA or AMD' },
    onWrite: () => onWrite?.('hardware'),
    listAll: () => catalog.list<HardwareProfile>('hardware'),
    changeLog: repos.changeLog,
    now,
  });
  registerProfileRoutes(app, {
    path: '/models',
    tag: 'Models',
    noun: 'model profile',
    operation: ['Model', 'Models'],
    schemas: modelSchemas,
    repo: repos.models,
    filters: {
      vendor: 'Vendor, e.g. Google or IBM',
      architecture: 'dense, moe or hybrid',
      license: 'SPDX licence id or custom',
      family: 'Model family, e.g. Gemma 4',
    },
    onWrite: () => onWrite?.('models'),
    listAll: () => catalog.list<ModelProfile>('models'),
    changeLog: repos.changeLog,
    now,
  });
  registerProfileRoutes(app, {
    path: '/api-offerings',
    tag: 'API offerings',
    noun: 'API offering',
    operation: ['ApiOffering', 'ApiOfferings'],
    schemas: apiOfferingSchemas,
    repo: repos.apiOfferings,
    filters: {
      provider: 'Provider, e.g. OpenAI',
      kind: 'closed or hosted-open-weight',
      modelId: 'Model profile id served',
    },
    onWrite: () => onWrite?.('apiOfferings'),
    listAll: () => catalog.list<ApiOffering>('apiOfferings'),
    changeLog: repos.changeLog,
    now,
  });
}
