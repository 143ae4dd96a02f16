import type { ApiKeyRepository, StoredApiKey } from '../repositories/api-keys.js';
import type { Actor } from './actor.js';
import { hashSecret, sameHash } from './secrets.js';

/** How often a key's `lastUsedAt` is written at most, ms: one write per key per minute, not per request. */
const TOUCH_INTERVAL_MS = 60_000;
/** Entries kept in the lookup cache at most (unknown secrets included); the cache is emptied when full. */
const CACHE_LIMIT = 10_000;

export type Authentication = { ok: true; actor: Actor } | { ok: false; reason: 'unknown' | 'revoked' };

/**
 * Turns a bearer secret into an actor: hashes it, finds the key by hash, compares the hashes in
 * constant time. Lookups are cached per instance for `ttlMs` (revocations through this instance
 * apply at once, through another within `ttlMs`).
 */
export class KeyAuthenticator {
  private readonly cache = new Map<string, { key: StoredApiKey | null; at: number }>();
  private readonly touched = new Map<string, number>();
  private keysExist = false;

  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authenticate(secret: string, onTouchError: (err: unknown) => void): Promise<Authentication> {
    const hash = hashSecret(secret);
    const key = await this.lookup(hash);
    if (!key || !sameHash(key.secretHash, hash)) return { ok: false, reason: 'unknown' };
    if (key.revokedAt !== null) return { ok: false, reason: 'revoked' };
    await this.touch(key.id).catch(onTouchError);
    return { ok: true, actor: { name: key.name, keyId: key.id, scopes: key.scopes } };
  }

  /** Whether any key was ever created (revoked ones count: revoking every key never reopens writes). */
  async anyKeyExists(): Promise<boolean> {
    if (!this.keysExist) this.keysExist = (await this.keys.count()) > 0;
    return this.keysExist;
  }

  /** Forgets cached lookups, e.g. after a revocation through this instance. */
  forget(): void {
    this.cache.clear();
  }

  /** Records that a key now exists (after a create through this instance). */
  keyCreated(): void {
    this.keysExist = true;
  }

  private async lookup(hash: string): Promise<StoredApiKey | null> {
    const cached = this.cache.get(hash);
    if (cached && this.now() - cached.at < this.ttlMs) return cached.key;
    const key = await this.keys.findByHash(hash);
    if (this.ttlMs > 0) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(hash, { key, at: this.now() });
    }
    return key;
  }

  private async touch(id: string): Promise<void> {
    const at = this.now();
    const last = this.touched.get(id);
    if (last !== undefined && at - last < TOUCH_INTERVAL_MS) return;
    this.touched.set(id, at);
    await this.keys.touch(id, new Date(at));
  }
}
