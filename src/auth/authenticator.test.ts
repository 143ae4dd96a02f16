import { describe, expect, it } from 'vitest';
import type { ApiKeyRepository, StoredApiKey } from '../repositories/api-keys.js';
import { KeyAuthenticator } from './authenticator.js';
import { hashSecret, newSecret } from './secrets.js';

/** An in-memory key store counting lookups and touches. */
function fakeKeys(keys: StoredApiKey[]) {
  const calls = { lookups: 0, touches: [] as number[], counts: 0 };
  const repo: ApiKeyRepository = {
    create: async () => {
      throw new Error('not used');
    },
    findByHash: async (hash) => {
      calls.lookups++;
      return keys.find((k) => k.secretHash === hash) ?? null;
    },
    list: async () => ({ items: [], total: 0, limit: 50, offset: 0 }),
    revoke: async () => {
      throw new Error('not used');
    },
    revokeNamedExcept: async () => 0,
    touch: async (_id, at) => {
      calls.touches.push(at.getTime());
    },
    count: async () => {
      calls.counts++;
      return keys.length;
    },
  };
  return { repo, calls };
}

const stored = (secret: string, over: Partial<StoredApiKey> = {}): StoredApiKey => ({
  id: 'k1',
  name: 'reader',
  scopes: ['read'],
  createdAt: '2026-12-01T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  secretHash: hashSecret(secret),
  ...over,
});
const ignore = () => {};

describe('KeyAuthenticator', () => {
  it('turns a known secret into its actor; an unknown or revoked one fails with the reason', async () => {
    const live = newSecret();
    const revoked = newSecret();
    const { repo } = fakeKeys([stored(live), stored(revoked, { id: 'k2', revokedAt: '2026-12-01T01:00:00.000Z' })]);
    const auth = new KeyAuthenticator(repo, 0);
    expect(await auth.authenticate(live, ignore)).toEqual({ ok: true, actor: { name: 'reader', keyId: 'k1', scopes: ['read'] } });
    expect(await auth.authenticate(revoked, ignore)).toEqual({ ok: false, reason: 'revoked' });
    expect(await auth.authenticate(newSecret(), ignore)).toEqual({ ok: false, reason: 'unknown' });
  });

  it('caches lookups for the TTL, then reads again; forget() drops the cache', async () => {
    const secret = newSecret();
    const { repo, calls } = fakeKeys([stored(secret)]);
    let now = 1_000_000;
    const auth = new KeyAuthenticator(repo, 5_000, () => now);
    await auth.authenticate(secret, ignore);
    now += 4_999;
    await auth.authenticate(secret, ignore);
    expect(calls.lookups).toBe(1);
    now += 1;
    await auth.authenticate(secret, ignore);
    expect(calls.lookups).toBe(2);
    auth.forget();
    await auth.authenticate(secret, ignore);
    expect(calls.lookups).toBe(3);
  });

  it('records a use at most once a minute per key', async () => {
    const secret = newSecret();
    const { repo, calls } = fakeKeys([stored(secret)]);
    let now = 0;
    const auth = new KeyAuthenticator(repo, 0, () => now);
    for (const t of [0, 30_000, 59_999, 60_000, 119_999, 120_000]) {
      now = t;
      await auth.authenticate(secret, ignore);
    }
    expect(calls.touches).toEqual([0, 60_000, 120_000]);
  });

  it('a failed use record does not fail the authentication', async () => {
    const secret = newSecret();
    const { repo } = fakeKeys([stored(secret)]);
    repo.touch = async () => {
      throw new Error('database busy');
    };
    const errors: unknown[] = [];
    const result = await new KeyAuthenticator(repo, 0).authenticate(secret, (e) => errors.push(e));
    expect(result.ok).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('anyKeyExists asks the store until a key exists, then never again', async () => {
    const keys: StoredApiKey[] = [];
    const { repo, calls } = fakeKeys(keys);
    const auth = new KeyAuthenticator(repo, 0);
    expect(await auth.anyKeyExists()).toBe(false);
    expect(await auth.anyKeyExists()).toBe(false);
    keys.push(stored(newSecret()));
    expect(await auth.anyKeyExists()).toBe(true);
    expect(await auth.anyKeyExists()).toBe(true);
    expect(calls.counts).toBe(3);
  });
});
