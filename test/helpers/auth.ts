import type supertest from 'supertest';
import { expect } from 'vitest';
import { newSecret } from '../../src/auth/secrets.js';
import { baseWorkload } from './comparison.js';

/** A fresh admin secret for ADMIN_API_KEY. */
export const adminSecret = (): string => newSecret();

/** `Authorization` header value for a secret. */
export const bearer = (secret: string): string => `Bearer ${secret}`;

/** Creates a key through POST /keys with an admin secret; returns its id and secret. */
export async function createKey(
  http: supertest.Agent,
  admin: string,
  name: string,
  scopes: string[],
): Promise<{ id: string; secret: string }> {
  const res = await http.post('/keys').set('authorization', bearer(admin)).send({ name, scopes });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { id: res.body.id as string, secret: res.body.secret as string };
}

let counter = 0;
/** A valid scenario body on reference profiles (LOAD_REFERENCE_DATA: true), with a unique name. */
export function scenarioBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    name: `Auth scenario ${counter}`,
    workload: baseWorkload(),
    candidates: [
      { type: 'self-host', label: 'qwen on L40S', model: 'qwen3-8b', hardware: 'nvidia-l40s' },
      { type: 'api', label: 'gpt-5-mini', offering: 'openai-gpt-5-mini' },
    ],
    ...overrides,
  };
}
