import type { WriteContext } from '../audit/record.js';
import type { ApiKey, ApiKeyRepository } from '../repositories/api-keys.js';
import type { Scope } from './actor.js';
import type { KeyAuthenticator } from './authenticator.js';
import { hashSecret, newSecret } from './secrets.js';

/** Name of the key ADMIN_API_KEY creates. */
export const BOOTSTRAP_KEY_NAME = 'bootstrap-admin';

/** Creating, listing and revoking keys; the secret of a new key is returned once and never stored. */
export class KeyService {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly authenticator?: KeyAuthenticator,
  ) {}

  /** `ctx` (who, when, which request) puts the write in the audit trail. */
  async create(name: string, scopes: Scope[], ctx?: WriteContext): Promise<{ key: ApiKey; secret: string }> {
    const secret = newSecret();
    const key = await this.keys.create({ name, scopes: [...new Set(scopes)], secretHash: hashSecret(secret) }, ctx);
    this.authenticator?.keyCreated();
    return { key, secret };
  }

  list(query: { limit: number; offset: number }) {
    return this.keys.list(query);
  }

  async revoke(id: string, ctx?: WriteContext): Promise<ApiKey> {
    const key = await this.keys.revoke(id, ctx);
    this.authenticator?.forget();
    return key;
  }

  /**
   * Ensures the admin key whose secret is `secret` (ADMIN_API_KEY) exists as `bootstrap-admin`,
   * and revokes an earlier bootstrap key with another secret (so changing the variable rotates it).
   * Returns whether the key was created now, how many earlier bootstrap keys were revoked, and
   * whether this secret's key had been revoked (through DELETE /keys; it stays revoked).
   */
  async ensureBootstrap(secret: string): Promise<{ created: boolean; revoked: number; isRevoked: boolean }> {
    const secretHash = hashSecret(secret);
    let created = false;
    const existing = await this.keys.findByHash(secretHash);
    if (!existing) {
      try {
        await this.keys.create(
          { name: BOOTSTRAP_KEY_NAME, scopes: ['admin'], secretHash },
          { actor: 'ADMIN_API_KEY', requestId: null, at: new Date() },
        );
        created = true;
      } catch (err) {
        // Another instance started with the same variable and stored it first.
        if (!(await this.keys.findByHash(secretHash))) throw err;
      }
    }
    const revoked = await this.keys.revokeNamedExcept(BOOTSTRAP_KEY_NAME, secretHash);
    this.authenticator?.keyCreated();
    return { created, revoked, isRevoked: existing?.revokedAt != null };
  }
}
