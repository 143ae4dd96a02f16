import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API key secrets: `bk_` followed by 32 random bytes in base64url (43 characters, 256 bits).
 *
 * Only the SHA-256 of a secret is stored. A slow password hash (bcrypt, scrypt, argon2) exists to
 * make guessing low-entropy human passwords expensive; a 256-bit random secret cannot be guessed,
 * so one fast hash is enough and keeps the check per request cheap (docs/auth.md, "Storage").
 */
export const SECRET_PREFIX = 'bk_';
const SECRET_BYTES = 32;

/** The shape of a secret this service generates: `bk_` and 43 base64url characters. */
export const SECRET_PATTERN = /^bk_[A-Za-z0-9_-]{43}$/;

/** A new random secret, e.g. `bk_3q2-7wE…` (46 characters). */
export function newSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** Lower-case hex SHA-256 of the secret's UTF-8 bytes (64 characters). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Compares two hex hashes in constant time (false when their lengths differ). */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
